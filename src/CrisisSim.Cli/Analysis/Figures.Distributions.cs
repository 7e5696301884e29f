using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>Figures of a metric's distribution over runs: by group (box and strip).</summary>
public static partial class Figures
{
    /// <summary>
    /// Box (quartiles, whiskers at 5% and 95%) and strip (every replicate) of a metric by group, over the successful runs
    /// <paramref name="ok"/>. Null (with the reason in <paramref name="notes"/>) when no run has a value of the metric.
    /// </summary>
    public static Figure? BoxStrip(ResultTable runs, IReadOnlyList<string[]> ok, string metric, string by, FigureTarget target)
    {
        string name = $"box-{metric}";
        int col = runs.Column(metric);
        int byCol = runs.Column(by);
        var groups = ok.GroupBy(r => Cell(r, byCol)).ToList();
        var valuesOf = groups.Select(g => g.Select(r => ResultTable.Number(Cell(r, col))).Where(double.IsFinite).ToList()).ToList();
        int present = valuesOf.Sum(v => v.Count);
        if (present == 0)
        {
            target.Notes.Add($"{name}: no successful run has a value of {metric}; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (present < ok.Count)
        {
            caveats.Add(string.Create(s_inv, $"{ok.Count - present} of {ok.Count} successful runs have no value of {metric} and are left out"));
        }

        if (valuesOf.All(v => v.Count <= 1))
        {
            caveats.Add("one run per group: no spread");
        }

        var plt = new Plot();
        for (int g = 0; g < groups.Count; g++)
        {
            var values = valuesOf[g];
            if (values.Count == 0)
            {
                continue;
            }

            var box = plt.Add.Box(new Box
            {
                Position = g,
                BoxMin = Quantile(values, 0.25),
                BoxMax = Quantile(values, 0.75),
                BoxMiddle = Quantile(values, 0.5),
                WhiskerMin = Quantile(values, 0.05),
                WhiskerMax = Quantile(values, 0.95),
            });
            box.FillColor = Palette(g).WithAlpha(0.25);
            box.LineColor = Palette(g);
            box.LineWidth = 1.5f;
            double[] xs = [.. values.Select((_, k) => g + (0.3 * (((k * 0.6180339887) % 1) - 0.5)))]; // deterministic jitter
            plt.Add.Markers(xs, [.. values], Marker(g), 5, Palette(g));
        }

        string title = $"{Caption(metric)} by {by} (box: quartiles, whiskers: 5–95%, dots: replicates)";
        Decorate(plt, target, title, by, Label(metric), legend: false);
        FloorAtZero(plt, valuesOf.SelectMany(v => v));
        CategoryTicks(plt, plt.Axes.Bottom, [.. groups.Select(g => g.Key)], target.Options);
        return Save(plt, name, title, target, caveats);
    }
}
