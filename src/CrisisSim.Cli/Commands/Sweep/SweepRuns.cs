using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>
/// The runs of a sweep, in parallel: each finished run is appended to the partial tables in run_id order and flushed
/// (its ticks before its runs.csv row), so whatever stops the process leaves a prefix that a resume can trust.
/// </summary>
internal static class SweepRuns
{
    /// <summary>
    /// Runs <c>Mine[done..]</c>; stops cleanly at the next run boundary on Ctrl-C or SIGTERM. Returns how many runs were
    /// written, how many of them failed, and the name of the signal that stopped it (if any).
    /// </summary>
    public static (int Written, int Failed, string Stop) RunRemaining(SweepJob job, int done, RunExecutor executor)
    {
        var (exp, mine, folder, o) = (job.Experiment, job.Mine, job.Folder, job.Options);
        using var signals = new StopSignals();
        int failed = 0;
        int written;
        try
        {
            using var runs = new CsvTable(folder.RunsPartial, ResultFiles.RunsHeader(exp.FactorColumns), append: done > 0);
            using var ticks = o.TicksEvery > 0 ? new CsvTable(folder.TicksPartial, ResultFiles.TicksHeader, append: done > 0) : null;
            runs.Flush();
            ticks?.Flush();
            using var progress = new ProgressReporter(job.Io.Error, o.Progress, mine.Count, done, job.Io.ErrorColumns);
            written = SweepRunner.Run(
                [.. mine.Skip(done)],
                executor.Execute,
                o.Threads,
                outcome =>
                {
                    Append(runs, ticks, exp, outcome);
                    failed += outcome.Succeeded ? 0 : 1;
                    progress.Completed(!outcome.Succeeded);
                },
                signals.Token);
            progress.Finish();
        }
        catch (IOException ex)
        {
            throw new CliException($"{folder.Dir}: writing results failed ({WriterLock.Describe(ex)}); free some space and finish with: crisissim sweep {Shell.Quote(exp.Spec.Source)} --out {Shell.Quote(folder.Dir)}{o.ResumeArgs} --resume", ExitCodes.WorkFailed);
        }

        return (written, failed, signals.Name);
    }

    private static void Append(CsvTable runs, CsvTable? ticks, LoadedExperiment exp, RunOutcome outcome)
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
    }
}
