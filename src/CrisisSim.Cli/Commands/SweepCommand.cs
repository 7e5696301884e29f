using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
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
            var io = CommandOutput.Of(parse);
            var mode = parse.GetResult(progress) is null
                ? (io.ErrorIsTerminal ? ProgressMode.Bar : ProgressMode.None)
                : parse.GetValue(progress) switch
                {
                    null or "" or "text" => io.ErrorIsTerminal ? ProgressMode.Bar : ProgressMode.Lines,
                    "json" => ProgressMode.Json,
                    "none" => ProgressMode.None,
                    var other => throw new CliException($"--progress takes no value, 'text', 'json' or 'none', not '{other}'"),
                };
            var options = new SweepOptions(parse.GetValue(outDir), parse.GetValue(threads), parse.GetValue(resume), parse.GetValue(dryRun),
                parse.GetValue(ticksEvery), mode, parse.GetValue(force), parse.GetValue(allowLarge), ParseShard(parse.GetValue(shard)), parse.GetValue(format) == "parquet");
            return Execute(io, parse.GetValue(experiment)!, options);
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

    private static int Execute(CommandOutput io, string experimentPath, SweepOptions o)
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
        if (o.DryRun)
        {
            DryRun(io.Out, exp, o);
            return ExitCodes.Success;
        }

        var mine = o.Shard.Count == 1 ? exp.Runs : [.. exp.Runs.Where(r => r.RunId % o.Shard.Count == o.Shard.Index)];
        string dir = OutputPath.Resolve(o.Out ?? DefaultFolder(exp.Spec.Name));
        var folder = new SweepFolder(dir);
        using var held = WriterLock.Acquire(dir);
        using var executor = new RunExecutor(exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, o.TicksEvery);
        var ticksOf = executor.TickCounts();
        var inputs = InputsOf(experimentPath, exp);
        SweepManifest manifest;
        int done;
        int failed = 0;
        if (o.Resume && File.Exists(folder.Manifest))
        {
            (manifest, done, failed) = PrepareResume(io.Error, exp, mine, folder, o, ticksOf);
            if (done == mine.Count && manifest.Complete && manifest.Outputs.All(f => File.Exists(Path.Combine(dir, f))))
            {
                io.Out.WriteLine($"{dir}: the sweep is already complete ({mine.Count} runs, every output present); nothing to do");
                return ExitCodes.Success;
            }
        }
        else
        {
            manifest = PrepareFresh(exp, mine, folder, o, experimentPath, inputs);
            done = 0;
        }

        var clock = Stopwatch.StartNew();
        if (done < mine.Count)
        {
            var (written, newlyFailed, stop) = RunRemaining(io.Error, exp, mine, folder, o, done, executor);
            failed += newlyFailed;
            if (done + written < mine.Count)
            {
                io.Error.WriteLine($"interrupted: {done + written} of {mine.Count} runs are saved in {folder.Dir} (stopped by {stop})");
                io.Error.WriteLine($"resume with: crisissim sweep {Shell.Quote(experimentPath)} --out {Shell.Quote(folder.Dir)}{ResumeArgs(o)} --resume");
                return stop == "SIGTERM" ? StopSignals.TerminatedExit : StopSignals.InterruptedExit;
            }
        }
        else if (done > 0 && !manifest.Complete)
        {
            io.Error.WriteLine($"resuming: every run is saved; finishing the closing phase (tables, comparison, figures, report)");
        }

        Finish(io, exp, mine, folder, o, manifest, failed, clock);
        return failed > 0 ? ExitCodes.WorkFailed : ExitCodes.Success;
    }

    /// <summary>Runs mine[done..], appending each finished run to the partial tables in run_id order; stops cleanly on Ctrl-C or SIGTERM.</summary>
    private static (int Written, int Failed, string Stop) RunRemaining(TextWriter error, LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFolder folder, SweepOptions o, int done, RunExecutor executor)
    {
        var header = ResultFiles.RunsHeader(exp.FactorColumns);
        using var signals = new StopSignals();
        int failed = 0;
        int written;
        try
        {
            using var runs = new CsvTable(folder.RunsPartial, header, append: done > 0);
            using var ticks = o.TicksEvery > 0 ? new CsvTable(folder.TicksPartial, ResultFiles.TicksHeader, append: done > 0) : null;
            runs.Flush();
            ticks?.Flush();
            using var progress = new ProgressReporter(error, o.Progress, mine.Count, done);
            var remaining = mine.Skip(done).ToList();
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
                signals.Token);
            progress.Finish();
        }
        catch (IOException ex)
        {
            throw new CliException($"{folder.Dir}: writing results failed ({WriterLock.Describe(ex)}); free some space and finish with: crisissim sweep {Shell.Quote(exp.Spec.Source)} --out {Shell.Quote(folder.Dir)}{ResumeArgs(o)} --resume", ExitCodes.WorkFailed);
        }

        return (written, failed, signals.Name);
    }

    /// <summary>
    /// The closing phase: the tables move into place (ticks.csv first), then Parquet, the comparison,
    /// figures and report; only then is the sweep marked complete, with the list of what it wrote, so a
    /// sweep that dies here is finished by a resume.
    /// </summary>
    private static void Finish(CommandOutput io, LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFolder folder, SweepOptions o, SweepManifest manifest, int failed, Stopwatch clock)
    {
        var outputs = new List<string> { FileNames.Runs };
        if (manifest.TicksEvery > 0)
        {
            if (File.Exists(folder.TicksPartial))
            {
                File.Move(folder.TicksPartial, folder.Ticks, overwrite: true);
            }

            outputs.Add(FileNames.Ticks);
        }

        if (File.Exists(folder.RunsPartial))
        {
            File.Move(folder.RunsPartial, folder.Runs, overwrite: true);
        }

        if (manifest.Format == "parquet")
        {
            ParquetExport.Convert(folder.Runs, folder.RunsParquet);
            outputs.Add(FileNames.RunsParquet);
            if (manifest.TicksEvery > 0)
            {
                ParquetExport.Convert(folder.Ticks, folder.TicksParquet);
                outputs.Add(FileNames.TicksParquet);
            }
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{exp.Spec.Name}{(o.Shard.Count > 1 ? $" shard {o.Shard.Index}/{o.Shard.Count}" : "")}: {mine.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates{(o.Shard.Count > 1 ? $", the runs with run_id mod {o.Shard.Count} = {o.Shard.Index}" : "")}), {failed} failed, {clock.Elapsed.TotalSeconds:0.0} s"));
        io.Out.WriteLine($"wrote {folder.Runs}" + (manifest.TicksEvery > 0 ? $", {FileNames.Ticks}" : "") + (manifest.Format == "parquet" ? ", runs.parquet" + (manifest.TicksEvery > 0 ? ", ticks.parquet" : "") : "") + ", sweep.json");
        if (o.Shard.Count == 1 && exp.Spec.Design.Kind == DesignKind.Factorial)
        {
            outputs.AddRange(PrintComparison(io, folder, exp.Spec.Compare));
        }

        var finished = manifest with
        {
            Complete = true,
            Outputs = outputs,
            FinishedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            LastSessionElapsedS = Math.Round(clock.Elapsed.TotalSeconds, 3),
            FailedRuns = failed,
        };
        finished.Write(folder.Manifest);
    }

    /// <summary>The options a resume must repeat (shard and --ticks-every), as command-line text.</summary>
    private static string ResumeArgs(SweepOptions o) =>
        (o.Shard.Count > 1 ? $" --shard {o.Shard.Index}/{o.Shard.Count}" : "") + (o.TicksEvery > 0 ? $" --ticks-every {o.TicksEvery}" : "");

    /// <summary>
    /// The researcher's first question, answered at once: the experiment's compare section (groups, strata, baseline,
    /// metrics), or by default the headline metrics by arm (or first factor) against the first group. Returns the files written.
    /// </summary>
    private static IEnumerable<string> PrintComparison(CommandOutput io, SweepFolder folder, CompareSpec? compare)
    {
        var table = RunsTableFile.Read(folder.Runs);
        var by = compare is { By.Count: > 0 } ? [.. compare.By] : CompareCommand.DefaultBy(table);
        if (by.Length == 0 || table.Rows.All(r => r[table.Column("status")] != "ok"))
        {
            return [];
        }

        io.Out.WriteLine();
        var written = CompareCommand.Report(io.Out, folder.Dir, table, by, compare is { Metrics.Count: > 0 } ? compare.Metrics : Comparison.HeadlineMetrics, compare?.Baseline, compare?.Within ?? []);
        io.Out.WriteLine($"wrote {string.Join(", ", written)}");
        io.Out.WriteLine($"for every metric, other groupings and a baseline of your choice: crisissim compare {folder.Dir} --by … --within … --baseline … --out FOLDER");
        try
        {
            string report = ReportCommand.Write(io.Error, folder.Dir, folder.Report, force: true, figuresDir: folder.Figures);
            io.Out.WriteLine($"report: {report} (figures in {folder.Figures})");
        }
        catch (CliException ex)
        {
            // The runs are saved and compared; a report that cannot be drawn here (no font, say) is not promised.
            io.Error.WriteLine($"warning: no report: {ex.Message}; once that is fixed: crisissim report {folder.Dir} --force");
            return [.. written.Select(Path.GetFileName).OfType<string>()];
        }

        return [.. written.Select(Path.GetFileName).OfType<string>(), FileNames.Report];
    }

    /// <summary>The files a sweep reads: never deleted by --force.</summary>
    private static List<string> InputsOf(string experimentPath, LoadedExperiment exp)
    {
        var inputs = new List<string> { experimentPath };
        if (!exp.ScenarioSource.StartsWith("built-in", StringComparison.Ordinal))
        {
            string baseDir = Path.GetDirectoryName(Path.GetFullPath(experimentPath)) ?? ".";
            inputs.Add(Path.IsPathRooted(exp.ScenarioSource) ? exp.ScenarioSource : Path.Combine(baseDir, exp.ScenarioSource));
        }

        return inputs;
    }

    private static SweepManifest PrepareFresh(LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFolder folder, SweepOptions o, string experimentPath, List<string> inputs)
    {
        if (!o.Force && Directory.Exists(folder.Dir) && Directory.EnumerateFileSystemEntries(folder.Dir).Any())
        {
            throw new CliException(File.Exists(folder.Manifest)
                ? $"{folder.Dir}: the output folder holds a sweep; pass --resume to finish it, --force to replace it, or choose another --out"
                : $"{folder.Dir}: the output folder exists, is not empty and holds no sweep (no sweep.json); choose another --out");
        }

        OutputFolder.CheckTarget(folder.Dir, o.Force, [.. inputs.Select(i => OutputPath.Resolve(i, "input"))], OutputMode.Replace);
        try
        {
            if (Directory.Exists(folder.Dir) && Directory.EnumerateFileSystemEntries(folder.Dir).Any())
            {
                // Replacing (--force was checked): move the old sweep aside whole, then delete it.
                string aside = Path.Combine(Path.GetDirectoryName(folder.Dir)!, $".{Path.GetFileName(folder.Dir)}.replaced-{Environment.ProcessId}");
                Directory.Move(folder.Dir, aside);
                Directory.Delete(aside, recursive: true);
            }

            Directory.CreateDirectory(folder.Dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{folder.Dir}: cannot create the output folder: {WriterLock.Describe(ex)}");
        }

        var manifest = new SweepManifest
        {
            ToolVersion = Provenance.ToolVersion,
            DotnetVersion = Environment.Version.ToString(),
            Experiment = Path.GetFullPath(experimentPath), // a merge or resume hint elsewhere must find it from any folder
            ExperimentName = exp.Spec.Name,
            ExperimentText = exp.Text,
            Scenario = exp.ScenarioSource,
            ScenarioHash = exp.ScenarioHash,
            DesignHash = exp.DesignHash,
            DesignKind = exp.Spec.Design.Kind.ToString().ToLowerInvariant(),
            Factors = exp.FactorColumns,
            MasterSeed = exp.Spec.MasterSeed.ToString(CultureInfo.InvariantCulture),
            Replicates = exp.Spec.Replicates,
            Points = exp.Points.Count,
            Runs = exp.Runs.Count,
            ShardIndex = o.Shard.Index,
            ShardCount = o.Shard.Count,
            ShardRuns = mine.Count,
            TicksEvery = o.TicksEvery,
            Format = o.Parquet ? "parquet" : "csv",
            StartedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        manifest.Write(folder.Manifest);
        return manifest;
    }

    /// <summary>
    /// Checks that the folder holds this sweep, then verifies its tables row by row (<see cref="ResultVerifier"/>) and keeps
    /// only the runs complete in every table; returns how many runs are done and how many of those failed.
    /// </summary>
    private static (SweepManifest Manifest, int Done, int Failed) PrepareResume(TextWriter error, LoadedExperiment exp, IReadOnlyList<RunSpec> mine, SweepFolder folder, SweepOptions o, Func<RunSpec, int> ticksOf)
    {
        var manifest = SweepManifest.Read(folder.Manifest);
        if (manifest.DesignHash != exp.DesignHash)
        {
            throw new CliException($"{folder.Dir}: refusing to resume: the experiment or its scenario changed since this sweep started (design hash {manifest.DesignHash}, now {exp.DesignHash}); resuming would mix results of two designs. Start a new sweep in another --out, or restore the original files.");
        }

        if ((manifest.ShardIndex, manifest.ShardCount) != o.Shard)
        {
            throw new CliException($"{folder.Dir}: this folder holds shard {manifest.ShardIndex}/{manifest.ShardCount}; resume it with --shard {manifest.ShardIndex}/{manifest.ShardCount}");
        }

        if (manifest.TicksEvery != o.TicksEvery)
        {
            throw new CliException($"{folder.Dir}: this sweep was started with --ticks-every {manifest.TicksEvery}; resume it with the same value");
        }

        if (manifest.ShardRuns != mine.Count || manifest.Runs != exp.Runs.Count)
        {
            throw new CliException($"{folder.Dir}: sweep.json promises {manifest.ShardRuns} runs here, but the experiment gives {mine.Count}; was it edited?");
        }

        var manifestNow = o.Parquet && manifest.Format != "parquet" ? manifest with { Format = "parquet", Complete = false } : manifest;
        bool ticks = manifest.TicksEvery > 0;
        if (File.Exists(folder.Runs) && (!ticks || File.Exists(folder.Ticks)))
        {
            var final = ResultVerifier.Verify(folder.Runs, ticks ? folder.Ticks : null, exp, mine, manifest.TicksEvery, ticksOf);
            if (final.Problem is null)
            {
                return (manifestNow, mine.Count, final.FailedRuns);
            }

            error.WriteLine($"resuming: the finished tables do not hold every run ({final.Problem}); checking them as partial tables");
        }

        // Bring every table back to its partial name, then keep the longest prefix of runs complete in all of them.
        MoveBack(folder.Runs, folder.RunsPartial);
        if (ticks)
        {
            MoveBack(folder.Ticks, folder.TicksPartial);
        }

        manifestNow = manifestNow with { Complete = false };
        manifestNow.Write(folder.Manifest);
        if (!File.Exists(folder.RunsPartial) || (ticks && !File.Exists(folder.TicksPartial)))
        {
            DeleteIfExists(folder.RunsPartial);
            DeleteIfExists(folder.TicksPartial);
            error.WriteLine($"resuming: 0 of {mine.Count} runs were saved");
            return (manifestNow, 0, 0);
        }

        var verified = ResultVerifier.Verify(folder.RunsPartial, ticks ? folder.TicksPartial : null, exp, mine, manifest.TicksEvery, ticksOf);
        if (verified.Runs == 0)
        {
            DeleteIfExists(folder.RunsPartial);
            DeleteIfExists(folder.TicksPartial);
        }
        else
        {
            Truncate(folder.RunsPartial, verified.RunsBytes);
            if (ticks)
            {
                Truncate(folder.TicksPartial, verified.TicksBytes);
            }
        }

        string why = verified.Problem is null || verified.Runs == mine.Count ? "" : $" (from run {mine[verified.Runs].RunId} on: {verified.Problem.What}, at {Path.GetFileName(verified.Problem.File)} line {verified.Problem.Line})";
        error.WriteLine($"resuming: {verified.Runs} of {mine.Count} runs were already done{why}");
        return (manifestNow, verified.Runs, verified.FailedRuns);
    }

    private static void MoveBack(string final, string partial)
    {
        if (File.Exists(final))
        {
            File.Move(final, partial, overwrite: true);
        }
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength(length);
    }

    private static void DryRun(TextWriter output, LoadedExperiment exp, SweepOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = exp.Spec.Design;
        output.WriteLine($"experiment   {exp.Spec.Name} ({exp.Spec.Source})");
        output.WriteLine($"scenario     {exp.ScenarioSource} (hash {exp.ScenarioHash})");
        // Counts only: the run list is never materialised here; the probe builds run 0 alone.
        output.WriteLine(string.Create(inv, $"design       {d.Kind.ToString().ToLowerInvariant()}: {exp.PointCount} points × {exp.Spec.Replicates} replicates = {exp.RunCount} runs (master seed {exp.Spec.MasterSeed})"));
        foreach (var arm in d.Arms)
        {
            output.WriteLine($"arm          {arm.Name}: {string.Join(", ", arm.Assignments.Select(a => $"{a.Key}={a.Value}"))}");
        }

        foreach (var f in d.Factors)
        {
            string levels = f.Levels is not null ? string.Join(", ", f.Levels)
                : d.Kind == DesignKind.Factorial ? string.Create(inv, $"{f.Min} to {f.Max} step {f.Step} ({DesignBuilder.LevelCount(f)} levels)")
                : string.Create(inv, $"{f.Min} to {f.Max}");
            output.WriteLine($"factor       {f.Path}: {levels}");
        }

        foreach (var (k, v) in exp.Spec.Fixed)
        {
            output.WriteLine($"fixed        {k}={v}");
        }

        var clock = Stopwatch.StartNew();
        var probe = RunExecution.Execute(exp.Runs[0], exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, 0);
        double perRun = clock.Elapsed.TotalSeconds;
        double estimate = perRun * exp.RunCount / Math.Min(o.Threads, Environment.ProcessorCount);
        output.WriteLine(string.Create(inv, $"estimate     {perRun:0.00} s per run (one probe run{(probe.Succeeded ? "" : ", which failed: " + probe.Error)}), about {estimate:0} s on {o.Threads} thread(s)"));
        output.WriteLine("dry run: nothing was written");
    }

    private static string DefaultFolder(string name)
    {
        string safe = new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine("results", $"sweep-{safe}-{stamp}");
    }
}
