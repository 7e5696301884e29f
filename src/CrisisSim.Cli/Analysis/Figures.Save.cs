using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace CrisisSim.Cli.Analysis;

/// <summary>Where figures go and how they are written: the folder, the options, and the notes on what was left out.</summary>
/// <param name="Dir">The folder the files are written into.</param>
/// <param name="Options">Size, resolution, title and formats.</param>
/// <param name="Notes">Caveats and figures not drawn, one line each, prefixed with the figure's name.</param>
public sealed record FigureTarget(string Dir, FigureOptions Options, ICollection<string> Notes);

/// <summary>Writing a figure as PNG (with its dpi), SVG and PDF (vector, fonts embedded).</summary>
public static partial class Figures
{
    private static readonly Regex s_sentinelStroke = new(@"stroke=""(#FE01[0-9A-F]{2})""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex s_svgSize = new(@"^(<svg [^>]*?)width=""[0-9.]+"" height=""[0-9.]+""", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    /// <summary>
    /// Writes the figure in each format of the target's options. Caveats about degenerate data (values left out, no
    /// spread) are written in the figure's lower-left corner and added to the notes, prefixed with the figure's name.
    /// </summary>
    private static Figure Save(Plot plt, string name, string title, FigureTarget target, List<string> caveats)
    {
        if (caveats.Count > 0)
        {
            var note = plt.Add.Annotation("note: " + string.Join("; ", caveats), Alignment.LowerLeft);
            note.LabelFontSize = 13;
            foreach (string c in caveats)
            {
                target.Notes.Add($"{name}: {c}");
            }
        }

        plt.Font.Set(FontFamily);
        var o = target.Options;
        FitLabels(plt, o);
        Directory.CreateDirectory(target.Dir);
        var files = new List<string>();
        foreach (string format in o.Formats)
        {
            string path = Path.Combine(target.Dir, $"{name}.{format}");
            switch (format)
            {
                case "png":
                    plt.ScaleFactor = o.Scale;
                    File.WriteAllBytes(path, WithDpi(plt.GetImageBytes(o.PixelWidth, o.PixelHeight, ImageFormat.Png), o.Dpi));
                    plt.ScaleFactor = 1;
                    break;
                case "svg":
                    File.WriteAllText(path, SvgOf(plt, o), new UTF8Encoding(false));
                    break;
                default:
                    WritePdf(plt, o, path);
                    break;
            }

            files.Add(path);
        }

        return new Figure(name, title, files);
    }

    /// <summary>
    /// Breaks the title and axis labels into lines that fit where ScottPlot centres them: the title and x label over
    /// the data (beside a legend, not the figure), the y label along it. Measured on a layout of the figure.
    /// </summary>
    private static void FitLabels(Plot plt, FigureOptions o)
    {
        plt.RenderInMemory(o.LayoutWidth, o.LayoutHeight);
        var data = plt.LastRender.DataRect;
        double centre = (data.Left + data.Right) / 2;
        double across = 2 * Math.Min(centre, o.LayoutWidth - centre) * 0.96;
        string title = plt.Axes.Title.Label.Text;
        if (title.Length > 0)
        {
            string fitted = Fit(title, 18, across);
            plt.Axes.Title.Label.Text = fitted;
            plt.Axes.Title.MinimumSize = ((fitted.Count(c => c == '\n') + 1) * 18 * 1.25f) + 12; // ScottPlot sizes a title for one line
        }

        plt.Axes.Bottom.Label.Text = Fit(plt.Axes.Bottom.Label.Text, 16, Math.Min(across, data.Width * 1.1));
        plt.Axes.Left.Label.Text = Fit(plt.Axes.Left.Label.Text, 16, data.Height * 0.98);
    }

    /// <summary>The SVG of the layout, its clip paths numbered in order; with a print size its width and height in mm.</summary>
    private static string SvgOf(Plot plt, FigureOptions o)
    {
        string svg = NumberClipPaths(DashedSvg(plt, o));
        if (o.PrintSize is not var (width, height))
        {
            return svg;
        }

        string mm = string.Create(s_inv, $"width=\"{width:0.##}mm\" height=\"{height:0.##}mm\" viewBox=\"0 0 {o.LayoutWidth} {o.LayoutHeight}\"");
        return s_svgSize.Replace(svg, m => m.Groups[1].Value + mm, 1);
    }

    /// <summary>
    /// The SVG with its dashed and dotted lines. Skia's SVG canvas cannot draw a path effect: it draws the line solid and
    /// complains on stderr. So each patterned line is drawn solid in a colour of its own (#FE01nn), and that colour is
    /// replaced in the SVG by the line's own with a stroke-dasharray of its pattern.
    /// </summary>
    private static string DashedSvg(Plot plt, FigureOptions o)
    {
        var patterned = plt.GetPlottables().OfType<IHasLine>().Where(p => p.LinePattern.Name != LinePattern.Solid.Name).Take(256).ToList();
        var saved = patterned.Select(p => (p.LineColor, p.LinePattern)).ToList();
        var replacement = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < patterned.Count; i++)
        {
            var sentinel = new Color(0xFE, 0x01, (byte)i, saved[i].LineColor.A);
            replacement[$"#FE01{i:X2}"] = $"stroke=\"{saved[i].LineColor.WithAlpha(255).ToHex()}\" stroke-dasharray=\"{string.Join(' ', saved[i].LinePattern.Intervals.Select(v => v.ToString("0.##", s_inv)))}\"";
            patterned[i].LineColor = sentinel;
            patterned[i].LinePattern = LinePattern.Solid;
        }

        try
        {
            string svg = plt.GetSvgXml(o.LayoutWidth, o.LayoutHeight);
            return patterned.Count == 0 ? svg : s_sentinelStroke.Replace(svg, m => replacement.TryGetValue(m.Groups[1].Value, out string? r) ? r : m.Value);
        }
        finally
        {
            for (int i = 0; i < patterned.Count; i++)
            {
                (patterned[i].LineColor, patterned[i].LinePattern) = saved[i];
            }
        }
    }

    /// <summary>One PDF page of the print size (points: 72 per inch), the layout drawn on it as vectors with its fonts embedded.</summary>
    private static void WritePdf(Plot plt, FigureOptions o, string path)
    {
        const float pointsPerMm = 72f / 25.4f;
        float toPoints = 72f / (float)FigureOptions.ScreenDpi;
        var (width, height) = o.PrintSize is var (w, h) ? ((float)w * pointsPerMm, (float)h * pointsPerMm) : (o.LayoutWidth * toPoints, o.LayoutHeight * toPoints);
        using var stream = File.Create(path);
        var metadata = new SKDocumentPdfMetadata { Creator = "crisissim", Producer = "crisissim", RasterDpi = (float)o.Dpi };
        using var doc = SKDocument.CreatePdf(stream, metadata);
        var canvas = doc.BeginPage(width, height);
        canvas.Scale(width / o.LayoutWidth, height / o.LayoutHeight); // the layout's pixels onto the page's points (0.75 each)
        plt.Render(canvas, o.LayoutWidth, o.LayoutHeight);
        doc.EndPage();
        doc.Close();
    }

    /// <summary>
    /// The PNG with a pHYs chunk after its header, so an image program or a journal's submission system reads its
    /// resolution (Skia writes none): pixels per metre in both directions.
    /// </summary>
    internal static byte[] WithDpi(byte[] png, double dpi)
    {
        const int afterHeader = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
        var chunk = new byte[4 + 4 + 9 + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, 9);
        Encoding.ASCII.GetBytes("pHYs").CopyTo(chunk, 4);
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)];
    }

    /// <summary>The CRC-32 of a PNG chunk (ISO 3309, as the PNG specification gives it).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
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
                ids[m.Value] = id = string.Create(CultureInfo.InvariantCulture, $"cl_{ids.Count + 1}");
            }

            return id;
        });
    }
}
