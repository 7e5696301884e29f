using System.Globalization;
using System.CommandLine;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim compare DIR [--by FACTOR]... [--metric NAME]... [--baseline GROUP]</c>: arms against a baseline, paired over replicates.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = $"Folder of a finished sweep ({FileNames.Runs})" };
        var by = new Option<string[]>("--by") { Description = "Factor column(s) defining the groups (default: the sweep's compare section, else arm or the first factor); new groups drop the sweep's baseline and 2x2" };
        var metric = new Option<string[]>("--metric") { Description = "Metric(s) to compare (default: the sweep's, from its experiment's compare section, else the headline metrics)" };
        metric.CompletionSources.Add(Completion.CompletionValues.RunMetrics);
        var baseline = new Option<string?>("--baseline") { Description = "The baseline group (default: the first group); with several --by, values joined by ' | '" };
        var within = new Option<string[]>("--within") { Description = $"Factor column(s) whose levels are compared separately (strata, e.g. demand levels; default: the sweep's); with one, also writes {FileNames.Thresholds}: the level from which each group pays off" };
        var outDir = new Option<string?>("--out") { Description = $"New folder for {FileNames.Comparison} (and {FileNames.Thresholds}); default: a new folder DIR/compare-<utc time>. The sweep's own files are never replaced" };
        var interaction = new Option<string?>("--interaction") { Description = $"Four arms NEITHER,FIRST,SECOND,BOTH forming a 2x2 (e.g. single-government,single-platform,co-hierarchical,co-platform): also decomposes it into each effect alone, the second with the first held, and their interaction, and writes {FileNames.Interaction}" };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty --out folder" };
        var details = new Option<bool>("--details") { Description = $"After the plain-language summary, also print every group's n, mean and CI and every paired test (d_z, t, Wilcoxon), as {FileNames.Comparison} has them" };
        var command = new Command("compare", $"Compare groups of a sweep: n, mean, sd, 95% CI; paired differences from a baseline with CI, effect size, paired t and Wilcoxon tests, Holm-adjusted; writes {FileNames.Comparison}")
        {
            dir, by, metric, baseline, within, interaction, outDir, force, details,
        };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(dir)!, parse.GetValue(by) ?? [], parse.GetValue(metric) ?? [], parse.GetValue(baseline), parse.GetValue(within) ?? [],
            TwoByTwo(parse.GetValue(interaction)), parse.GetValue(outDir), parse.GetValue(force), parse.GetValue(details)));
        return command;
    }

    /// <summary>The four arms of --interaction, or null without it.</summary>
    private static InteractionSpec? TwoByTwo(string? arms)
    {
        if (arms is null)
        {
            return null;
        }

        string[] four = [.. arms.Split(',').Select(a => a.Trim())];
        if (four.Length != 4 || four.Any(a => a.Length == 0) || four.Distinct().Count() != 4)
        {
            throw new CliException($"--interaction {arms}: give four different arms separated by commas: NEITHER,FIRST,SECOND,BOTH");
        }

        return new InteractionSpec(four[0], four[1], four[2], four[3]);
    }

    private static int Execute(CommandOutput io, string dir, string[] by, string[] metrics, string? baseline, string[] within, InteractionSpec? interaction, string? outDir, bool force, bool details)
    {
        string runs = Path.Combine(dir, FileNames.Runs);
        if (!File.Exists(runs))
        {
            throw new CliException(File.Exists(runs + FileNames.PartialSuffix)
                ? $"{dir}: the sweep is not complete; finish it with crisissim sweep … --out {dir} --resume"
                : $"{dir}: no {FileNames.Runs} here; give the --out folder of a sweep");
        }

        var table = RunsTableFile.Read(runs);
        var plan = ComparisonPlan.OfFolder(dir, table).With(by, metrics, baseline, within, interaction);
        var groupsBy = plan.By;
        if (groupsBy.Length == 0)
        {
            throw new CliException($"{dir}: this sweep has no factors to group by");
        }

        interaction = plan.Interaction;
        if (interaction is not null && (groupsBy is not ["arm"]))
        {
            throw new CliException("--interaction names four arms: group by arm (leave out --by, or give --by arm)");
        }

        if (interaction is not null)
        {
            int arm = table.Column("arm");
            var arms = table.Rows.Select(r => r[arm]).Distinct().ToList();
            foreach (string missing in interaction.Arms.Where(a => !arms.Contains(a)))
            {
                string? hint = Core.Scenarios.Schema.SchemaBinder.Suggest(missing, arms);
                throw new CliException($"--interaction: '{missing}' is not an arm of this sweep" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (arms: {string.Join(", ", arms)})");
            }
        }

        using var folder = OutputFolder.Begin(outDir ?? DefaultFolder(dir), force, [runs]);
        var written = Report(io.Out, folder.Staging, table, groupsBy, plan.Metrics, plan.Baseline, plan.Within, details).ToList();
        if (interaction is not null)
        {
            written.Add(InteractionOutput.Report(io.Out, folder.Staging, table, interaction, plan.Metrics, plan.Within));
        }

        folder.Commit();
        io.Out.WriteLine($"wrote {string.Join(", ", written.Select(w => Path.Combine(folder.Target, Path.GetFileName(w))))}");
        return ExitCodes.Success;
    }

    /// <summary>Per metric, how many successful runs have no value (an event that never happened): they are left out, never averaged.</summary>
    private static void SayWhatIsMissing(TextWriter output, ResultTable table, IReadOnlyList<string> metrics)
    {
        int status = table.Column("status");
        var ok = table.Rows.Where(r => status < 0 || r[status] == "ok").ToList();
        foreach (string m in metrics)
        {
            int c = table.Column(m);
            int missing = c < 0 ? 0 : ok.Count(r => !double.IsFinite(ResultTable.Number(r[c])));
            if (missing > 0)
            {
                output.Write(ConsoleText.Fit(string.Create(CultureInfo.InvariantCulture,
                    $"{m}: {missing} of {ok.Count} runs have no value (the event never happened); n and every pair leave them out")));
            }
        }
    }

    private static string DefaultFolder(string dir)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string name = Path.Combine(dir, $"compare-{stamp}");
        for (int i = 2; Directory.Exists(name); i++)
        {
            name = Path.Combine(dir, $"compare-{stamp}-{i}");
        }

        return name;
    }

    /// <summary>
    /// Compares, prints the plain-language summary (and with <paramref name="details"/> every statistic) to
    /// <paramref name="output"/> and writes comparison.csv (and thresholds.csv when there is one stratum column) into
    /// <paramref name="outDir"/>; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Report(TextWriter output, string outDir, ResultTable table, IReadOnlyList<string> by, IReadOnlyList<string> metrics, string? baseline, IReadOnlyList<string> within, bool details = false)
    {
        var (rows, baseKey) = Comparison.Compute(table, by, metrics, baseline, within);
        output.Write(ComparisonSummary.Format(rows, baseKey, within));
        if (details)
        {
            output.WriteLine();
            output.Write(ComparisonOutput.Format(rows, baseKey, within));
        }

        SayWhatIsMissing(output, table, metrics);
        if (table.Column(PosteriorSpec.Column) >= 0 && !by.Contains(PosteriorSpec.Column) && !within.Contains(PosteriorSpec.Column))
        {
            int sets = table.Rows.Select(r => r[table.Column(PosteriorSpec.Column)]).Distinct().Count();
            output.Write(ConsoleText.Fit(string.Create(CultureInfo.InvariantCulture,
                $"pooled over {sets} parameter sets of a posterior: runs are paired by ({PosteriorSpec.Column}, replicate), so each interval carries parameter uncertainty as well as seed noise (--within {PosteriorSpec.Column}: the effect at each set)")));
        }

        string outPath = Path.Combine(outDir, FileNames.Comparison);
        string thresholdsPath = Path.Combine(outDir, FileNames.Thresholds);
        var written = new List<string> { outPath };
        ComparisonOutput.Write(outPath, by, rows, baseKey, within);
        if (within.Count == 1)
        {
            var thresholds = Comparison.Thresholds(rows);
            output.WriteLine();
            output.Write(ComparisonOutput.FormatThresholds(within[0], thresholds, baseKey));
            ComparisonOutput.WriteThresholds(thresholdsPath, within[0], thresholds, baseKey);
            written.Add(thresholdsPath);
        }
        else if (File.Exists(thresholdsPath))
        {
            File.Delete(thresholdsPath); // stale: from an earlier comparison with one stratum column
        }

        return written;
    }
}
