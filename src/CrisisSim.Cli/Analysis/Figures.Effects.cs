using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>Figures of effects: paired differences from a baseline along a stratum, and sensitivity indices.</summary>
public static partial class Figures
{
    /// <summary>
    /// The paired difference from the baseline (mean and 95% CI band) of each group along one stratum factor, e.g. the gain
    /// of each co-governance arm over single government at each demand level. Levels are placed at their numeric values.
    /// Null (with the reason in <paramref name="notes"/>) when there is no paired difference at a numeric level.
    /// </summary>
    public static Figure? DifferenceByLevel(IReadOnlyList<ComparisonRow> rows, string metric, string within, string baseline, FigureTarget target)
    {
        string name = $"difference-{metric}-by-{within.Replace('.', '_')}";
        var series = rows.Where(r => r.Metric == metric && r.Paired is not null && r.Stratum.Count == 1).GroupBy(r => string.Join(" | ", r.Group))
            .Select(g => (g.Key, Points: g.Select(r => (X: Key(r.Stratum[0]), P: r.Paired!.Value)).Where(p => p.X < double.MaxValue && double.IsFinite(p.P.MeanDifference)).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0)
        {
            target.Notes.Add($"{name}: no paired difference from {baseline} at a numeric level of {within}; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (series.Any(s => s.Points.Any(p => !double.IsFinite(p.P.CiLow) || !double.IsFinite(p.P.CiHigh))))
        {
            caveats.Add("95% CI undefined where fewer than 2 pairs differ in a computable way: no band there");
        }

        var plt = new Plot();
        int i = 0;
        foreach (var (group, points) in series)
        {
            var color = Palette(i);
            double[] xs = [.. points.Select(p => p.X)];
            var band = plt.Add.FillY(xs, [.. points.Select(p => double.IsFinite(p.P.CiLow) ? p.P.CiLow : p.P.MeanDifference)], [.. points.Select(p => double.IsFinite(p.P.CiHigh) ? p.P.CiHigh : p.P.MeanDifference)]);
            band.FillColor = color.WithAlpha(0.15);
            band.LineColor = Colors.Transparent;
            var line = plt.Add.ScatterLine(xs, [.. points.Select(p => p.P.MeanDifference)], color);
            line.LineWidth = 2;
            line.LinePattern = Pattern(i);
            line.MarkerShape = Marker(i);
            line.MarkerSize = 8;
            line.LegendText = group;
            i++;
        }

        var zero = plt.Add.HorizontalLine(0);
        zero.LineColor = Colors.Black.WithAlpha(0.6);
        zero.LinePattern = LinePattern.Dashed;
        string title = $"{Caption(metric)}: difference from {baseline} by {within} (mean, 95% CI of paired differences)";
        Decorate(plt, target, title, within, $"Δ {Label(metric)}, group − {baseline}{BetterSide(metric, vertical: true)}");
        return Save(plt, name, title, target, caveats);
    }

    /// <summary>
    /// Sensitivity indices of one metric (Morris μ* or Sobol S1 and ST) as bars. Null (with the reason in
    /// <paramref name="notes"/>) when sensitivity.csv has no index of the metric that is a number.
    /// </summary>
    public static Figure? SensitivityBars(string sensitivityCsv, string metric, FigureTarget target)
    {
        string name = $"sensitivity-{metric}";
        var table = RunsTableFile.Read(sensitivityCsv);
        int metricCol = table.Column("metric");
        int factorCol = table.Column("factor");
        bool morris = table.Column("mu_star") >= 0;
        string[] indices = morris ? ["mu_star"] : ["s1", "st"];
        if (metricCol < 0 || factorCol < 0 || indices.Any(c => table.Column(c) < 0))
        {
            target.Notes.Add($"{name}: {FileNames.Sensitivity} has no metric, factor and {string.Join("/", indices)} columns; not drawn");
            return null;
        }

        var rows = table.Rows.Where(r => Cell(r, metricCol) == metric).ToList();
        if (rows.Count == 0)
        {
            throw new CliException($"{sensitivityCsv}: no indices for metric '{metric}'");
        }

        var caveats = new List<string>();
        var usable = rows.Where(r => indices.All(c => double.IsFinite(ResultTable.Number(Cell(r, table.Column(c)))))).ToList();
        if (usable.Count == 0)
        {
            target.Notes.Add($"{name}: {FileNames.Sensitivity} has no index of {metric} that is a number; not drawn");
            return null;
        }

        if (usable.Count < rows.Count)
        {
            caveats.Add($"no index for {string.Join(", ", rows.Except(usable).Select(r => Cell(r, factorCol)))} (not a number): left out");
            rows = usable;
        }

        var plt = new Plot();
        var factors = rows.Select(r => Cell(r, factorCol)).ToList();
        if (morris)
        {
            var bars = plt.Add.Bars([.. rows.Select(r => ResultTable.Number(Cell(r, table.Column("mu_star"))))]);
            bars.LegendText = "μ* (mean |elementary effect|)";
            bars.Color = Palette(0);
        }
        else
        {
            var s1 = rows.Select((r, i) => new Bar { Position = (i * 3) + 0, Value = ResultTable.Number(Cell(r, table.Column("s1"))), FillColor = Palette(0) }).ToList();
            var st = rows.Select((r, i) => new Bar { Position = (i * 3) + 1, Value = ResultTable.Number(Cell(r, table.Column("st"))), FillColor = Palette(1), FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = Colors.White.WithAlpha(0.6) }).ToList();
            plt.Add.Bars(s1).LegendText = "first order S1";
            plt.Add.Bars(st).LegendText = "total order ST";
        }

        string title = $"{(morris ? "Morris screening" : "Sobol indices")} of {Caption(metric)}";
        Decorate(plt, target, title, "factor", morris ? $"μ* ({UnitOf(metric)} per unit range)" : "share of output variance");
        double step = morris ? 1 : 3; // Sobol: a pair of bars per factor at 3i and 3i + 1, labelled between them
        double offset = morris ? 0 : 0.5;
        CategoryTicks(plt, plt.Axes.Bottom, factors, target.Options, [.. factors.Select((_, i) => (i * step) + offset)]);

        return Save(plt, name, title, target, caveats);
    }
}
