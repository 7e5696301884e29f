using System.Globalization;
using System.Text.RegularExpressions;

namespace CrisisSim.Cli.Analysis;

/// <summary>
/// How figures are written: their size, resolution, title and file formats. A figure is laid out at its print size
/// in CSS pixels (96 per inch), where the text sizes are fixed (ticks 14 px = 10.5 pt); a PNG is that layout drawn at
/// <see cref="Dpi"/>, so a larger dpi gives a sharper image of the same figure, not smaller text. SVG and PDF are vector
/// and carry the print size (SVG width in px or mm, PDF page in points).
/// </summary>
/// <param name="PixelWidth">Width of the PNG in pixels.</param>
/// <param name="PixelHeight">Height of the PNG in pixels.</param>
/// <param name="Dpi">Dots per inch: the PNG's resolution (written into it), so PixelWidth / Dpi inches is the print width.</param>
/// <param name="Title">Whether figures have a title (journals want the caption instead: <c>--no-title</c>).</param>
/// <param name="Formats">Which files each figure is written as: png, svg, pdf.</param>
/// <param name="PrintSize">The print size in mm as given (mm, cm, in; the other side at the default's proportions), or null for a size in pixels: the SVG then says its size in mm.</param>
public sealed record FigureOptions(int PixelWidth, int PixelHeight, double Dpi, bool Title, IReadOnlyList<string> Formats, (double Width, double Height)? PrintSize = null)
{
    /// <summary>The formats a figure can be written as.</summary>
    public static readonly IReadOnlyList<string> AllFormats = ["png", "svg", "pdf"];

    /// <summary>Screen resolution: a pixel of the layout is a pixel of the PNG.</summary>
    public const double ScreenDpi = 96;

    /// <summary>Resolution when the size is given in a print unit and --dpi is not: what journals ask of line art with text.</summary>
    public const double PrintDpi = 300;

    /// <summary>The figures of <c>plot</c> without options, of a sweep and of a report: 1200 × 750 px, PNG and SVG, with titles.</summary>
    public static FigureOptions Default { get; } = new(1200, 750, ScreenDpi, true, ["png", "svg"]);

    private static readonly Regex s_length = new(@"^\s*(?<v>[0-9]+(\.[0-9]+)?)\s*(?<u>px|mm|cm|in)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>How many PNG pixels a layout pixel is.</summary>
    public double Scale => Dpi / ScreenDpi;

    /// <summary>Width of the layout (CSS pixels at 96 per inch): where text and lines are placed.</summary>
    public int LayoutWidth => (int)Math.Round(PixelWidth / Scale);

    /// <summary>Height of the layout (CSS pixels at 96 per inch).</summary>
    public int LayoutHeight => (int)Math.Round(PixelHeight / Scale);

    /// <summary>
    /// The options <c>plot</c>'s --width, --height, --dpi, --no-title and --format give. A size is pixels ("1200",
    /// "1200px") or a print size ("85mm", "8.5cm", "3.35in"), converted to pixels at --dpi (default 96 for pixels,
    /// 300 for a print size). Throws a <see cref="CliException"/> (exit 2) for a value that is not one of these.
    /// </summary>
    public static FigureOptions Parse(string? width, string? height, double? dpi, bool noTitle, IReadOnlyList<string> formats)
    {
        if (dpi is { } d && (!double.IsFinite(d) || d < 36 || d > 2400))
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--dpi {d}: expected dots per inch from 36 to 2400 (e.g. 300 for print, 600 for line art)"));
        }

        var w = Length("--width", width);
        var h = Length("--height", height);
        bool print = w.Inches is not null || h.Inches is not null;
        double resolution = dpi ?? (print ? PrintDpi : ScreenDpi);
        int pw = w.Pixels ?? (w.Inches is { } wi ? (int)Math.Round(wi * resolution) : Scaled(Default.PixelWidth, resolution));
        int ph = h.Pixels ?? (h.Inches is { } hi ? (int)Math.Round(hi * resolution) : Scaled(Default.PixelHeight, resolution));
        foreach (var (name, px, given) in new[] { ("--width", pw, width), ("--height", ph, height) })
        {
            if (px < 100 || px > 20000)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{name} {given}: {px} pixels at {resolution} dpi; expected 100 to 20000 pixels"));
            }
        }

        if (pw / (resolution / ScreenDpi) < 200 || ph / (resolution / ScreenDpi) < 150)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--width {width ?? "default"} --height {height ?? "default"} at {resolution} dpi: the figure would be {pw / resolution * 25.4:0.#} × {ph / resolution * 25.4:0.#} mm, too small for its text; give at least 53 × 40 mm (200 × 150 px at 96 dpi)"));
        }

        (double, double)? mm = print ? ((w.Inches ?? (pw / resolution)) * 25.4, (h.Inches ?? (ph / resolution)) * 25.4) : null;
        return new FigureOptions(pw, ph, resolution, !noTitle, ChooseFormats(formats), mm);
    }

    /// <summary>The default size in pixels at <paramref name="dpi"/>: the same print size as the default figure.</summary>
    private static int Scaled(int pixels, double dpi) => (int)Math.Round(pixels * dpi / ScreenDpi);

    /// <summary>A --width or --height: pixels, or inches for a print unit; neither when not given.</summary>
    private static (int? Pixels, double? Inches) Length(string option, string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var m = s_length.Match(text);
        if (!m.Success)
        {
            throw new CliException($"{option} {text}: expected pixels (1200 or 1200px) or a print size in mm, cm or in (85mm, 17.5cm, 3.35in)");
        }

        double v = double.Parse(m.Groups["v"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return m.Groups["u"].Value.ToLowerInvariant() switch
        {
            "mm" => (null, v / 25.4),
            "cm" => (null, v / 2.54),
            "in" => (null, v),
            _ => ((int)Math.Round(v), null),
        };
    }

    private static string[] ChooseFormats(IReadOnlyList<string> formats)
    {
        var chosen = formats.SelectMany(f => f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(f => f.ToLowerInvariant()).Distinct().ToArray();
        foreach (string f in chosen.Where(f => !AllFormats.Contains(f)))
        {
            throw new CliException($"--format {f}: expected png, svg or pdf (several: --format png --format pdf, or png,pdf)");
        }

        return chosen.Length == 0 ? [.. Default.Formats] : chosen;
    }
}
