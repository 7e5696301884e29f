using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrisisSim.Cli.Commands.Sweep;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim sweep EXPERIMENT [--out DIR] [--threads N] [--resume] [--dry-run] [--ticks-every K] [--progress [json]]</c>:
/// runs an experiment's design with replicates in parallel. runs.csv (and ticks.csv) are written in run_id
/// order whatever the thread count, flushed run by run under temporary names, and renamed when complete,
/// so an interrupted sweep can be resumed to byte-identical results.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment file (YAML): scenario, master seed, replicates, design" };
        var outDir = new Option<string?>("--out") { Description = $"Output folder (default: a new folder under ./{FileNames.DefaultRoot})" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<bool>("--resume") { Description = "Finish an interrupted sweep in --out (same experiment only)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the files and print the design size, factors and an estimated run time; run nothing" };
        var ticksEvery = new Option<int>("--ticks-every") { Description = $"Also write {FileNames.Ticks} with every K-th tick of every run (0: none)", DefaultValueFactory = _ => 0 };
        var progress = new Option<string?>("--progress") { Description = "Show progress on stderr even when it is not a terminal; '--progress json' prints JSON lines", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var allowLarge = new Option<bool>("--allow-large") { Description = "Accept designs of more than 1,000,000 runs" };
        var format = new Option<string>("--format") { Description = $"csv (default), or parquet to also write {FileNames.RunsParquet} and {FileNames.TicksParquet} (typed columns, for large sweeps)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        progress.CompletionSources.Add("text", "json", "none");
        var noReport = new Option<bool>("--no-report") { Description = $"Skip the figures and {FileNames.Report} (the comparison is still printed and written); draw them later with crisissim report" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard I of N (I from 0 to N-1, e.g. 3/10): runs with run_id mod N = I; merge shards with crisissim merge" };
        var command = new Command("sweep", "Run an experiment: a design over scenario factors, with replicates, in parallel")
        {
            experiment, outDir, threads, resume, dryRun, ticksEvery, progress, force, allowLarge, shard, format, noReport,
        };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            var mode = ProgressModeOf(parse.GetResult(progress) is not null, parse.GetValue(progress), io.ErrorIsTerminal);
            var options = new SweepOptions(parse.GetValue(outDir), parse.GetValue(threads), parse.GetValue(resume), parse.GetValue(dryRun),
                parse.GetValue(ticksEvery), mode, parse.GetValue(force), parse.GetValue(allowLarge), SweepOptions.ParseShard(parse.GetValue(shard)), parse.GetValue(format) == "parquet", parse.GetValue(noReport));
            return Execute(io, parse.GetValue(experiment)!, options);
        });
        return command;
    }

    /// <summary>
    /// --progress: without it, a bar on a terminal and nothing elsewhere (a log fills with nothing unasked); with it,
    /// plain lines when stderr is not a terminal, or JSON lines for a machine.
    /// </summary>
    private static ProgressMode ProgressModeOf(bool given, string? value, bool terminal) => !given
        ? (terminal ? ProgressMode.Bar : ProgressMode.None)
        : value switch
        {
            null or "" or "text" => terminal ? ProgressMode.Bar : ProgressMode.Lines,
            "json" => ProgressMode.Json,
            "none" => ProgressMode.None,
            var other => throw new CliException($"--progress takes no value, 'text', 'json' or 'none', not '{other}'"),
        };

    private static int Execute(CommandOutput io, string experimentPath, SweepOptions o)
    {
        o.Check();
        var exp = ExperimentSource.Load(experimentPath, o.AllowLarge);
        io.Warn(exp.Warnings);
        if (o.DryRun)
        {
            SweepDryRun.Print(io.Out, exp, o);
            return ExitCodes.Success;
        }

        var mine = o.Shard.Count == 1 ? exp.Runs : [.. exp.Runs.Where(r => r.RunId % o.Shard.Count == o.Shard.Index)];
        string dir = OutputPath.Resolve(o.Out ?? DefaultFolder(exp.Spec.Name));
        var job = new SweepJob(io, experimentPath, exp, mine, new SweepFolder(dir), o);
        using var held = WriterLock.Acquire(dir);
        using var executor = new RunExecutor(exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, o.TicksEvery);
        SweepManifest manifest;
        int done;
        int failed = 0;
        if (o.Resume && File.Exists(job.Folder.Manifest))
        {
            (manifest, done, failed) = SweepResume.Prepare(job, executor.TickCounts());
            if (done == mine.Count && manifest.Complete && manifest.Outputs.All(f => File.Exists(Path.Combine(dir, f))))
            {
                io.Out.WriteLine($"{dir}: the sweep is already complete ({mine.Count} runs, every output present); nothing to do");
                return ExitCodes.Success;
            }
        }
        else
        {
            manifest = SweepStart.Fresh(job);
            done = 0;
        }

        var clock = Stopwatch.StartNew();
        if (done < mine.Count)
        {
            var (written, newlyFailed, stop) = SweepRuns.RunRemaining(job, done, executor);
            failed += newlyFailed;
            if (done + written < mine.Count)
            {
                io.Error.WriteLine($"interrupted: {done + written} of {mine.Count} runs are saved in {dir} (stopped by {stop})");
                io.Error.WriteLine($"resume with: crisissim sweep {Shell.Quote(experimentPath)} --out {Shell.Quote(dir)}{o.ResumeArgs} --resume");
                if (Slurm.SlurmFolder.ResubmitScript(dir) is { } resubmit)
                {
                    io.Error.WriteLine($"on Slurm: bash {Shell.Quote(resubmit)} resubmits every missing or unfinished shard (each resumes), then the merge");
                }
                return stop == "SIGTERM" ? StopSignals.TerminatedExit : StopSignals.InterruptedExit;
            }
        }
        else if (done > 0 && !manifest.Complete)
        {
            io.Error.WriteLine($"resuming: every run is saved; finishing the closing phase (tables, comparison, figures, report)");
        }

        SweepClosing.Finish(job, manifest, failed, clock);
        return failed > 0 ? ExitCodes.WorkFailed : ExitCodes.Success;
    }

    private static string DefaultFolder(string name)
    {
        string safe = new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine(FileNames.DefaultRoot, $"sweep-{safe}-{stamp}");
    }
}
