using CrisisSim.Core.Analysis;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>One estimate a forest plot draws: a group's mean paired difference from the baseline and its 95% CI, as in comparison.csv.</summary>
/// <param name="Group">The group (values of the --by columns joined by " | ").</param>
/// <param name="Stratum">The stratum (values of the --within columns joined by ", "), or "" without strata.</param>
/// <param name="Y">Where it is drawn on the vertical axis.</param>
/// <param name="Mean">diff_mean.</param>
/// <param name="Low">diff_ci_low (NaN: no interval, the marker alone is drawn).</param>
/// <param name="High">diff_ci_high.</param>
public sealed record ForestPoint(string Group, string Stratum, double Y, double Mean, double Low, double High);

/// <summary>The forest plot: each group's paired difference from the baseline, per metric.</summary>
public static partial class Figures
{
    /// <summary>
    /// Each group's mean paired difference from the baseline with its 95% CI (a horizontal bar and a marker), groups on
    /// the vertical axis in design order from the top, a line at zero, the x axis labelled with the metric's caption,
    /// unit and which side is better. With strata (a --within factor) each group has one estimate per level, set apart
    /// vertically, each level with its own colour, marker and line pattern (legend); without, the estimates are also
    /// written beside the plot. The numbers are the rows' own (comparison.csv's diff_mean, diff_ci_low, diff_ci_high);
    /// <paramref name="points"/> receives them as drawn. Null (with the reason in the notes) when no group has a difference.
    /// </summary>
    public static Figure? Forest(IReadOnlyList<ComparisonRow> rows, string metric, string baseline, IReadOnlyList<string> groups, string by, IReadOnlyList<string> within, FigureTarget target, List<ForestPoint> points)
    {
        string name = $"forest-{metric}";
        var mine = rows.Where(r => r.Metric == metric && !r.IsBaseline && r.Paired is not null).ToList();
        var strata = mine.Select(Stratum).Distinct().ToList();
        string StratumLabel(string s) => string.Join(", ", s.Split(", ").Select((v, i) => i < within.Count ? $"{within[i]} = {v}" : v));
        var caveats = new List<string>();
        for (int g = 0; g < groups.Count; g++)
        {
            for (int s = 0; s < strata.Count; s++)
            {
                var row = mine.FirstOrDefault(r => GroupName(r) == groups[g] && Stratum(r) == strata[s]);
                if (row?.Paired is { } p && double.IsFinite(p.MeanDifference))
                {
                    double y = groups.Count - 1 - g + (strata.Count == 1 ? 0 : (((strata.Count - 1) / 2.0) - s) * (0.7 / strata.Count));
                    points.Add(new ForestPoint(groups[g], strata[s], y, p.MeanDifference, p.CiLow, p.CiHigh));
                }
            }
        }

        if (points.Count == 0)
        {
            target.Notes.Add($"{name}: no group has a paired difference of {metric} from {baseline}; not drawn");
            return null;
        }

        if (points.Any(p => !double.IsFinite(p.Low) || !double.IsFinite(p.High)))
        {
            caveats.Add("95% CI undefined where fewer than 2 pairs differ in a computable way: marker only");
        }

        var plt = new Plot();
        DrawEstimates(plt, points, strata, StratumLabel);
        string title = $"Δ {Caption(metric)}: each {by} − {baseline} (mean and 95% CI of paired differences)";
        Decorate(plt, target, title, $"Δ {Label(metric)}, {by} − {baseline}{BetterSide(metric, vertical: false)}", by, legend: strata.Count > 1);
        ForestLimits(plt, points, groups.Count);
        CategoryTicks(plt, plt.Axes.Left, [.. groups.Reverse()], target.Options);
        if (strata.Count == 1)
        {
            EstimatesBeside(plt, points);
        }

        return Save(plt, name, title, target, caveats);
    }

    private static string GroupName(ComparisonRow r) => string.Join(" | ", r.Group);

    private static string Stratum(ComparisonRow r) => string.Join(", ", r.Stratum);

    /// <summary>The zero line, and per stratum its bars and markers in its own colour, marker and line pattern.</summary>
    private static void DrawEstimates(Plot plt, List<ForestPoint> points, List<string> strata, Func<string, string> label)
    {
        var zero = plt.Add.VerticalLine(0);
        zero.LineColor = Colors.Black.WithAlpha(0.7);
        zero.LineWidth = 1.5f;
        zero.LinePattern = LinePattern.Dashed;
        for (int s = 0; s < strata.Count; s++)
        {
            var level = points.Where(p => p.Stratum == strata[s]).ToList();
            foreach (var p in level.Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)))
            {
                var bar = plt.Add.Line(p.Low, p.Y, p.High, p.Y);
                bar.LineColor = Palette(s);
                bar.LineWidth = 2.5f;
                bar.LinePattern = Pattern(s);
                bar.MarkerSize = 0;
            }

            double[] xs = [.. level.Select(p => p.Mean)];
            double[] ys = [.. level.Select(p => p.Y)];
            var markers = plt.Add.Markers(xs, ys, Marker(s), 10, Palette(s));
            markers.LegendText = strata.Count > 1 ? label(strata[s]) : "";
        }
    }

    /// <summary>The horizontal axis around every interval and zero; the vertical axis around the groups.</summary>
    private static void ForestLimits(Plot plt, List<ForestPoint> points, int groups)
    {
        var xs = points.SelectMany(p => new[] { p.Mean, p.Low, p.High }).Where(double.IsFinite).Append(0).ToList();
        double lo = xs.Min();
        double hi = xs.Max();
        double pad = hi > lo ? (hi - lo) * 0.08 : Math.Max(Math.Abs(lo), 1) * 0.5; // every difference zero: a unit either side
        plt.Axes.SetLimitsX(lo - pad, hi + pad);
        plt.Axes.SetLimitsY(-0.6, groups - 0.4);
        plt.Axes.Left.MinorTickStyle.Length = 0;
        plt.Grid.YAxisStyle.IsVisible = false;
    }

    /// <summary>Each estimate as text on the right axis, "Δ [low, high]", in line with its group.</summary>
    private static void EstimatesBeside(Plot plt, List<ForestPoint> points)
    {
        var right = plt.Axes.Right;
        int d = ComparisonSummary.Decimals(points.Select(p => (p.High - p.Low) / 2)); // the console's digits
        right.SetTicks([.. points.Select(p => p.Y)], [.. points.Select(p => $"{ComparisonSummary.Number(p.Mean, d)} [{ComparisonSummary.Number(p.Low, d)}, {ComparisonSummary.Number(p.High, d)}]")]);
        right.TickLabelStyle.FontSize = TextSize;
        right.TickLabelStyle.FontName = FontFamily;
        right.MajorTickStyle.Length = 0;
        right.MinorTickStyle.Length = 0;
        right.Label.Text = "Δ [95% CI]";
        right.Label.FontSize = TextSize;
        right.Label.Rotation = 90;
        plt.Axes.SetLimitsY(plt.Axes.Left.Range.Min, plt.Axes.Left.Range.Max, right);
    }
}
