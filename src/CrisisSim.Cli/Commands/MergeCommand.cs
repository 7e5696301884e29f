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
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs") { Description = "Shard folders, or folders that contain shard folders", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged sweep", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var format = new Option<string>("--format") { Description = "csv (default), or parquet to also write runs.parquet and ticks.parquet", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var command = new Command("merge", "Merge the shards of a sweep into one runs.csv (and ticks.csv), identical to a single-machine sweep; every row of every shard is checked first") { dirs, outDir, force, format };
        command.SetAction(parse => Execute(parse.GetValue(dirs) ?? [], parse.GetValue(outDir)!, parse.GetValue(force), parse.GetValue(format) == "parquet"));
        return command;
    }

    private sealed record Shard(string Dir, SweepManifest Manifest)
    {
        public int Index => Manifest.ShardIndex;

        public int Count => Manifest.ShardCount;
    }

    private static int Execute(string[] dirs, string outDir, bool force, bool parquet)
    {
        var shards = FindShards(dirs);
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
        if (missing.Count > 0)
        {
            throw new CliException($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{first.Count}"))} of experiment '{first.Manifest.ExperimentName}' (have {string.Join(", ", shards.OrderBy(s => s.Index).Select(s => s.Index))})");
        }

        foreach (var s in shards)
        {
            if (!File.Exists(Path.Combine(s.Dir, SweepFolder.RunsFile)) || (s.Manifest.TicksEvery > 0 && !File.Exists(Path.Combine(s.Dir, SweepFolder.TicksFile))))
            {
                throw new CliException($"{s.Dir}: shard {s.Index}/{s.Count} is not finished (no runs.csv or ticks.csv); finish it with: crisissim sweep {Shell.Quote(s.Manifest.Experiment)} --out {Shell.Quote(s.Dir)} --shard {s.Index}/{s.Count}{(s.Manifest.TicksEvery > 0 ? $" --ticks-every {s.Manifest.TicksEvery}" : "")} --resume");
            }
        }

        var ordered = shards.OrderBy(s => s.Index).ToArray();
        var exp = Experiment(first);
        VerifyRows(ordered, exp);
        long runs = first.Manifest.Runs;
        using var folder = OutputFolder.Begin(outDir, force, ordered.Select(s => s.Dir));
        MergeRuns(ordered, runs, folder.File(SweepFolder.RunsFile));
        var outputs = new List<string> { SweepFolder.RunsFile };
        if (first.Manifest.TicksEvery > 0)
        {
            MergeTicks(ordered, runs, folder.File(SweepFolder.TicksFile));
            outputs.Add(SweepFolder.TicksFile);
        }

        if (parquet)
        {
            ParquetExport.Convert(folder.File(SweepFolder.RunsFile), folder.File(FileNames.RunsParquet));
            outputs.Add(FileNames.RunsParquet);
            if (first.Manifest.TicksEvery > 0)
            {
                ParquetExport.Convert(folder.File(SweepFolder.TicksFile), folder.File(FileNames.TicksParquet));
                outputs.Add(FileNames.TicksParquet);
            }
        }

        var manifest = first.Manifest with
        {
            ShardIndex = 0,
            ShardCount = 1,
            ShardRuns = runs,
            Format = parquet ? "parquet" : "csv",
            MergedFrom = [.. ordered.Select(s => s.Dir)],
            MergedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Complete = true,
            Outputs = outputs,
            FailedRuns = ordered.Sum(s => s.Manifest.FailedRuns ?? 0),
        };
        manifest.Write(folder.File(SweepManifest.FileName));
        folder.Commit();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Length} shards, {runs} runs, every row checked, into {folder.Target}"));
        return ExitCodes.Success;
    }

    /// <summary>The experiment the shards ran, re-read from the text their manifest keeps (its scenario from the path it names).</summary>
    private static LoadedExperiment Experiment(Shard first)
    {
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(first.Manifest.Experiment)) ?? ".";
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
        var ticksOf = new Dictionary<int, int>();
        foreach (var s in shards)
        {
            var expected = exp.Runs.Where(r => r.RunId % s.Count == s.Index).ToList();
            int every = s.Manifest.TicksEvery;
            var result = ResultVerifier.Verify(Path.Combine(s.Dir, SweepFolder.RunsFile), every > 0 ? Path.Combine(s.Dir, SweepFolder.TicksFile) : null, exp, expected, every,
                run => ticksOf.TryGetValue(run.Point.PointId, out int n) ? n : ticksOf[run.Point.PointId] = executor.TickCountOf(run.Point));
            if (result.Problem is not null)
            {
                throw new CliException($"{s.Dir}: shard {s.Index}/{s.Count} cannot be merged: {result.Problem}");
            }
        }
    }

    /// <summary>A merged sweep beside the shards (e.g. merge --out shards/merged) is a result, not a shard.</summary>
    private static bool IsMerged(string folder) => SweepManifest.Read(Path.Combine(folder, SweepManifest.FileName)).MergedFrom is not null;

    private static List<Shard> FindShards(string[] dirs)
    {
        var found = new List<Shard>();
        foreach (string d in dirs)
        {
            if (!Directory.Exists(d))
            {
                throw new CliException($"{d}: no such folder");
            }

            var candidates = File.Exists(Path.Combine(d, SweepManifest.FileName))
                ? [d]
                : Directory.GetDirectories(d).Where(c => File.Exists(Path.Combine(c, SweepManifest.FileName)) && !IsMerged(c)).Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length == 0)
            {
                throw new CliException($"{d}: neither a shard folder (no sweep.json) nor a folder of shard folders");
            }

            foreach (string c in candidates)
            {
                found.Add(new Shard(OutputPath.Resolve(c, "shard"), SweepManifest.Read(Path.Combine(c, SweepManifest.FileName))));
            }
        }

        return found;
    }

    /// <summary>Interleaves the shards' rows back into run_id order (shard i holds run_ids i, i+N, i+2N, …), checking every id.</summary>
    private static void MergeRuns(Shard[] shards, long runs, string outPath)
    {
        var readers = shards.Select(s => new StreamReader(Path.Combine(s.Dir, FileNames.Runs), new UTF8Encoding(false))).ToArray();
        try
        {
            string header = ReadRecord(readers[0]) ?? throw new CliException($"{shards[0].Dir}/runs.csv: empty");
            for (int i = 1; i < readers.Length; i++)
            {
                if (ReadRecord(readers[i]) != header)
                {
                    throw new CliException($"{shards[i].Dir}/runs.csv: its header differs from {shards[0].Dir}/runs.csv");
                }
            }

            using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
            w.Write(header);
            w.Write("\r\n");
            for (long r = 0; r < runs; r++)
            {
                int s = (int)(r % shards.Length);
                string line = ReadRecord(readers[s]) ?? throw new CliException($"{shards[s].Dir}/runs.csv: run {r} is missing (the shard ends early)");
                if (RunId(line) != r)
                {
                    throw new CliException($"{shards[s].Dir}/runs.csv: expected run {r} but found run {RunId(line)}");
                }

                w.Write(line);
                w.Write("\r\n");
            }

            for (int i = 0; i < readers.Length; i++)
            {
                if (ReadRecord(readers[i]) is { } extra)
                {
                    throw new CliException($"{shards[i].Dir}/runs.csv: has a run beyond the sweep (run {RunId(extra)})");
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

    private static void MergeTicks(Shard[] shards, long runs, string outPath)
    {
        var readers = shards.Select(s => new StreamReader(Path.Combine(s.Dir, FileNames.Ticks), new UTF8Encoding(false))).ToArray();
        var peeked = new string?[readers.Length];
        try
        {
            string header = ReadRecord(readers[0]) ?? "";
            for (int i = 1; i < readers.Length; i++)
            {
                ReadRecord(readers[i]);
            }

            for (int i = 0; i < readers.Length; i++)
            {
                peeked[i] = ReadRecord(readers[i]);
            }

            using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
            w.Write(header);
            w.Write("\r\n");
            for (long r = 0; r < runs; r++)
            {
                int s = (int)(r % shards.Length);
                while (peeked[s] is { } line && RunId(line) == r)
                {
                    w.Write(line);
                    w.Write("\r\n");
                    peeked[s] = ReadRecord(readers[s]);
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

    /// <summary>
    /// Reads one CSV record verbatim, up to the CRLF that ends it outside quotes (a quoted cell may hold line
    /// breaks), without the final CRLF; null at the end of the file.
    /// </summary>
    private static string? ReadRecord(StreamReader reader)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\r' && !quoted && reader.Peek() == '\n')
            {
                reader.Read();
                return sb.ToString();
            }

            sb.Append((char)c);
        }

        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static long RunId(string line)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : -1;
    }
}
