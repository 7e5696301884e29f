using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim sweep EXPERIMENT [--out DIR] [--threads N] [--resume] [--dry-run] [--ticks-every K] [--progress [json]]</c>:
/// runs an experiment's design with replicates in parallel. runs.csv (and ticks.csv) are written in run_id
/// order whatever the thread count, flushed run by run under temporary names, and renamed when complete,
/// so an interrupted sweep can be resumed to byte-identical results.
/// </summary>
public static class SweepCommand
{
    /// <summary>Exit code of a sweep stopped by Ctrl-C (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment file (YAML): scenario, master seed, replicates, design" };
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: a new folder under ./results)" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted sweep in --out (same experiment only)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the files and print the design size, factors and an estimated run time; run nothing" };
        var ticksEvery = new Option<int>("--ticks-every") { Description = "Also write ticks.csv with every K-th tick of every run (0: none)", DefaultValueFactory = _ => 0 };
        var progress = new Option<string?>("--progress") { Description = "Show progress on stderr even when it is not a terminal; '--progress json' prints JSON lines", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var allowLarge = new Option<bool>("--allow-large") { Description = "Accept designs of more than 1,000,000 runs" };
        var format = new Option<string>("--format") { Description = "csv (default), or parquet to also write runs.parquet and ticks.parquet (typed columns, for large sweeps)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N (I from 0 to N-1, e.g. 3/10): runs with run_id mod N = I; merge shards with crisissim merge" };
        var command = new Command("sweep", "Run an experiment: a design over scenario factors, with replicates, in parallel")
        {
            experiment, outDir, threads, resume, dryRun, ticksEvery, progress, force, allowLarge, shard, format,
        };
        command.SetAction(parse =>
        {
            var mode = parse.GetResult(progress) is null
                ? (Console.IsErrorRedirected ? ProgressMode.None : ProgressMode.Bar)
                : parse.GetValue(progress) switch
                {
                    null or "" or "text" => Console.IsErrorRedirected ? ProgressMode.Lines : ProgressMode.Bar,
                    "json" => ProgressMode.Json,
                    "none" => ProgressMode.None,
                    var other => throw new CliException($"--progress takes no value, 'text', 'json' or 'none', not '{other}'"),
                };
            var options = new SweepOptions(parse.GetValue(outDir), parse.GetValue(threads), parse.GetValue(resume), parse.GetValue(dryRun),
                parse.GetValue(ticksEvery), mode, parse.GetValue(force), parse.GetValue(allowLarge), ParseShard(parse.GetValue(shard)), parse.GetValue(format) == "parquet");
            return Execute(parse.GetValue(experiment)!, options);
        });
        return command;
    }

    /// <summary>The sweep's options.</summary>
    public sealed record SweepOptions(string? Out, int Threads, bool Resume, bool DryRun, int TicksEvery, ProgressMode Progress, bool Force, bool AllowLarge, (int Index, int Count) Shard, bool Parquet = false);

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

    private static int Execute(string experimentPath, SweepOptions o)
    {
        if (o.Threads < 1)
        {
            throw new CliException($"--threads must be at least 1, not {o.Threads}");
        }

        if (o.TicksEvery < 0)
        {
            throw new CliException($"--ticks-every must be 0 (no ticks.csv) or more, not {o.TicksEvery}");
        }

        if (o.Resume && o.Out is null)
        {
            throw new CliException("--resume needs the --out folder of the sweep to finish");
        }

        var exp = ExperimentSource.Load(experimentPath, o.AllowLarge);
        var mine = o.Shard.Count == 1 ? exp.Runs : [.. exp.Runs.Where(r => r.RunId % o.Shard.Count == o.Shard.Index)];
        if (o.DryRun)
        {
            DryRun(exp, o);
            return ExitCodes.Success;
        }

        string dir = Path.GetFullPath(o.Out ?? DefaultFolder(exp.Spec.Name));
        var files = new SweepFiles(dir);
        using var folderLock = LockFolder(dir);
        int done = o.Resume && File.Exists(files.Manifest) ? PrepareResume(exp, mine, files, o) : PrepareFresh(exp, mine, files, o, experimentPath);
        if (done < 0)
        {
            Console.WriteLine($"{dir}: the sweep is already complete ({mine.Count} runs); nothing to do");
            return ExitCodes.Success;
        }

        return RunRemaining(exp, mine, files, o, done, experimentPath);
    }

    private static int RunRemaining(LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFiles files, SweepOptions o, int done, string experimentPath)
    {
        var header = ResultFiles.RunsHeader(exp.FactorColumns);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        int failed = CountFailedSoFar(files.RunsPartial, done);
        var clock = Stopwatch.StartNew();
        int written;
        try
        {
            using var runs = new CsvTable(files.RunsPartial, header, append: done > 0);
            using var ticks = o.TicksEvery > 0 ? new CsvTable(files.TicksPartial, ResultFiles.TicksHeader, append: done > 0) : null;
            runs.Flush();
            ticks?.Flush();
            using var progress = new ProgressReporter(o.Progress, mine.Count, done);
            var remaining = mine.Skip(done).ToList();
            using var executor = new RunExecutor(exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, o.TicksEvery);
            written = SweepRunner.Run(
                remaining,
                executor.Execute,
                o.Threads,
                outcome =>
                {
                    if (ticks is not null)
                    {
                        foreach (var t in outcome.Ticks)
                        {
                            ResultFiles.WriteTick(ticks, outcome.Run.RunId, t);
                        }

                        ticks.Flush(); // a run's ticks reach the disk before its runs.csv row
                    }

                    ResultFiles.WriteRun(runs, outcome.Run.RunId, outcome.Run.Point.PointId, outcome.Run.Replicate, outcome.Run.Seed,
                        exp.FactorValues(outcome.Run.Point), outcome.Metrics, outcome.Succeeded ? "ok" : "failed", outcome.Error ?? "");
                    runs.Flush();
                    if (!outcome.Succeeded)
                    {
                        failed++;
                    }

                    progress.Completed(!outcome.Succeeded);
                },
                cancel.Token);
            progress.Finish();
        }
        catch (IOException ex)
        {
            string resumeArgs = ResumeArgs(o);
            throw new CliException($"{files.Dir}: writing results failed ({ex.Message}); free some space and finish with: crisissim sweep {experimentPath} --out {files.Dir}{resumeArgs} --resume", ExitCodes.WorkFailed);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        int total = done + written;
        string shardArg = ResumeArgs(o);
        if (total < mine.Count)
        {
            Console.Error.WriteLine($"interrupted: {total} of {mine.Count} runs are saved in {files.Dir}");
            Console.Error.WriteLine($"resume with: crisissim sweep {experimentPath} --out {files.Dir}{shardArg} --resume");
            return Interrupted;
        }

        // ticks.csv first: runs.csv appearing is what marks the sweep complete.
        if (o.TicksEvery > 0)
        {
            File.Move(files.TicksPartial, files.Ticks, overwrite: true);
        }

        File.Move(files.RunsPartial, files.Runs, overwrite: true);
        if (o.Parquet)
        {
            ParquetExport.Convert(files.Runs, Path.ChangeExtension(files.Runs, ".parquet"));
            if (o.TicksEvery > 0)
            {
                ParquetExport.Convert(files.Ticks, Path.ChangeExtension(files.Ticks, ".parquet"));
            }
        }

        UpdateManifest(files, m =>
        {
            m["complete"] = true;
            m["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            m["last_session_elapsed_s"] = Math.Round(clock.Elapsed.TotalSeconds, 3);
            m["failed_runs"] = failed;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{exp.Spec.Name}{(o.Shard.Count > 1 ? $" shard {o.Shard.Index}/{o.Shard.Count}" : "")}: {mine.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates{(o.Shard.Count > 1 ? $", the runs with run_id mod {o.Shard.Count} = {o.Shard.Index}" : "")}), {failed} failed, {clock.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine($"wrote {files.Runs}" + (o.TicksEvery > 0 ? $", {Path.GetFileName(files.Ticks)}" : "") + (o.Parquet ? ", runs.parquet" + (o.TicksEvery > 0 ? ", ticks.parquet" : "") : "") + ", sweep.json");
        if (o.Shard.Count == 1 && exp.Spec.Design.Kind == DesignKind.Factorial)
        {
            PrintComparison(files, exp.Spec.Compare);
        }
        return failed > 0 ? ExitCodes.WorkFailed : ExitCodes.Success;
    }

    /// <summary>The options a resume must repeat (shard and --ticks-every), as command-line text.</summary>
    private static string ResumeArgs(SweepOptions o) =>
        (o.Shard.Count > 1 ? $" --shard {o.Shard.Index}/{o.Shard.Count}" : "") + (o.TicksEvery > 0 ? $" --ticks-every {o.TicksEvery}" : "");

    /// <summary>
    /// The researcher's first question, answered at once: the experiment's compare section (groups, strata, baseline,
    /// metrics), or by default the headline metrics by arm (or first factor) against the first group.
    /// </summary>
    private static void PrintComparison(SweepFiles files, CompareSpec? compare)
    {
        var table = RunsTable.Read(files.Runs);
        var by = compare is { By.Count: > 0 } ? [.. compare.By] : CompareCommand.DefaultBy(table);
        if (by.Length == 0 || table.Rows.All(r => r[table.Column("status")] != "ok"))
        {
            return;
        }

        string[] headline = ["deaths_civilian", "deaths_responder", "rescued", "unmet_need_hours", "info_latency_mean_h", "response_latency_mean_h"];
        Console.WriteLine();
        CompareCommand.Report(files.Dir, table, by, compare is { Metrics.Count: > 0 } ? compare.Metrics : headline, compare?.Baseline, compare?.Within ?? []);
        Console.WriteLine($"for every metric, other groupings and a baseline of your choice: crisissim compare {files.Dir} --by … --within … --baseline …");
        string report = ReportCommand.Write(files.Dir, null);
        Console.WriteLine($"report: {report} (figures in {Path.Combine(files.Dir, "figures")})");
    }

    /// <summary>
    /// Holds an exclusive lock (a hidden .NAME.lock file beside the folder, removed on exit) while a sweep
    /// prepares and writes DIR, so a second crisissim cannot truncate or interleave its rows.
    /// </summary>
    private static FileStream LockFolder(string dir)
    {
        string parent = Path.GetDirectoryName(dir) ?? ".";
        try
        {
            Directory.CreateDirectory(parent);
            return new FileStream(Path.Combine(parent, $".{Path.GetFileName(dir)}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CliException($"{dir}: cannot write here: {ex.Message}");
        }
        catch (IOException)
        {
            throw new CliException($"{dir}: another crisissim is writing this folder; wait for it to finish (or stop it) before resuming");
        }
    }

    private static int PrepareFresh(LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFiles files, SweepOptions o, string experimentPath)
    {
        if (File.Exists(files.Dir))
        {
            throw new CliException($"{files.Dir}: is a file; --out needs a folder");
        }

        if (Directory.Exists(files.Dir) && Directory.EnumerateFileSystemEntries(files.Dir).Any())
        {
            if (!o.Force)
            {
                throw new CliException($"{files.Dir}: the output folder exists and is not empty; pass --resume to finish that sweep, --force to replace it, or choose another --out");
            }

            Directory.Delete(files.Dir, recursive: true);
        }

        try
        {
            Directory.CreateDirectory(files.Dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{files.Dir}: cannot create the output folder: {ex.Message}");
        }

        var manifest = new JsonObject
        {
            ["tool"] = "crisissim",
            ["tool_version"] = Provenance.ToolVersion,
            ["dotnet_version"] = Environment.Version.ToString(),
            ["command"] = "sweep",
            ["experiment"] = experimentPath,
            ["experiment_name"] = exp.Spec.Name,
            ["experiment_text"] = exp.Text,
            ["scenario"] = exp.ScenarioSource,
            ["scenario_hash"] = exp.ScenarioHash,
            ["design_hash"] = exp.DesignHash,
            ["design_kind"] = exp.Spec.Design.Kind.ToString().ToLowerInvariant(),
            ["factors"] = new JsonArray([.. exp.FactorColumns.Select(f => JsonValue.Create(f))]),
            ["master_seed"] = exp.Spec.MasterSeed.ToString(CultureInfo.InvariantCulture),
            ["replicates"] = exp.Spec.Replicates,
            ["points"] = exp.Points.Count,
            ["runs"] = exp.Runs.Count,
            ["shard_index"] = o.Shard.Index,
            ["shard_count"] = o.Shard.Count,
            ["shard_runs"] = mine.Count,
            ["ticks_every"] = o.TicksEvery,
            ["started_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["complete"] = false,
        };
        WriteManifest(files, manifest);
        return 0;
    }

    private static int PrepareResume(LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFiles files, SweepOptions o)
    {
        var manifest = ReadManifest(files);
        string? hash = manifest["design_hash"]?.GetValue<string>();
        if (hash != exp.DesignHash)
        {
            throw new CliException($"{files.Dir}: refusing to resume: the experiment or its scenario changed since this sweep started (design hash {hash}, now {exp.DesignHash}); resuming would mix results of two designs. Start a new sweep in another --out, or restore the original files.");
        }

        int shardIndex = manifest["shard_index"]?.GetValue<int>() ?? 0;
        int shardCount = manifest["shard_count"]?.GetValue<int>() ?? 1;
        if ((shardIndex, shardCount) != o.Shard)
        {
            throw new CliException($"{files.Dir}: this folder holds shard {shardIndex}/{shardCount}; resume it with --shard {shardIndex}/{shardCount}");
        }

        int ticksEvery = manifest["ticks_every"]?.GetValue<int>() ?? 0;
        if (ticksEvery != o.TicksEvery)
        {
            throw new CliException($"{files.Dir}: this sweep was started with --ticks-every {ticksEvery}; resume it with the same value");
        }

        if (File.Exists(files.Runs))
        {
            return -1;
        }

        if (File.Exists(files.Ticks) && File.Exists(files.RunsPartial) && !File.Exists(files.TicksPartial))
        {
            // Stopped between the two renames of the finish: only runs.csv is left to move.
            File.Move(files.RunsPartial, files.Runs);
            return -1;
        }

        if (!File.Exists(files.RunsPartial))
        {
            return 0;
        }

        int columns = ResultFiles.RunsHeader(exp.FactorColumns).Count;
        int done = PartialTables.Recover(files.RunsPartial, columns, o.TicksEvery > 0 ? files.TicksPartial : null, [.. mine.Select(r => r.RunId)]);
        if (done == 0)
        {
            File.Delete(files.RunsPartial);
            if (File.Exists(files.TicksPartial))
            {
                File.Delete(files.TicksPartial);
            }
        }

        Console.Error.WriteLine($"resuming: {done} of {mine.Count} runs were already done");
        return done;
    }

    private static int CountFailedSoFar(string runsPartial, int done)
    {
        if (done == 0 || !File.Exists(runsPartial))
        {
            return 0;
        }

        var table = RunsTable.Read(runsPartial);
        int status = table.Column("status");
        return table.Rows.Count(r => r[status] == "failed");
    }

    private static void DryRun(LoadedExperiment exp, SweepOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = exp.Spec.Design;
        Console.WriteLine($"experiment   {exp.Spec.Name} ({exp.Spec.Source})");
        Console.WriteLine($"scenario     {exp.ScenarioSource} (hash {exp.ScenarioHash})");
        // Counts only: the run list is never materialised here; the probe builds run 0 alone.
        Console.WriteLine(string.Create(inv, $"design       {d.Kind.ToString().ToLowerInvariant()}: {exp.PointCount} points × {exp.Spec.Replicates} replicates = {exp.RunCount} runs (master seed {exp.Spec.MasterSeed})"));
        foreach (var arm in d.Arms)
        {
            Console.WriteLine($"arm          {arm.Name}: {string.Join(", ", arm.Assignments.Select(a => $"{a.Key}={a.Value}"))}");
        }

        foreach (var f in d.Factors)
        {
            string levels = f.Levels is not null ? string.Join(", ", f.Levels)
                : d.Kind == DesignKind.Factorial ? string.Create(inv, $"{f.Min} to {f.Max} step {f.Step} ({DesignBuilder.LevelCount(f)} levels)")
                : string.Create(inv, $"{f.Min} to {f.Max}");
            Console.WriteLine($"factor       {f.Path}: {levels}");
        }

        foreach (var (k, v) in exp.Spec.Fixed)
        {
            Console.WriteLine($"fixed        {k}={v}");
        }

        var clock = Stopwatch.StartNew();
        var probe = RunExecution.Execute(exp.Runs[0], exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, 0);
        double perRun = clock.Elapsed.TotalSeconds;
        double estimate = perRun * exp.RunCount / Math.Min(o.Threads, Environment.ProcessorCount);
        Console.WriteLine(string.Create(inv, $"estimate     {perRun:0.00} s per run (one probe run{(probe.Succeeded ? "" : ", which failed: " + probe.Error)}), about {estimate:0} s on {o.Threads} thread(s)"));
        Console.WriteLine("dry run: nothing was written");
    }

    private static string DefaultFolder(string name)
    {
        string safe = new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine("results", $"sweep-{safe}-{stamp}");
    }

    private static JsonObject ReadManifest(SweepFiles files)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(files.Manifest))?.AsObject() ?? throw new CliException($"{files.Manifest}: empty");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{files.Manifest}: not a valid sweep manifest ({ex.Message})");
        }
    }

    private static void UpdateManifest(SweepFiles files, Action<JsonObject> change)
    {
        var m = ReadManifest(files);
        change(m);
        WriteManifest(files, m);
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private static void WriteManifest(SweepFiles files, JsonObject manifest)
    {
        string tmp = files.Manifest + ".tmp";
        File.WriteAllText(tmp, manifest.ToJsonString(s_indented) + "\n");
        File.Move(tmp, files.Manifest, overwrite: true);
    }

    /// <summary>The files of a sweep folder.</summary>
    private sealed record SweepFiles(string Dir)
    {
        public string Manifest => Path.Combine(Dir, "sweep.json");

        public string Runs => Path.Combine(Dir, "runs.csv");

        public string RunsPartial => Runs + ".partial";

        public string Ticks => Path.Combine(Dir, "ticks.csv");

        public string TicksPartial => Ticks + ".partial";
    }
}
