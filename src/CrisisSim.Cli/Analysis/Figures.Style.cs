using CrisisSim.Core.Metrics;
using ScottPlot;
using SkiaSharp;

namespace CrisisSim.Cli.Analysis;

/// <summary>
/// The look every figure shares: a sans-serif font, the Okabe–Ito colours with a marker and a line pattern per series
/// (so no series is told apart by colour alone), labels from the metric catalog with units, category labels that are
/// wrapped or turned rather than overlapped, and count axes that stop at zero.
/// </summary>
public static partial class Figures
{
    /// <summary>The sans-serif families the figures use, the first installed one; DejaVu Sans is Debian's (fonts-dejavu-core).</summary>
    internal static readonly string[] SansFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

    /// <summary>Size of tick labels, legends and category labels (layout pixels; 10.5 pt in print).</summary>
    private const float TextSize = 14;

    /// <summary>Okabe and Ito's colours for colour-blind readers (Wong, Nature Methods 8:441, 2011), yellow last: it is faint on white.</summary>
    private static readonly Color[] s_okabeIto =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    private static readonly MarkerShape[] s_markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.Cross,
    ];

    private static readonly LinePattern[] s_patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly Lazy<string> s_family = new(() => SansFamilies.FirstOrDefault(Installed) ?? SansFamilies[0]);

    /// <summary>The font family of every text in the figures: the first of <see cref="SansFamilies"/> installed.</summary>
    public static string FontFamily => s_family.Value;

    /// <summary>Unit of a metric or series, for axis labels, from the metric catalog.</summary>
    public static string UnitOf(string name) => MetricCatalog.Find(name)?.Unit ?? "value";

    /// <summary>What figures call a metric or series: its catalog caption, else its name in words.</summary>
    public static string Caption(string name) => MetricCatalog.Find(name)?.Caption ?? name.Replace('_', ' ');

    /// <summary>Caption of a metric with its unit, e.g. "civilian deaths (persons)".</summary>
    public static string Label(string name) => $"{Caption(name)} ({UnitOf(name)})";

    /// <summary>
    /// Which side of a difference axis is better, by the catalog, for the end of its label: "; ← better (lower)" on a
    /// horizontal axis, "; lower is better" on a vertical one; "" for a metric without a better side.
    /// </summary>
    internal static string BetterSide(string metric, bool vertical) => (MetricCatalog.Find(metric)?.Better, vertical) switch
    {
        (Better.Lower, false) => "; ← better (lower)",
        (Better.Higher, false) => "; better (higher) →",
        (Better.Lower, true) => "; lower is better",
        (Better.Higher, true) => "; higher is better",
        _ => "",
    };

    /// <summary>Colour of series <paramref name="i"/>.</summary>
    private static Color Palette(int i) => s_okabeIto[i % s_okabeIto.Length];

    /// <summary>Marker of series <paramref name="i"/>, so series differ without colour; no two of the first 64 series share colour and marker.</summary>
    private static MarkerShape Marker(int i) => s_markers[(i + (i / s_okabeIto.Length)) % s_markers.Length]; // past the colours, a new pairing



    /// <summary>Line pattern of series <paramref name="i"/>.</summary>
    private static LinePattern Pattern(int i) => s_patterns[(i + (i / s_okabeIto.Length)) % s_patterns.Length];

    private static bool Installed(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null;
    }

    /// <summary>
    /// Sets the labels of the categories at 0, 1, … (or at <paramref name="positions"/>) on <paramref name="axis"/> so
    /// that none collides with another: as they are when each fits its space, else wrapped at hyphens and spaces, else
    /// (bottom axis) wrapped and turned upright, the axis grown to hold them; in a smaller size where they would still
    /// not fit (the left axis: wrapped lines taller than their space). The space is measured on a first layout of <paramref name="plt"/>, the text with the figures' font.
    /// </summary>
    private static void CategoryTicks(Plot plt, IAxis axis, IReadOnlyList<string> labels, FigureOptions o, double[]? positions = null)
    {
        positions ??= [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)];
        axis.SetTicks(positions, [.. labels]);
        axis.TickLabelStyle.FontSize = TextSize;
        axis.TickLabelStyle.FontName = FontFamily;
        if (labels.Count == 0)
        {
            return;
        }

        plt.Font.Set(FontFamily);
        plt.RenderInMemory(o.LayoutWidth, o.LayoutHeight);
        var data = plt.LastRender.DataRect;
        bool bottom = axis.Edge == Edge.Bottom;
        double gap = positions.Length < 2 ? axis.Range.Span : positions.Zip(positions.Skip(1), (a, b) => Math.Abs(b - a)).Min();
        double space = (bottom ? data.Width : data.Height) / Math.Max(axis.Range.Span, 1e-9) * Math.Min(gap, axis.Range.Span);
        using var font = new SKFont(Fonts.GetTypeface(FontFamily, bold: false, italic: false), TextSize);
        double line = font.Spacing;
        if (bottom)
        {
            BottomCategories(axis, positions, labels, font, space * 0.92, line, o.LayoutHeight * 0.45);
        }
        else
        {
            LeftCategories(axis, positions, labels, font, space * 0.92, line, o.LayoutWidth * 0.3);
        }
    }

    private static void BottomCategories(IAxis axis, double[] positions, IReadOnlyList<string> labels, SKFont font, double space, double line, double room)
    {
        if (labels.All(l => font.MeasureText(l) <= space))
        {
            return;
        }

        var wrapped = labels.Select(l => Wrap(l, font, space)).ToList();
        if (wrapped.All(w => w.Count <= 3 && w.All(part => font.MeasureText(part) <= space)))
        {
            axis.SetTicks(positions, [.. wrapped.Select(w => string.Join('\n', w))]);
            return;
        }

        // Turned upright, each label is a line high (times its lines) across, and its width deep: the axis grows to hold
        // it, up to 45% of the figure, beyond which the text is made smaller.
        wrapped = [.. labels.Select(l => Wrap(l, font, room))];
        var lines = wrapped.Select(w => w.Count).Max();
        double deepest = wrapped.SelectMany(w => w).Max(part => font.MeasureText(part));
        float size = (float)Math.Max(7, Math.Min(TextSize * Math.Min(1, space / (lines * line)), TextSize * Math.Min(1, room / deepest)));
        axis.SetTicks(positions, [.. wrapped.Select(w => string.Join('\n', w))]);
        axis.TickLabelStyle.Rotation = -90;
        axis.TickLabelStyle.Alignment = Alignment.MiddleRight;
        axis.TickLabelStyle.FontSize = size;
        axis.MinimumSize = (float)((deepest * size / TextSize) + 45); // the labels, the ticks and the axis label below them
    }

    private static void LeftCategories(IAxis axis, double[] positions, IReadOnlyList<string> labels, SKFont font, double space, double line, double widest)
    {
        var wrapped = labels.Select(l => Wrap(l, font, widest)).ToList();
        int lines = wrapped.Max(w => w.Count);
        axis.SetTicks(positions, [.. wrapped.Select(w => string.Join('\n', w))]);
        if (lines * line > space)
        {
            axis.TickLabelStyle.FontSize = (float)Math.Max(6, TextSize * space / (lines * line));
        }
    }

    /// <summary>
    /// <paramref name="label"/> in lines no wider than <paramref name="width"/> where it can be broken: after a hyphen,
    /// underscore, dot or bar, or at a space; a part without a break that is wider is cut before a capital or a letter.
    /// </summary>
    internal static List<string> Wrap(string label, SKFont font, double width)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i < label.Length; i++)
        {
            if (label[i] is '-' or '_' or '.' or '|' or ' ' && i > start)
            {
                parts.Add(label[start..(i + 1)]);
                start = i + 1;
            }
        }

        parts.Add(label[start..]);
        parts = [.. parts.SelectMany(p => font.MeasureText(p) <= width ? [p] : Hard(p, font, width))];
        var lines = new List<string>();
        string current = "";
        foreach (string part in parts.Where(p => p.Length > 0))
        {
            string joined = current + part;
            if (current.Length > 0 && font.MeasureText(joined.TrimEnd()) > width)
            {
                lines.Add(current.TrimEnd());
                current = part;
            }
            else
            {
                current = joined;
            }
        }

        lines.Add(current.TrimEnd());
        return lines;
    }

    /// <summary>A title or axis label (bold, <paramref name="size"/> px) in lines of at most <paramref name="width"/>, broken at spaces and hyphens.</summary>
    private static string Fit(string text, float size, double width)
    {
        using var font = new SKFont(Fonts.GetTypeface(FontFamily, bold: true, italic: false), size);
        return font.MeasureText(text) <= width ? text : string.Join('\n', Wrap(text, font, width));
    }

    /// <summary>A part without a break wider than <paramref name="width"/>, cut before capitals (camelCase) or, failing that, between letters.</summary>
    private static List<string> Hard(string part, SKFont font, double width)
    {
        var pieces = new List<string>();
        string current = "";
        foreach (char c in part)
        {
            if (current.Length > 0 && font.MeasureText(current + c) > width)
            {
                int capital = current.Length - 1;
                while (capital > 0 && !char.IsUpper(current[capital]))
                {
                    capital--;
                }

                bool atCapital = capital > 0;
                pieces.Add(atCapital ? current[..capital] : current);
                current = atCapital ? current[capital..] : "";
            }

            current += c;
        }

        pieces.Add(current);
        return pieces;
    }

    /// <summary>
    /// Stops the vertical axis at zero when every value drawn is zero or more (counts, hours): the margin ScottPlot adds
    /// around the data would otherwise show negative deaths.
    /// </summary>
    private static void FloorAtZero(Plot plt, IEnumerable<double> values)
    {
        if (values.Where(double.IsFinite).DefaultIfEmpty(-1).Min() < 0)
        {
            return;
        }

        plt.Axes.AutoScale();
        var limits = plt.Axes.GetLimits();
        if (limits.Bottom < 0)
        {
            plt.Axes.SetLimitsY(0, limits.Top <= 0 ? 1 : limits.Top);
        }
    }
}
