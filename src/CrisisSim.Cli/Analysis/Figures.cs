using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CsvHelper;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>A figure written to disk, in each format asked for.</summary>
/// <param name="Name">File name without extension.</param>
/// <param name="Title">The figure's title (also its caption in the report, drawn or not).</param>
/// <param name="Files">Paths of the files written: name.png, name.svg, name.pdf as asked.</param>
/// <param name="Forest">For a forest plot, the estimates it draws (comparison.csv's numbers); else null.</param>
public sealed record Figure(string Name, string Title, IReadOnlyList<string> Files, IReadOnlyList<ForestPoint>? Forest = null)
{
    /// <summary>Path of the PNG, or null when none was asked for.</summary>
    public string? Png => Files.FirstOrDefault(f => f.EndsWith(".png", StringComparison.Ordinal));
}

/// <summary>
/// Publication figures drawn with ScottPlot: forest plots of paired differences from the baseline, time series by group
/// (median and 5–95% band over replicates), box-and-strip plots of a metric by group, a heatmap of the difference from
/// the baseline over two factors, and bars of sensitivity indices. Titles, axis labels with units from the metric
/// catalog, a sans-serif font, colour-blind-safe colours with markers and line patterns; sized for a paper page.
/// </summary>
public static partial class Figures
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private static readonly Regex s_clipId = new(@"(?<=id=""|url\(#)cl_[0-9a-f]+(?=["")])", RegexOptions.CultureInvariant);

    /// <summary>A cell of a runs table row ("" for a missing column or a short row).</summary>
    internal static string Cell(string[] row, int column) => column < 0 || column >= row.Length ? "" : row[column] ?? "";

    private static string Cell(CsvReader csv, int column) => column < csv.FieldCount ? csv.GetString(column) : "";

    /// <summary>
    /// Title (unless the options say --no-title), axis labels and text sizes, invariant numeric tick labels, and the
    /// legend outside the data on the right, where it covers nothing.
    /// </summary>
    private static void Decorate(Plot plt, FigureTarget target, string title, string x, string y, bool legend = true)
    {
        if (target.Options.Title)
        {
            plt.Title(title, 18);
        }

        plt.XLabel(x, 16);
        plt.YLabel(y, 16);
        plt.Axes.Bottom.TickLabelStyle.FontSize = TextSize;
        plt.Axes.Left.TickLabelStyle.FontSize = TextSize;
        foreach (var axis in plt.Axes.GetAxes())
        {
            InvariantTickLabels(axis);
        }

        if (legend)
        {
            foreach (var item in plt.GetPlottables().OfType<IHasLegendText>().Where(p => !string.IsNullOrEmpty(p.LegendText)))
            {
                item.LegendText = Fit(item.LegendText, TextSize, target.Options.LayoutWidth * 0.22); // a long group name would take the plot's width
            }

            plt.ShowLegend(target.Options.LayoutWidth < 900 ? Edge.Bottom : Edge.Right); // a narrow figure has no room beside the plot
            plt.Legend.FontSize = TextSize;
            plt.Legend.FontName = FontFamily;
        }
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
