using System.CommandLine;
using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim merge DIR... --out OUT</c>: joins the shards of a sweep (run with --shard I/N, e.g. as a
/// Slurm job array) into the files one machine would have written, byte for byte. Refuses shards of
/// different experiments (design hash), missing or duplicated shards, and unfinished shards, naming them.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs") { Description = "Shard folders, or folders that contain shard folders", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged sweep", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var format = new Option<string>("--format") { Description = $"csv (default), or parquet to also write {FileNames.RunsParquet} and {FileNames.TicksParquet}", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var compare = new Option<bool>("--compare") { Description = $"Then end as the single-machine sweep would: the comparison ({FileNames.Comparison}, and {FileNames.Interaction} and {FileNames.Thresholds} when the experiment asks), figures and {FileNames.Report}" };
        var noReport = new Option<bool>("--no-report") { Description = $"With --compare: skip the figures and {FileNames.Report} (draw them later with crisissim report)" };
        var command = new Command("merge", $"Merge the shards of a sweep into one {FileNames.Runs} (and {FileNames.Ticks}), identical to a single-machine sweep; every row of every shard is checked first") { dirs, outDir, force, format, compare, noReport };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(dirs) ?? [], parse.GetValue(outDir)!, parse.GetValue(force), parse.GetValue(format) == "parquet",
            parse.GetValue(compare) ? !parse.GetValue(noReport) : null));
        return command;
    }

    private sealed record Shard(string Dir, SweepManifest Manifest)
    {
        public int Index => Manifest.ShardIndex;

        public int Count => Manifest.ShardCount;
    }

    /// <param name="io">Where messages go.</param>
    /// <param name="dirs">Shard folders, or folders of shard folders.</param>
    /// <param name="outDir">The merged sweep's folder.</param>
    /// <param name="force">Replace an existing merged sweep.</param>
    /// <param name="parquet">Also write the Parquet tables.</param>
    /// <param name="compareWithReport">null: tables only; false: then the comparison; true: the comparison, figures and report.</param>
    private static int Execute(CommandOutput io, string[] dirs, string outDir, bool force, bool parquet, bool? compareWithReport)
    {
        var shards = FindShards(dirs);
        CheckComplete(shards, dirs);
        var first = shards[0];
        var ordered = shards.OrderBy(s => s.Index).ToArray();
        var exp = Experiment(first);
        VerifyRows(ordered, exp);
        using var folder = OutputFolder.Begin(outDir, force, ordered.Select(s => s.Dir));
        var outputs = WriteTables(ordered, folder, parquet);
        var manifest = first.Manifest with
        {
            ShardIndex = 0,
            ShardCount = 1,
            ShardRuns = first.Manifest.Runs,
            Format = parquet ? "parquet" : "csv",
            MergedFrom = [.. ordered.Select(s => s.Dir)],
            MergedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Complete = true,
            Outputs = outputs,
            FailedRuns = ordered.Sum(s => s.Manifest.FailedRuns ?? 0),
        };
        manifest.Write(folder.File(FileNames.SweepManifest));
        folder.Commit();
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Length} shards, {first.Manifest.Runs} runs, every row checked, into {folder.Target}"));
        if (compareWithReport is { } drawReport && exp.Spec.Design.Type.ComparesGroups)
        {
            // as a sweep ends: the tables are in place (still under this command's lock), then the comparison, figures and report
            var written = Sweep.SweepClosing.Compare(io, new SweepFolder(folder.Target), exp.Spec.Compare, drawReport).ToList();
            (manifest with { Outputs = [.. outputs, .. written] }).Write(Path.Combine(folder.Target, FileNames.SweepManifest));
        }

        return ExitCodes.Success;
    }

    /// <summary>Refuses shards of different experiments or splits, duplicated or missing shards, and unfinished ones, naming them.</summary>
    private static void CheckComplete(List<Shard> shards, string[] dirs)
    {
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.Manifest.DesignHash != first.Manifest.DesignHash)
            {
                throw new CliException($"{s.Dir}: belongs to another experiment (design hash {s.Manifest.DesignHash}, experiment '{s.Manifest.ExperimentName}') than {first.Dir} (design hash {first.Manifest.DesignHash}, experiment '{first.Manifest.ExperimentName}')");
            }

            if (s.Count != first.Count)
            {
                throw new CliException($"{s.Dir}: is shard {s.Index}/{s.Count}, but {first.Dir} is shard {first.Index}/{first.Count}; all shards must split the sweep the same way");
            }

            if (s.Manifest.TicksEvery != first.Manifest.TicksEvery)
            {
                throw new CliException($"{s.Dir}: was run with --ticks-every {s.Manifest.TicksEvery}, but {first.Dir} with {first.Manifest.TicksEvery}");
            }
        }

        var duplicates = shards.GroupBy(s => s.Index).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            var g = duplicates[0];
            throw new CliException($"shard {g.Key}/{first.Count} is given more than once: {string.Join(", ", g.Select(s => s.Dir))}");
        }

        var missing = Enumerable.Range(0, first.Count).Where(i => shards.All(s => s.Index != i)).ToList();
        var unfinished = shards.Where(s => !IsFinished(s)).OrderBy(s => s.Index).ToList();
        if (missing.Count == 0 && unfinished.Count == 0)
        {
            return;
        }

        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{first.Count}"))} of experiment '{first.Manifest.ExperimentName}' (have {string.Join(", ", shards.OrderBy(s => s.Index).Select(s => s.Index))})");
        }

        foreach (var s in unfinished)
        {
            problems.Add($"{s.Dir}: shard {s.Index}/{s.Count} is not finished (no complete {FileNames.SweepManifest}, {FileNames.Runs} or {FileNames.Ticks}); finish it with: crisissim sweep {Shell.Quote(s.Manifest.Experiment)} --out {Shell.Quote(s.Dir)} --shard {s.Index}/{s.Count}{(s.Manifest.TicksEvery > 0 ? $" --ticks-every {s.Manifest.TicksEvery}" : "")} --resume");
        }

        throw new CliException(string.Join("\nerror: ", problems) + ResubmitHint(dirs));
    }

    /// <summary>For the shards of a <c>crisissim slurm</c> job: the line that names its resubmit script, else "".</summary>
    private static string ResubmitHint(string[] dirs) => dirs.Select(Slurm.SlurmFolder.ResubmitScript).FirstOrDefault(s => s is not null) is { } script
        ? $"\non Slurm, resubmit exactly these shards (each resumes) and then this merge with: bash {Shell.Quote(script)}"
        : "";

    /// <summary>A shard is finished when its manifest says so and its tables are in place.</summary>
    private static bool IsFinished(Shard s) =>
        s.Manifest.Complete && File.Exists(Path.Combine(s.Dir, FileNames.Runs)) && (s.Manifest.TicksEvery == 0 || File.Exists(Path.Combine(s.Dir, FileNames.Ticks)));

    /// <summary>The merged runs.csv (and ticks.csv), and their Parquet copies if asked, in the staging folder; returns their file names.</summary>
    private static List<string> WriteTables(Shard[] ordered, OutputFolder folder, bool parquet)
    {
        var first = ordered[0];
        long runs = first.Manifest.Runs;
        Interleave(ordered, runs, FileNames.Runs, folder.File(FileNames.Runs));
        var outputs = new List<string> { FileNames.Runs };
        if (first.Manifest.TicksEvery > 0)
        {
            Interleave(ordered, runs, FileNames.Ticks, folder.File(FileNames.Ticks));
            outputs.Add(FileNames.Ticks);
        }

        if (parquet)
        {
            ParquetExport.Convert(folder.File(FileNames.Runs), folder.File(FileNames.RunsParquet));
            outputs.Add(FileNames.RunsParquet);
            if (first.Manifest.TicksEvery > 0)
            {
                ParquetExport.Convert(folder.File(FileNames.Ticks), folder.File(FileNames.TicksParquet));
                outputs.Add(FileNames.TicksParquet);
            }
        }

        return outputs;
    }

    /// <summary>The experiment the shards ran, re-read from the text their manifest keeps (its scenario from the path it names).</summary>
    private static LoadedExperiment Experiment(Shard first)
    {
        string baseDir = ExperimentSource.BaseDirOf(first.Manifest.Experiment);
        LoadedExperiment exp;
        try
        {
            exp = ExperimentSource.FromText(first.Manifest.ExperimentText, first.Manifest.Experiment, baseDir, allowLarge: true);
        }
        catch (Core.Scenarios.Schema.ScenarioException ex)
        {
            throw new CliException($"{first.Dir}: cannot re-read the experiment these shards ran, to check their rows: {(ex.Errors.Count > 0 ? ex.Errors[0] : ex.Message)}");
        }

        if (exp.DesignHash != first.Manifest.DesignHash)
        {
            throw new CliException($"{first.Dir}: the experiment's scenario ({first.Manifest.Scenario}) changed since the shards ran (design hash {first.Manifest.DesignHash}, now {exp.DesignHash}); restore it to merge");
        }

        return exp;
    }

    /// <summary>Every row of every shard: the shard's own runs in order, exactly as the sweep writes them, with complete tick series and no torn rows.</summary>
    private static void VerifyRows(Shard[] shards, LoadedExperiment exp)
    {
        using var executor = new RunExecutor(exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, 0);
        var ticksOf = executor.TickCounts();
        foreach (var s in shards)
        {
            var expected = exp.Runs.Where(r => r.RunId % s.Count == s.Index).ToList();
            int every = s.Manifest.TicksEvery;
            var result = ResultVerifier.Verify(Path.Combine(s.Dir, FileNames.Runs), every > 0 ? Path.Combine(s.Dir, FileNames.Ticks) : null, exp, expected, every, ticksOf);
            if (result.Problem is not null)
            {
                throw new CliException($"{s.Dir}: shard {s.Index}/{s.Count} cannot be merged: {result.Problem}");
            }
        }
    }

    /// <summary>A merged sweep beside the shards (e.g. merge --out shards/merged) is a result, not a shard.</summary>
    private static bool IsMerged(string folder) => SweepManifest.Read(Path.Combine(folder, FileNames.SweepManifest)).MergedFrom is not null;

    private static List<Shard> FindShards(string[] dirs)
    {
        var found = new List<Shard>();
        foreach (string d in dirs)
        {
            if (!Directory.Exists(d))
            {
                throw new CliException($"{d}: no such folder");
            }

            var candidates = File.Exists(Path.Combine(d, FileNames.SweepManifest))
                ? [d]
                : Directory.GetDirectories(d).Where(c => File.Exists(Path.Combine(c, FileNames.SweepManifest)) && !IsMerged(c)).Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length == 0)
            {
                throw new CliException($"{d}: neither a shard folder (no {FileNames.SweepManifest}) nor a folder of shard folders{ResubmitHint([d])}");
            }

            foreach (string c in candidates)
            {
                found.Add(new Shard(OutputPath.Resolve(c, "shard"), SweepManifest.Read(Path.Combine(c, FileNames.SweepManifest))));
            }
        }

        return found;
    }

    /// <summary>
    /// Interleaves one table of the shards back into run_id order (shard i holds run_ids i, i+N, i+2N, …): the rows of
    /// run r, verbatim, from shard r mod N. The rows were verified (<see cref="VerifyRows"/>), so each shard's rows of
    /// a run are consecutive and in order.
    /// </summary>
    private static void Interleave(Shard[] shards, long runs, string file, string outPath)
    {
        var readers = shards.Select(s => new RecordReader(Path.Combine(s.Dir, file))).ToArray();
        try
        {
            var pending = readers.Select(r => r.Next()).ToArray(); // the headers, equal in every verified shard
            using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
            w.Write(pending[0]);
            w.Write("\r\n");
            for (int i = 0; i < readers.Length; i++)
            {
                pending[i] = readers[i].Next();
            }

            for (long r = 0; r < runs; r++)
            {
                int s = (int)(r % shards.Length);
                while (pending[s] is { } row && RunId(row) == r)
                {
                    w.Write(row);
                    w.Write("\r\n");
                    pending[s] = readers[s].Next();
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    private static long RunId(string line)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : -1;
    }
}
