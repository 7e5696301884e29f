using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>The merge job's own resources (it is one process that reads everything, not a shard).</summary>
/// <param name="Time">#SBATCH --time of the merge job.</param>
/// <param name="Cpus">#SBATCH --cpus-per-task of the merge job.</param>
/// <param name="Mem">#SBATCH --mem of the merge job, or null.</param>
internal sealed record MergeResources(string Time, int Cpus, string? Mem);

/// <summary>The options of <c>crisissim slurm</c> that go into the scripts (already checked by the command).</summary>
/// <param name="Shards">Shards, one array task each.</param>
/// <param name="Partition">#SBATCH --partition, or null.</param>
/// <param name="Time">#SBATCH --time of each shard.</param>
/// <param name="Cpus">#SBATCH --cpus-per-task of each shard; the shard's sweep uses them all.</param>
/// <param name="Mem">#SBATCH --mem of each shard, or null.</param>
/// <param name="Account">#SBATCH --account, or null.</param>
/// <param name="TicksEvery">--ticks-every of every shard.</param>
/// <param name="Command">The shell command that runs crisissim on the nodes (the binary, or dotnet and the dll; nothing else).</param>
/// <param name="Setup">Lines run before crisissim in every job script (--setup, --setup-file), e.g. <c>module load dotnet</c>.</param>
/// <param name="MaxParallel">Array tasks running at once (#SBATCH --array=…%N), or null for no limit.</param>
/// <param name="MaxArraySize">The cluster's MaxArraySize: an array's indices stay below it, so more shards are split into several arrays.</param>
/// <param name="StopGraceS">Seconds before the time limit at which a shard gets SIGTERM (#SBATCH --signal=B:TERM@S); 0: none.</param>
/// <param name="Merge">The merge job's resources.</param>
/// <param name="Parquet">The merge also writes runs.parquet (and ticks.parquet).</param>
internal sealed record SlurmJob(
    int Shards, string? Partition, string Time, int Cpus, string? Mem, string? Account, int TicksEvery, string Command,
    IReadOnlyList<string> Setup, int? MaxParallel, int MaxArraySize, int StopGraceS, MergeResources Merge, bool Parquet)
{
    /// <summary>The first shard of each array job: 0, MaxArraySize, 2 × MaxArraySize, … below Shards.</summary>
    public IEnumerable<int> ArrayOffsets => Enumerable.Range(0, (Shards + MaxArraySize - 1) / MaxArraySize).Select(c => c * MaxArraySize);

    /// <summary>Whether the shards need more than one array job.</summary>
    public bool Split => Shards > MaxArraySize;

    /// <summary>The throttle suffix of an --array value ("%N"), or "".</summary>
    public string Throttle => MaxParallel is { } n ? "%" + n.ToString(CultureInfo.InvariantCulture) : "";
}

/// <summary>
/// The job scripts of a Slurm job folder: <see cref="FileNames.SlurmArray"/> (one sweep shard per array task, resumed
/// when a task runs again) and <see cref="FileNames.SlurmMerge"/> (merge, compare, figures, report), with the submit
/// scripts of <see cref="SlurmSubmitScripts"/>. Paths are quoted for the shell, and for #SBATCH filename lines.
/// </summary>
internal static class SlurmScripts
{
    /// <summary>The environment variable that submit.sh and resubmit.sh set for an array job of shards from an offset on (above MaxArraySize).</summary>
    public const string OffsetVariable = "CRISISSIM_SHARD_OFFSET";

    /// <summary>The scripts by file name, for the folder <paramref name="dir"/> (resolved) and the experiment at <paramref name="experimentPath"/>.</summary>
    public static (string Name, string Text)[] For(SlurmJob job, LoadedExperiment exp, string experimentPath, string dir) =>
    [
        (FileNames.SlurmArray, Array(job, exp, experimentPath, dir)),
        (FileNames.SlurmMerge, Merge(job, exp, dir)),
        (FileNames.SlurmSubmit, SlurmSubmitScripts.Submit(job, dir)),
        (FileNames.SlurmResubmit, SlurmSubmitScripts.Resubmit(job, dir)),
    ];

    /// <summary>The shell quoting of the scripts: always single quotes, so a path reads the same in every line.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The job name of the shard arrays.</summary>
    public static string JobName(LoadedExperiment exp) => "crisissim-" + Safe(exp.Spec.Name);

    /// <summary>A log path for an #SBATCH or sbatch filename option: the logs folder with % written as %%, then <paramref name="pattern"/>.</summary>
    public static string Log(string dir, string pattern) => SbatchPath(Path.Combine(dir, FileNames.SlurmLogs)) + "/" + pattern;

    private static string Array(SlurmJob job, LoadedExperiment exp, string experimentPath, string dir)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName(exp)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{Math.Min(job.Shards, job.MaxArraySize) - 1}{job.Throttle}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={job.Cpus}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={job.Time}\n");
        if (job.StopGraceS > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --signal=B:TERM@{job.StopGraceS}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{Log(dir, "shard-%A_%a.out")}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --error=\"{Log(dir, "shard-%A_%a.err")}\"\n");
        AppendOptional(sb, job.Partition, job.Mem, job.Account);
        sb.Append(CultureInfo.InvariantCulture, $"# One shard of {exp.Runs.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates) per array task: shard {OffsetVariable} + SLURM_ARRAY_TASK_ID of {job.Shards}.\n");
        sb.Append("# Logs: one pair per attempt (%A is the array job's id), so a resubmitted task never overwrites an earlier attempt's log.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# A task that runs again resumes its shard (--resume): resubmit the missing or unfinished shards with {FileNames.SlurmResubmit}.\n");
        if (job.StopGraceS > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"# {job.StopGraceS} s before the time limit Slurm sends SIGTERM (--signal): the shard saves its finished runs, says so in the .err log and exits 143.\n");
        }

        sb.Append("set -eo pipefail\n");
        sb.Append(CultureInfo.InvariantCulture, $"shard=$(( ${{{OffsetVariable}:-0}} + SLURM_ARRAY_TASK_ID ))\n");
        sb.Append(CultureInfo.InvariantCulture, $"echo \"crisissim shard $shard/{job.Shards}: Slurm job ${{SLURM_ARRAY_JOB_ID}}_${{SLURM_ARRAY_TASK_ID}} on $(hostname)\" >&2\n");
        AppendSetup(sb, job.Setup);
        sb.Append("set -u\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"exec {job.Command} sweep {Quote(Path.GetFullPath(experimentPath))} --out {Quote(dir)}/{FileNames.SlurmShards}/shard-$shard --shard $shard/{job.Shards} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --ticks-every {job.TicksEvery} --resume --progress\n");
        return sb.ToString();
    }

    private static string Merge(SlurmJob job, LoadedExperiment exp, string dir)
    {
        string q = Quote(dir);
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={JobName(exp)}-merge\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={job.Merge.Cpus}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={job.Merge.Time}\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{Log(dir, "merge-%j.out")}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --error=\"{Log(dir, "merge-%j.err")}\"\n");
        AppendOptional(sb, job.Partition, job.Merge.Mem, job.Account);
        sb.Append("# Joins the shards into the files one machine would have written (every row checked), then writes what a\n");
        sb.Append(CultureInfo.InvariantCulture, $"# single-machine sweep writes at its end: the comparison, figures and {FileNames.Report}{(job.Parquet ? $", and {FileNames.RunsParquet}" : "")}.\n");
        sb.Append("# It runs after the shard tasks whatever their end (afterany), and refuses, naming them, shards that are missing or\n");
        sb.Append(CultureInfo.InvariantCulture, $"# unfinished: then {FileNames.SlurmResubmit} resubmits exactly those, and this merge after them.\n");
        sb.Append("set -eo pipefail\n");
        AppendSetup(sb, job.Setup);
        sb.Append("set -u\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"exec {job.Command} merge {q}/{FileNames.SlurmShards} --out {q}/{FileNames.SlurmMerged} --force --compare{(job.Parquet ? " --format parquet" : "")}\n");
        return sb.ToString();
    }

    /// <summary>The set-up lines, before crisissim and before <c>set -u</c> (module systems read unset variables).</summary>
    private static void AppendSetup(StringBuilder sb, IReadOnlyList<string> setup)
    {
        if (setup.Count == 0)
        {
            return;
        }

        sb.Append("# set-up (--setup, --setup-file)\n");
        foreach (string line in setup)
        {
            sb.Append(line).Append('\n');
        }

        sb.Append("# end of set-up\n");
    }

    private static void AppendOptional(StringBuilder sb, string? partition, string? mem, string? account)
    {
        if (partition is not null)
        {
            sb.Append("#SBATCH --partition=").Append(partition).Append('\n');
        }

        if (mem is not null)
        {
            sb.Append("#SBATCH --mem=").Append(mem).Append('\n');
        }

        if (account is not null)
        {
            sb.Append("#SBATCH --account=").Append(account).Append('\n');
        }
    }

    /// <summary>A path for an #SBATCH filename option: inside double quotes, with % (a Slurm filename pattern) written as %%.</summary>
    private static string SbatchPath(string path)
    {
        if (path.Contains('"', StringComparison.Ordinal))
        {
            throw new CliException($"{path}: a folder with a double quote cannot be named in an #SBATCH line; choose another --out");
        }

        return path.Replace("%", "%%", StringComparison.Ordinal);
    }

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
