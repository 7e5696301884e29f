using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>Figures of a metric's distribution over runs: by group (box and strip) and over two factors (heatmap).</summary>
public static partial class Figures
{
    /// <summary>
    /// Box (quartiles, whiskers at 5% and 95%) and strip (every replicate) of a metric by group, over the successful runs
    /// <paramref name="ok"/>. Null (with the reason in <paramref name="notes"/>) when no run has a value of the metric.
    /// </summary>
    public static Figure? BoxStrip(ResultTable runs, IReadOnlyList<string[]> ok, string metric, string by, string outDir, ICollection<string> notes)
    {
        string name = $"box-{metric}";
        int col = runs.Column(metric);
        int byCol = runs.Column(by);
        var groups = ok.GroupBy(r => Cell(r, byCol)).ToList();
        var valuesOf = groups.Select(g => g.Select(r => ResultTable.Number(Cell(r, col))).Where(double.IsFinite).ToList()).ToList();
        int present = valuesOf.Sum(v => v.Count);
        if (present == 0)
        {
            notes.Add($"{name}: no successful run has a value of {metric}; not drawn");
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
            box.FillColor = Palette(g).WithAlpha(0.35);
            box.LineColor = Palette(g);
            double[] xs = [.. values.Select((_, k) => g + (0.3 * (((k * 0.6180339887) % 1) - 0.5)))]; // deterministic jitter
            plt.Add.Markers(xs, [.. values], MarkerShape.FilledCircle, 5, Palette(g));
        }

        plt.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)], [.. groups.Select(g => g.Key)]);
        string title = $"{metric.Replace('_', ' ')} by {by} (box: quartiles, whiskers: 5–95%, dots: replicates)";
        Decorate(plt, title, by, Label(metric), legend: false);
        return Save(plt, name, title, outDir, caveats, notes);
    }

    /// <summary>
    /// Mean of a metric over two factors, over the successful runs <paramref name="ok"/>. Null (with the reason in
    /// <paramref name="notes"/>) when no run has a value of the metric.
    /// </summary>
    public static Figure? Heatmap(ResultTable runs, IReadOnlyList<string[]> ok, string metric, string xFactor, string yFactor, string outDir, ICollection<string> notes)
    {
        string name = $"heatmap-{metric}";
        int col = runs.Column(metric);
        int xc = runs.Column(xFactor);
        int yc = runs.Column(yFactor);
        if (xc < 0 || yc < 0)
        {
            throw new CliException($"--heatmap {xFactor},{yFactor}: {FileNames.Runs} has no such factor column");
        }

        var xs = ok.Select(r => Cell(r, xc)).Distinct().OrderBy(Key).ToList();
        var ys = ok.Select(r => Cell(r, yc)).Distinct().OrderBy(Key).ToList();
        var grid = new double[ys.Count, xs.Count];
        int empty = 0;
        for (int yi = 0; yi < ys.Count; yi++)
        {
            for (int xi = 0; xi < xs.Count; xi++)
            {
                var cell = ok.Where(r => Cell(r, xc) == xs[xi] && Cell(r, yc) == ys[yi]).Select(r => ResultTable.Number(Cell(r, col))).Where(double.IsFinite).ToList();
                grid[ys.Count - 1 - yi, xi] = cell.Count == 0 ? double.NaN : cell.Average();
                empty += cell.Count == 0 ? 1 : 0;
            }
        }

        if (empty == grid.Length)
        {
            notes.Add($"{name}: no successful run has a value of {metric}; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (empty > 0)
        {
            caveats.Add(string.Create(s_inv, $"{empty} of {grid.Length} cells have no successful run with a value of {metric} and are blank"));
        }

        var plt = new Plot();
        var hm = plt.Add.Heatmap(grid);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        var bar = plt.Add.ColorBar(hm);
        bar.Label = $"mean {Label(metric)}";
        plt.Axes.Bottom.SetTicks([.. Enumerable.Range(0, xs.Count).Select(i => (double)i)], [.. xs]);
        plt.Axes.Left.SetTicks([.. Enumerable.Range(0, ys.Count).Select(i => (double)i)], [.. ys]);
        string title = $"mean {metric.Replace('_', ' ')} over {xFactor} and {yFactor}";
        Decorate(plt, title, xFactor, yFactor, legend: false);
        InvariantTickLabels(bar.Axis);
        return Save(plt, name, title, outDir, caveats, notes);
    }
}
