using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;

namespace CrisisSim.Tests.Support;

/// <summary>
/// A text element of an SVG as Skia writes it (a transform, a font, glyph positions), with the box its glyphs cover:
/// from the first glyph's x over the text's width as the same typeface measures it, from the font's ascent above the
/// baseline to its descent below, turned and moved by the element's transform.
/// </summary>
/// <param name="Text">The text.</param>
/// <param name="Family">Its font-family attribute.</param>
/// <param name="Corners">The four corners of its box in the SVG's coordinates.</param>
public sealed partial record SvgText(string Text, string Family, (double X, double Y)[] Corners)
{
    /// <summary>Every non-empty text element of <paramref name="svgPath"/>.</summary>
    public static List<SvgText> Read(string svgPath)
    {
        var result = new List<SvgText>();
        foreach (var e in XDocument.Load(svgPath).Descendants().Where(e => e.Name.LocalName == "text"))
        {
            string text = e.Value.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            string family = (string?)e.Attribute("font-family") ?? "";
            float size = float.Parse((string?)e.Attribute("font-size") ?? "12", CultureInfo.InvariantCulture);
            bool bold = int.TryParse((string?)e.Attribute("font-weight"), out int weight) && weight >= 600;
            double x0 = Numbers((string?)e.Attribute("x"))[0];
            double y0 = Numbers((string?)e.Attribute("y"))[0];
            using var typeface = SKTypeface.FromFamilyName(family, bold ? SKFontStyle.Bold : SKFontStyle.Normal);
            using var font = new SKFont(typeface, size);
            double width = font.MeasureText(text);
            var m = font.Metrics;
            (double X, double Y)[] local = [(x0, y0 + m.Ascent), (x0 + width, y0 + m.Ascent), (x0 + width, y0 + m.Descent), (x0, y0 + m.Descent)];
            var t = Transform((string?)e.Attribute("transform"));
            result.Add(new SvgText(text, family, [.. local.Select(p => ((t[0] * p.X) + (t[2] * p.Y) + t[4], (t[1] * p.X) + (t[3] * p.Y) + t[5]))]));
        }

        return result;
    }

    /// <summary>Whether the boxes of this text and <paramref name="other"/> overlap by more than <paramref name="tolerance"/> px (separating axis test).</summary>
    public bool Overlaps(SvgText other, double tolerance = 0.5)
    {
        foreach (var box in new[] { Corners, other.Corners })
        {
            for (int i = 0; i < 2; i++)
            {
                var (ax, ay) = (box[i + 1].X - box[i].X, box[i + 1].Y - box[i].Y);
                double len = Math.Sqrt((ax * ax) + (ay * ay));
                if (len == 0)
                {
                    continue;
                }

                (ax, ay) = (ax / len, ay / len);
                var a = Corners.Select(p => (p.X * ax) + (p.Y * ay)).ToList();
                var b = other.Corners.Select(p => (p.X * ax) + (p.Y * ay)).ToList();
                if (a.Max() - tolerance <= b.Min() || b.Max() - tolerance <= a.Min())
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the box lies inside a figure of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public bool Inside(double width, double height) => Corners.All(p => p.X >= -0.5 && p.Y >= -0.5 && p.X <= width + 0.5 && p.Y <= height + 0.5);

    private static double[] Numbers(string? list) => [.. (list ?? "0").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>An SVG transform (translate or matrix, as Skia writes them) as the matrix a b c d e f.</summary>
    private static double[] Transform(string? transform)
    {
        if (transform is null)
        {
            return [1, 0, 0, 1, 0, 0];
        }

        var m = TransformPattern().Match(transform);
        double[] v = Numbers(m.Groups["v"].Value);
        return m.Groups["f"].Value == "translate" ? [1, 0, 0, 1, v[0], v.Length > 1 ? v[1] : 0] : v;
    }

    [GeneratedRegex(@"^(?<f>translate|matrix)\((?<v>[^)]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex TransformPattern();
}
