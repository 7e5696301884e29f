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
public static partial class Figures
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
