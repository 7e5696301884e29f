using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>What a difference heatmap shows: one group against the baseline in every cell of two factors.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Group">The group compared, e.g. an arm; null when the cells themselves are the groups (then <paramref name="Baseline"/> is a cell).</param>
/// <param name="Baseline">The baseline group or cell, in words.</param>
/// <param name="XFactor">The factor along the horizontal axis.</param>
/// <param name="YFactor">The factor along the vertical axis.</param>
/// <param name="Xs">Its levels, in order.</param>
/// <param name="Ys">The vertical factor's levels, in order (drawn from bottom to top).</param>
/// <param name="Cells">The paired difference from the baseline per (x, y) level, absent where there is none.</param>
public sealed record DifferenceGrid(string Metric, string? Group, string Baseline, string XFactor, string YFactor, IReadOnlyList<string> Xs, IReadOnlyList<string> Ys,
    IReadOnlyDictionary<(string X, string Y), PairedResult> Cells);

/// <summary>The heatmap of the paired difference from the baseline over two factors.</summary>
public static partial class Figures
{
    /// <summary>
    /// The mean paired difference from the baseline in each cell of two factors, on a diverging colour map centred at
    /// zero (blue: better, orange: worse, by the catalog; for a metric without a better side, blue is lower) with a
    /// labelled colour bar, and each cell's value written in it. Null (with the reason in the notes) when no cell has a
    /// difference.
    /// </summary>
    public static Figure? DifferenceHeatmap(DifferenceGrid grid, string name, FigureTarget target)
    {
        var (metric, group, baseline, xFactor, yFactor, xs, ys, cells) = grid;
        var values = new double[ys.Count, xs.Count];
        int empty = 0;
        for (int yi = 0; yi < ys.Count; yi++)
        {
            for (int xi = 0; xi < xs.Count; xi++)
            {
                double v = cells.TryGetValue((xs[xi], ys[yi]), out var p) ? p.MeanDifference : double.NaN;
                values[ys.Count - 1 - yi, xi] = double.IsFinite(v) ? v : double.NaN;
                empty += double.IsFinite(v) ? 0 : 1;
            }
        }

        if (empty == values.Length)
        {
            target.Notes.Add($"{name}: no cell of {xFactor} and {yFactor} has a paired difference of {metric} from {baseline}; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (empty > 0)
        {
            caveats.Add(string.Create(s_inv, $"{empty} of {values.Length} cells have no paired difference (the baseline itself, or no pairs) and are blank"));
        }

        var plt = new Plot();
        var hm = plt.Add.Heatmap(values);
        bool higherBetter = MetricCatalog.Find(metric)?.Better == Better.Higher;
        hm.Colormap = new ScottPlot.Colormaps.CustomInterpolated(higherBetter ? [Palette(1), Colors.White, Palette(0)] : [Palette(0), Colors.White, Palette(1)]);
        double extent = values.Cast<double>().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double half = extent > 0 ? extent : 1; // every difference zero: a unit either side
        hm.ManualRange = new ScottPlot.Range(-half, half); // centred at 0: white is no difference
        hm.NaNCellColor = Colors.LightGray;
        CellValues(plt, values, extent);
        string versus = group is null ? $"each cell − {baseline}" : $"{group} − {baseline}";
        string side = MetricCatalog.Find(metric)?.Better switch { Better.Lower or Better.Higher => "blue: better, orange: worse", _ => "blue: lower, orange: higher" };
        var bar = plt.Add.ColorBar(hm);
        bar.Label = Fit($"Δ {Label(metric)}; {side}", TextSize, target.Options.LayoutHeight * 0.7);
        bar.LabelStyle.FontSize = TextSize;
        string title = $"Δ {Caption(metric)}: {versus}, over {xFactor} and {yFactor} (mean paired difference)";
        Decorate(plt, target, title, xFactor, yFactor, legend: false);
        InvariantTickLabels(bar.Axis);
        plt.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        plt.HideGrid();
        CategoryTicks(plt, plt.Axes.Bottom, xs, target.Options);
        CategoryTicks(plt, plt.Axes.Left, [.. ys], target.Options);
        return Save(plt, name, title, target, caveats);
    }

    /// <summary>A cell's value: whole from 100, one decimal from 10, else two; invariant culture.</summary>
    internal static string CellText(double v)
    {
        if (!double.IsFinite(v))
        {
            return "–";
        }

        string text = v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.#" : "0.##", s_inv);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Each cell's difference written in it, white on the darkest cells.</summary>
    private static void CellValues(Plot plt, double[,] values, double extent)
    {
        int rows = values.GetLength(0);
        int columns = values.GetLength(1);
        if (rows * columns > 100)
        {
            return; // too many cells for their numbers; the colour bar reads them
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double v = values[r, c];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                var text = plt.Add.Text(CellText(v), c, rows - 1 - r);
                text.LabelFontSize = TextSize;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Math.Abs(v) > 0.6 * extent ? Colors.White : Colors.Black;
                text.LabelFontName = FontFamily;
            }
        }
    }
}
