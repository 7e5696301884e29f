using System.Globalization;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>The options of <c>crisissim sweep</c>, as parsed; <see cref="Check"/> refuses the combinations that cannot run.</summary>
/// <param name="Out">--out, or null for a new folder under ./results.</param>
/// <param name="Threads">Worker threads; the results do not depend on it.</param>
/// <param name="Resume">Finish the sweep already in <paramref name="Out"/>.</param>
/// <param name="DryRun">Check and estimate only; write nothing.</param>
/// <param name="TicksEvery">K of --ticks-every (0: no ticks.csv).</param>
/// <param name="Progress">How progress is shown on stderr.</param>
/// <param name="Force">Replace an existing non-empty --out folder.</param>
/// <param name="AllowLarge">Accept designs of more than 1,000,000 runs.</param>
/// <param name="Shard">Which runs this process does: those with run_id mod Count = Index ((0, 1): all).</param>
/// <param name="Parquet">Also write runs.parquet (and ticks.parquet).</param>
/// <param name="NoReport">Skip the figures and report.html of the closing phase.</param>
public sealed record SweepOptions(string? Out, int Threads, bool Resume, bool DryRun, int TicksEvery, ProgressMode Progress, bool Force, bool AllowLarge, (int Index, int Count) Shard, bool Parquet = false, bool NoReport = false)
{
    /// <summary>Parses "I/N" (0 ≤ I &lt; N); null means the whole sweep (0/1).</summary>
    public static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i < n)
        {
            return (i, n);
        }

        throw new CliException($"--shard {text}: expected I/N with 0 ≤ I < N, e.g. 0/10 (as SLURM_ARRAY_TASK_ID/N)");
    }

    /// <summary>Refuses options that cannot run, before anything is read.</summary>
    public void Check()
    {
        if (Threads < 1)
        {
            throw new CliException($"--threads must be at least 1, not {Threads}");
        }

        if (TicksEvery < 0)
        {
            throw new CliException($"--ticks-every must be 0 (no {FileNames.Ticks}) or more, not {TicksEvery}");
        }

        if (Resume && Out is null)
        {
            throw new CliException("--resume needs the --out folder of the sweep to finish");
        }
    }

    /// <summary>The options a resume must repeat (shard and --ticks-every), as command-line text after --out.</summary>
    public string ResumeArgs =>
        (Shard.Count > 1 ? $" --shard {Shard.Index}/{Shard.Count}" : "") + (TicksEvery > 0 ? $" --ticks-every {TicksEvery}" : "");
}
