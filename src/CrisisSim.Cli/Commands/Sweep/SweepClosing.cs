using System.Diagnostics;
using System.Globalization;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>
/// The closing phase of a sweep whose runs are all saved: the tables move into place (ticks.csv first), then Parquet,
/// the comparison, figures and report; only then is the sweep marked complete, with the list of what it wrote, so a
/// sweep that dies here is finished by a resume.
/// </summary>
internal static class SweepClosing
{
    /// <summary>Finishes <paramref name="job"/> from <paramref name="manifest"/>; <paramref name="failed"/> counts the failed runs of all sessions.</summary>
    public static void Finish(SweepJob job, SweepManifest manifest, int failed, Stopwatch clock)
    {
        var (io, exp, mine, folder, o) = (job.Io, job.Experiment, job.Mine, job.Folder, job.Options);
        var outputs = MoveTablesIntoPlace(folder, manifest);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{exp.Spec.Name}{(o.Shard.Count > 1 ? $" shard {o.Shard.Index}/{o.Shard.Count}" : "")}: {mine.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates{(o.Shard.Count > 1 ? $", the runs with run_id mod {o.Shard.Count} = {o.Shard.Index}" : "")}), {failed} failed, {clock.Elapsed.TotalSeconds:0.0} s"));
        io.Out.WriteLine($"wrote {folder.Runs}" + string.Concat(outputs.Skip(1).Select(f => ", " + f)) + ", " + FileNames.SweepManifest);
        if (o.Shard.Count == 1 && exp.Spec.Design.Type.ComparesGroups)
        {
            outputs.AddRange(Compare(io, folder, exp.Spec.Compare, drawReport: !o.NoReport));
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

    /// <summary>Renames the partial tables (ticks first, so a runs.csv in place means its ticks are too) and converts them to Parquet if asked; returns the tables' file names.</summary>
    private static List<string> MoveTablesIntoPlace(SweepFolder folder, SweepManifest manifest)
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

        return outputs;
    }

    /// <summary>
    /// The researcher's first question, answered at once: the experiment's compare section (groups, strata, baseline,
    /// metrics), or by default the headline metrics by arm (or first factor) against the first group. Returns the files written.
    /// A merge of shards (<c>merge --compare</c>) ends the same way.
    /// </summary>
    public static IEnumerable<string> Compare(CommandOutput io, SweepFolder folder, CompareSpec? compare, bool drawReport)
    {
        var table = RunsTableFile.Read(folder.Runs);
        var plan = ComparisonPlan.Of(compare, table);
        if (plan.By.Length == 0 || table.Rows.All(r => r[table.Column("status")] != "ok"))
        {
            return [];
        }

        io.Out.WriteLine();
        var written = CompareCommand.Report(io.Out, folder.Dir, table, plan.By, plan.Metrics, plan.Baseline, plan.Within).ToList();
        if (plan.Interaction is { } twoByTwo)
        {
            try
            {
                written.Add(InteractionOutput.Report(io.Out, folder.Dir, table, twoByTwo, plan.Metrics, plan.Within));
            }
            catch (AnalysisException ex)
            {
                // The runs are saved and compared; a 2x2 that cannot be formed (an arm whose runs all failed) is reported, not fatal.
                io.Error.WriteLine($"warning: no {FileNames.Interaction}: {ex.Message}");
            }
        }

        io.Out.WriteLine($"wrote {string.Join(", ", written)}");
        io.Out.Write(ConsoleText.Fit($"every statistic (d_z, t, Wilcoxon): crisissim compare {folder.Dir} --details; other metrics, groupings or a baseline: add --metric … --by … --within … --baseline …"));
        if (!drawReport)
        {
            io.Out.WriteLine($"figures and report: crisissim report {folder.Dir}");
            return [.. written.Select(Path.GetFileName).OfType<string>()];
        }

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
}
