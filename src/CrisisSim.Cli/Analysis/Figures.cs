using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CsvHelper;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>A figure written to disk as PNG and SVG.</summary>
/// <param name="Name">File name without extension.</param>
/// <param name="Title">The figure's title.</param>
/// <param name="Png">Path of the PNG.</param>
/// <param name="Svg">Path of the SVG.</param>
public sealed record Figure(string Name, string Title, string Png, string Svg);

/// <summary>
/// Publication figures drawn with ScottPlot: time series by group (median and 5–95% band over
/// replicates), box-and-strip plots of a metric by group, a heatmap of a metric over two factors, and
/// bars of sensitivity indices. Titles, axis labels with units, legends; sized for a paper page.
/// </summary>
public static class Figures
{
    /// <summary>Width of saved figures in pixels.</summary>
    public const int Width = 1200;

    /// <summary>Height of saved figures in pixels.</summary>
    public const int Height = 750;

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private static readonly Regex s_clipId = new(@"(?<=id=""|url\(#)cl_[0-9a-f]+(?=["")])", RegexOptions.CultureInvariant);

    /// <summary>Unit of a metric or series, for axis labels, from the metric catalog.</summary>
    public static string UnitOf(string name) => Core.Metrics.MetricCatalog.Find(name)?.Unit ?? "value";

    /// <summary>Label of a metric with its unit.</summary>
    public static string Label(string name) => $"{name.Replace('_', ' ')} ({UnitOf(name)})";

    /// <summary>
    /// Median and 5–95% band of a ticks.csv series over the runs of each group. Null (with the reason in
    /// <paramref name="notes"/>) when ticks.csv has no usable rows for these runs, or has no such column and
    /// <paramref name="named"/> is false (a default series); a named series that does not exist is an error.
    /// </summary>
    public static Figure? TimeSeries(string ticksCsv, IReadOnlyDictionary<long, string> groupOfRun, string series, string groupName, string outDir, ICollection<string> notes, bool named = true)
    {
        string name = $"timeseries-{series}";
        // group -> time -> values
        var data = new Dictionary<string, SortedDictionary<double, List<double>>>(StringComparer.Ordinal);
        var order = groupOfRun.OrderBy(kv => kv.Key).Select(kv => kv.Value).Distinct().ToList(); // groups in design order
        int missing = 0;
        using (var csv = CsvReader.FromFile(ticksCsv, null, FileOptions.SequentialScan))
        {
            var header = csv.Headers;
            int runCol = IndexOf(header, "run_id");
            int timeCol = IndexOf(header, "time_h");
            int valueCol = IndexOf(header, series);
            if (runCol < 0 || timeCol < 0)
            {
                throw new CliException($"{ticksCsv}: not a ticks table (its header has no run_id and time_h columns)");
            }

            if (valueCol < 0)
            {
                if (named)
                {
                    throw new CliException($"--series {series}: ticks.csv has no such column; it has: {string.Join(", ", header.Skip(3))}");
                }

                notes.Add($"{name}: ticks.csv has no {series} column; not drawn");
                return null;
            }

            int row = 0;
            while (csv.Read())
            {
                row++;
                string runCell = Cell(csv, runCol);
                if (!long.TryParse(runCell, NumberStyles.Integer, s_inv, out long run))
                {
                    throw new CliException($"{ticksCsv}: data row {row}: run_id '{runCell}' is not a whole number");
                }

                if (!groupOfRun.TryGetValue(run, out string? g))
                {
                    continue;
                }

                double t = ResultTable.Number(Cell(csv, timeCol));
                double v = ResultTable.Number(Cell(csv, valueCol));
                if (!double.IsFinite(t) || !double.IsFinite(v))
                {
                    missing++;
                    continue;
                }

                if (!data.TryGetValue(g, out var byTime))
                {
                    data[g] = byTime = [];
                }

                if (!byTime.TryGetValue(t, out var values))
                {
                    byTime[t] = values = [];
                }

                values.Add(v);
            }
        }

        if (data.Count == 0)
        {
            notes.Add($"{name}: ticks.csv has no rows{(missing > 0 ? $" with a number for {series}" : "")} for the successful runs; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (missing > 0)
        {
            caveats.Add(string.Create(s_inv, $"{missing} tick rows without a number for {series} or time_h are left out"));
        }

        if (data.Values.All(byTime => byTime.Values.All(v => v.Count == 1)))
        {
            caveats.Add("one run per group: no 5–95% band");
        }

        bool onePoint = data.Values.All(byTime => byTime.Count == 1);
        if (onePoint)
        {
            caveats.Add("one time point per group: drawn as points");
        }

        var plt = new Plot();
        int i = 0;
        foreach (string group in order.Where(data.ContainsKey))
        {
            var byTime = data[group];
            var color = Palette(i++);
            double[] xs = [.. byTime.Keys];
            double[] med = [.. byTime.Values.Select(v => Quantile(v, 0.5))];
            double[] lo = [.. byTime.Values.Select(v => Quantile(v, 0.05))];
            double[] hi = [.. byTime.Values.Select(v => Quantile(v, 0.95))];
            var band = plt.Add.FillY(xs, lo, hi);
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = Colors.Transparent;
            var line = plt.Add.ScatterLine(xs, med, color);
            line.LineWidth = 2;
            if (onePoint)
            {
                line.MarkerSize = 7;
            }

            line.LegendText = group.Length == 0 ? "all runs" : group;
        }

        string title = $"{series.Replace('_', ' ')} over time by {groupName} (median, 5–95% band over replicates)";
        Decorate(plt, title, "simulated time since the first call (hours)", Label(series));
        return Save(plt, name, title, outDir, caveats, notes);
    }

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
            throw new CliException($"--heatmap {xFactor},{yFactor}: runs.csv has no such factor column");
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

    /// <summary>
    /// The paired difference from the baseline (mean and 95% CI band) of each group along one stratum factor, e.g. the gain
    /// of each co-governance arm over single government at each demand level. Levels are placed at their numeric values.
    /// Null (with the reason in <paramref name="notes"/>) when there is no paired difference at a numeric level.
    /// </summary>
    public static Figure? DifferenceByLevel(IReadOnlyList<ComparisonRow> rows, string metric, string within, string baseline, string outDir, ICollection<string> notes)
    {
        string name = $"difference-{metric}-by-{within.Replace('.', '_')}";
        var series = rows.Where(r => r.Metric == metric && r.Paired is not null && r.Stratum.Count == 1).GroupBy(r => string.Join(" | ", r.Group))
            .Select(g => (g.Key, Points: g.Select(r => (X: Key(r.Stratum[0]), P: r.Paired!.Value)).Where(p => p.X < double.MaxValue && double.IsFinite(p.P.MeanDifference)).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0)
        {
            notes.Add($"{name}: no paired difference from {baseline} at a numeric level of {within}; not drawn");
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
            var color = Palette(i++);
            double[] xs = [.. points.Select(p => p.X)];
            var band = plt.Add.FillY(xs, [.. points.Select(p => double.IsFinite(p.P.CiLow) ? p.P.CiLow : p.P.MeanDifference)], [.. points.Select(p => double.IsFinite(p.P.CiHigh) ? p.P.CiHigh : p.P.MeanDifference)]);
            band.FillColor = color.WithAlpha(0.15);
            band.LineColor = Colors.Transparent;
            var line = plt.Add.ScatterLine(xs, [.. points.Select(p => p.P.MeanDifference)], color);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = group;
        }

        var zero = plt.Add.HorizontalLine(0);
        zero.LineColor = Colors.Black.WithAlpha(0.6);
        zero.LinePattern = LinePattern.Dashed;
        string title = $"{metric.Replace('_', ' ')}: difference from {baseline} by {within} (mean, 95% CI of paired differences)";
        Decorate(plt, title, within, $"Δ {Label(metric)}");
        return Save(plt, name, title, outDir, caveats, notes);
    }

    /// <summary>
    /// Sensitivity indices of one metric (Morris μ* or Sobol S1 and ST) as bars. Null (with the reason in
    /// <paramref name="notes"/>) when sensitivity.csv has no index of the metric that is a number.
    /// </summary>
    public static Figure? SensitivityBars(string sensitivityCsv, string metric, string outDir, ICollection<string> notes)
    {
        string name = $"sensitivity-{metric}";
        var table = RunsTableFile.Read(sensitivityCsv);
        int metricCol = table.Column("metric");
        int factorCol = table.Column("factor");
        bool morris = table.Column("mu_star") >= 0;
        string[] indices = morris ? ["mu_star"] : ["s1", "st"];
        if (metricCol < 0 || factorCol < 0 || indices.Any(c => table.Column(c) < 0))
        {
            notes.Add($"{name}: sensitivity.csv has no metric, factor and {string.Join("/", indices)} columns; not drawn");
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
            notes.Add($"{name}: sensitivity.csv has no index of {metric} that is a number; not drawn");
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
        }
        else
        {
            var s1 = rows.Select((r, i) => new Bar { Position = (i * 3) + 0, Value = ResultTable.Number(Cell(r, table.Column("s1"))), FillColor = Palette(0) }).ToList();
            var st = rows.Select((r, i) => new Bar { Position = (i * 3) + 1, Value = ResultTable.Number(Cell(r, table.Column("st"))), FillColor = Palette(1) }).ToList();
            plt.Add.Bars(s1).LegendText = "first order S1";
            plt.Add.Bars(st).LegendText = "total order ST";
        }

        double step = morris ? 1 : 3;
        double offset = morris ? 0 : 0.5;
        plt.Axes.Bottom.SetTicks([.. factors.Select((_, i) => (i * step) + offset)], [.. factors]);
        plt.Axes.Bottom.TickLabelStyle.Rotation = 20;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        string title = $"{(morris ? "Morris screening" : "Sobol indices")} of {metric.Replace('_', ' ')}";
        Decorate(plt, title, "factor", morris ? $"μ* ({UnitOf(metric)} per unit range)" : "share of output variance");
        return Save(plt, name, title, outDir, caveats, notes);
    }

    /// <summary>Text whose glyphs every figure needs: letters, digits and the punctuation of tick labels.</summary>
    internal const string FontSample = "Ag09.,-()%";

    /// <summary>
    /// Finds what the figures' font resolves to. Replaceable by tests, which cannot uninstall fonts: SkiaSharp scans
    /// /usr/share/fonts itself, so the only way to see the no-font case is to feed the check a probe.
    /// </summary>
    internal static Func<FontProbe> ProbeFont { get; set; } = ProbeScottPlotFont;

    /// <summary>
    /// Throws a <see cref="CliException"/> (exit 2) when ScottPlot has no usable font. Without one SkiaSharp draws every
    /// label, title and tick with an empty typeface: the PNG and SVG are written, with no text, and nothing complains.
    /// </summary>
    public static void EnsureFont()
    {
        if (FontProblem(ProbeFont()) is { } problem)
        {
            throw new CliException(problem);
        }
    }

    /// <summary>Why <paramref name="probe"/> is not a usable font, or null when it is.</summary>
    internal static string? FontProblem(FontProbe probe)
    {
        if (probe.Glyphs == FontSample.Length && probe.Width > 0)
        {
            return null;
        }

        string resolved = string.IsNullOrEmpty(probe.Resolved) ? "no typeface" : $"'{probe.Resolved}'";
        return string.Create(s_inv, $"no usable font for the figures: '{probe.Family}' resolved to {resolved}, which has {probe.Glyphs} of the {FontSample.Length} glyphs of \"{FontSample}\" (text width {probe.Width:0.#} px), so figures would have no text; install a font (e.g. apt-get install fonts-dejavu-core) and run again")
            + (probe.Error is null ? "" : $" (the font could not be loaded: {probe.Error})");
    }

    /// <summary>Resolves ScottPlot's default font as labels do, and measures <see cref="FontSample"/> with it.</summary>
    private static FontProbe ProbeScottPlotFont()
    {
        string family = "";
        try
        {
            family = Fonts.Default;
            var typeface = Fonts.GetTypeface(family, bold: false, italic: false); // ScottPlot's cached typeface: not disposed here
            using var font = new SkiaSharp.SKFont(typeface, 14);
            int glyphs = font.GetGlyphs(FontSample).Count(g => g != 0);
            return new FontProbe(family, typeface.FamilyName, glyphs, font.MeasureText(FontSample), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new FontProbe(family, null, 0, 0, ex.Message);
        }
    }

    /// <summary>A cell of a runs table row ("" for a missing column or a short row).</summary>
    internal static string Cell(string[] row, int column) => column < 0 || column >= row.Length ? "" : row[column] ?? "";

    private static string Cell(CsvReader csv, int column) => column < csv.FieldCount ? csv.GetString(column) : "";

    private static void Decorate(Plot plt, string title, string x, string y, bool legend = true)
    {
        plt.Title(title, 18);
        plt.XLabel(x, 16);
        plt.YLabel(y, 16);
        plt.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plt.Axes.Left.TickLabelStyle.FontSize = 14;
        foreach (var axis in plt.Axes.GetAxes())
        {
            InvariantTickLabels(axis);
        }

        if (legend)
        {
            plt.ShowLegend(Alignment.UpperRight);
            plt.Legend.FontSize = 14;
        }
    }

    /// <summary>
    /// Writes the PNG and SVG. Caveats about degenerate data (values left out, no spread) are written in the figure's
    /// lower-left corner and added to <paramref name="notes"/>, prefixed with the figure's name.
    /// </summary>
    private static Figure Save(Plot plt, string name, string title, string outDir, List<string> caveats, ICollection<string> notes)
    {
        if (caveats.Count > 0)
        {
            var note = plt.Add.Annotation("note: " + string.Join("; ", caveats), Alignment.LowerLeft);
            note.LabelFontSize = 13;
            foreach (string c in caveats)
            {
                notes.Add($"{name}: {c}");
            }
        }

        Directory.CreateDirectory(outDir);
        string png = Path.Combine(outDir, name + ".png");
        string svg = Path.Combine(outDir, name + ".svg");
        plt.SavePng(png, Width, Height);
        File.WriteAllText(svg, NumberClipPaths(plt.GetSvgXml(Width, Height)), new UTF8Encoding(false));
        return new Figure(name, title, png, svg);
    }

    /// <summary>
    /// Skia names the SVG's clip paths from a counter shared by the whole process (cl_55 in one figure, cl_bd in the same
    /// figure drawn later), so the same figure would differ byte for byte with what was drawn before it. Renumbered in order
    /// of appearance, the SVG depends only on the figure.
    /// </summary>
    internal static string NumberClipPaths(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return s_clipId.Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out string? id))
            {
                ids[m.Value] = id = string.Create(s_inv, $"cl_{ids.Count + 1}");
            }

            return id;
        });
    }

    /// <summary>
    /// Numeric tick labels in the invariant culture. ScottPlot's default formatter uses the process culture
    /// (de-DE draws 7.640 and 0,4 where en-US draws 7,640 and 0.4); the figures, like the CSVs, must not depend on it.
    /// Axes with labels of their own (factor levels, group names) are left alone.
    /// </summary>
    private static void InvariantTickLabels(IAxis axis)
    {
        if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic automatic)
        {
            automatic.LabelFormatter = TickLabel;
        }
    }

    /// <summary>ScottPlot's default tick label (N0 for round or large values, otherwise G after rounding to 10 places) in the invariant culture.</summary>
    internal static string TickLabel(double value)
    {
        bool round = (int)value == value;
        bool large = Math.Abs(value) > 1000;
        if (round || large)
        {
            return value.ToString("N0", s_inv);
        }

        string label = Math.Round(value, 10).ToString("G", s_inv);
        return label == "-0" ? "0" : label;
    }

    private static Color Palette(int i) => new ScottPlot.Palettes.Category10().GetColor(i);

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++)
        {
            if (header[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static double Key(string level) => double.TryParse(level, NumberStyles.Float, s_inv, out double v) ? v : double.MaxValue;

    private static double Quantile(IReadOnlyList<double> values, double q) => Core.Analysis.Quantiles.Of(values, q);
}

/// <summary>What the figures' font family resolved to.</summary>
/// <param name="Family">The family asked for (ScottPlot's default).</param>
/// <param name="Resolved">The family of the typeface found, or null.</param>
/// <param name="Glyphs">How many characters of <see cref="Figures.FontSample"/> it has glyphs for.</param>
/// <param name="Width">The width of <see cref="Figures.FontSample"/> at 14 px.</param>
/// <param name="Error">Why the font could not be loaded at all, or null.</param>
internal readonly record struct FontProbe(string Family, string? Resolved, int Glyphs, float Width, string? Error);
