using System.CommandLine;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim plot DIR [...]</c>: PNG and SVG figures of a sweep or run, ready for a paper.</summary>
public static class PlotCommand
{
    /// <summary>Metrics drawn when none are named.</summary>
    public static readonly string[] DefaultMetrics = ["deaths_civilian", "deaths_responder", "unmet_need_hours", "info_latency_mean_h"];

    /// <summary>Series drawn when none are named (if ticks.csv exists).</summary>
    public static readonly string[] DefaultSeries = ["trapped", "sheltered", "dead", "rumour"];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of a sweep or run (runs.csv, optional ticks.csv and sensitivity.csv)" };
        var series = new Option<string[]>("--series") { Description = "ticks.csv series to draw over time (default: trapped, sheltered, dead, rumour)" };
        var metric = new Option<string[]>("--metric") { Description = "Metrics for box plots, heatmap and sensitivity bars (default: headline metrics)" };
        var by = new Option<string?>("--by") { Description = "Factor column that groups runs (default: arm, or the first factor)" };
        var heatmap = new Option<string?>("--heatmap") { Description = "Two factor columns X,Y for a heatmap of each metric (default: the first two factors, if any)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the figures (default: DIR/figures)" };
        var within = new Option<string?>("--within") { Description = "A factor column (e.g. a demand level): also draw each group's paired difference from the baseline along its levels" };
        var baseline = new Option<string?>("--baseline") { Description = "The baseline group for --within (default: the first group)" };
        var force = new Option<bool>("--force") { Description = "Replace figure files that exist already in the --out folder" };
        var command = new Command("plot", "Draw figures (PNG and SVG): time series by group with 5–95% bands, box/strip plots, heatmaps over two factors, sensitivity bars")
        {
            dir, series, metric, by, heatmap, outDir, within, baseline, force,
        };
        command.SetAction(parse =>
        {
            string source = parse.GetValue(dir)!;
            string[] inputs = [Path.Combine(source, "runs.csv"), Path.Combine(source, "ticks.csv"), Path.Combine(source, "sensitivity.csv"), Path.Combine(source, "sweep.json")];
            using var folder = OutputFolder.Begin(parse.GetValue(outDir) ?? Path.Combine(source, "figures"), parse.GetValue(force), inputs, OutputMode.Add);
            var figures = Draw(source, parse.GetValue(series) ?? [], parse.GetValue(metric) ?? [], parse.GetValue(by), parse.GetValue(heatmap), folder.Staging,
                parse.GetValue(within), parse.GetValue(baseline));
            folder.Commit();
            foreach (var f in figures)
            {
                Console.WriteLine($"wrote {Path.Combine(folder.Target, Path.GetRelativePath(folder.Staging, f.Png))} and .svg — {f.Title}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Draws the figures for <paramref name="dir"/>; used by plot and report.</summary>
    public static IReadOnlyList<Figure> Draw(string dir, string[] series, string[] metrics, string? by, string? heatmap, string? outDir, string? within = null, string? baseline = null)
    {
        string runsPath = Path.Combine(dir, "runs.csv");
        if (!File.Exists(runsPath))
        {
            throw new CliException($"{dir}: no runs.csv here; give the --out folder of a finished run or sweep");
        }

        var runs = RunsTable.Read(runsPath);
        string groupBy = by ?? CompareCommand.DefaultBy(runs).FirstOrDefault() ?? "";
        if (by is not null && runs.Column(by) < 0)
        {
            throw new CliException($"--by {by}: no such column; the factors are: {string.Join(", ", Comparison.FactorColumns(runs))}");
        }

        string output = outDir ?? Path.Combine(dir, "figures");
        var chosenMetrics = metrics.Length > 0 ? metrics : DefaultMetrics;
        foreach (string m in chosenMetrics)
        {
            if (runs.Column(m) < 0 || !Core.Metrics.RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"--metric {m}: unknown metric");
            }
        }

        var figures = new List<Figure>();
        string ticks = Path.Combine(dir, "ticks.csv");
        if (File.Exists(ticks))
        {
            int byCol = runs.Column(groupBy);
            var groupOfRun = runs.Rows.Where(r => r[runs.Column("status")] == "ok")
                .ToDictionary(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), r => byCol < 0 ? "" : r[byCol]);
            foreach (string s in series.Length > 0 ? series : DefaultSeries)
            {
                figures.Add(Figures.TimeSeries(ticks, groupOfRun, s, groupBy.Length == 0 ? "run" : groupBy, output));
            }
        }
        else if (series.Length > 0)
        {
            throw new CliException($"{dir}: no ticks.csv (run the sweep with --ticks-every K to draw series over time)");
        }

        foreach (string m in chosenMetrics)
        {
            figures.Add(Figures.BoxStrip(runs, m, groupBy, output));
        }

        if (within is not null)
        {
            if (groupBy.Length == 0)
            {
                throw new CliException($"--within {within}: this sweep has no group column to compare along it");
            }

            var (rows, baseKey) = Comparison.Compute(runs, [groupBy], chosenMetrics, baseline, [within]);
            foreach (string m in chosenMetrics)
            {
                figures.Add(Figures.DifferenceByLevel(rows, m, within, baseKey, output));
            }
        }

        var factors = Comparison.FactorColumns(runs).Where(f => f != "arm").ToList();
        string[]? pair = heatmap?.Split(',', StringSplitOptions.TrimEntries);
        if (pair is { Length: not 2 })
        {
            throw new CliException($"--heatmap {heatmap}: expected two factor columns as X,Y");
        }

        pair ??= factors.Count >= 2 ? [factors[0], factors[1]] : null;
        if (pair is not null)
        {
            foreach (string m in chosenMetrics)
            {
                figures.Add(Figures.Heatmap(runs, m, pair[0], pair[1], output));
            }
        }

        string sensitivity = Path.Combine(dir, "sensitivity.csv");
        if (File.Exists(sensitivity))
        {
            var available = RunsTable.Read(sensitivity).Rows.Select(r => r[0]).ToHashSet();
            foreach (string m in chosenMetrics.Where(available.Contains))
            {
                figures.Add(Figures.SensitivityBars(sensitivity, m, output));
            }
        }

        return figures;
    }
}
