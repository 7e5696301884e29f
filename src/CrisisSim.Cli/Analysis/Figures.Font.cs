using System.Globalization;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>The check that the figures will have text: their sans-serif font must resolve to an installed typeface with glyphs.</summary>
public static partial class Figures
{
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
        var probe = ProbeFont();
        if (FontProblem(probe) is { } problem)
        {
            throw new CliException(problem);
        }

        Fonts.Default = probe.Family; // what ScottPlot gives text not styled here (annotations, colour bars): the same family
    }

    /// <summary>Why <paramref name="probe"/> is not a usable font, or null when it is.</summary>
    internal static string? FontProblem(FontProbe probe)
    {
        bool installed = string.Equals(probe.Resolved, probe.Family, StringComparison.OrdinalIgnoreCase);
        if (installed && probe.Glyphs == FontSample.Length && probe.Width > 0)
        {
            return null;
        }

        string resolved = string.IsNullOrEmpty(probe.Resolved) ? "no typeface" : $"'{probe.Resolved}'";
        if (!installed && probe.Error is null)
        {
            return $"no usable font for the figures: none of the sans-serif families {string.Join(", ", SansFamilies)} is installed ('{probe.Family}' resolved to {resolved}); install one (e.g. apt-get install fonts-dejavu-core) and run again";
        }

        return string.Create(s_inv, $"no usable font for the figures: '{probe.Family}' resolved to {resolved}, which has {probe.Glyphs} of the {FontSample.Length} glyphs of \"{FontSample}\" (text width {probe.Width:0.#} px), so figures would have no text; install a font (e.g. apt-get install fonts-dejavu-core) and run again")
            + (probe.Error is null ? "" : $" (the font could not be loaded: {probe.Error})");
    }

    /// <summary>Resolves the figures' family (<see cref="FontFamily"/>) as labels do, and measures <see cref="FontSample"/> with it.</summary>
    private static FontProbe ProbeScottPlotFont()
    {
        string family = "";
        try
        {
            family = FontFamily;
            using var installed = SkiaSharp.SKFontManager.Default.MatchFamily(family); // null when not installed (ScottPlot would fall back to any font)
            if (installed is null)
            {
                return new FontProbe(family, Fonts.GetTypeface(family, bold: false, italic: false).FamilyName, 0, 0, null);
            }

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
}

/// <summary>What the figures' font family resolved to.</summary>
/// <param name="Family">The family asked for (<see cref="Figures.FontFamily"/>).</param>
/// <param name="Resolved">The family of the typeface found, or null.</param>
/// <param name="Glyphs">How many characters of <see cref="Figures.FontSample"/> it has glyphs for.</param>
/// <param name="Width">The width of <see cref="Figures.FontSample"/> at 14 px.</param>
/// <param name="Error">Why the font could not be loaded at all, or null.</param>
internal readonly record struct FontProbe(string Family, string? Resolved, int Glyphs, float Width, string? Error);
