using System.Text;

namespace CrisisSim.Cli.Analysis;

/// <summary>Console lines that fit a terminal: long lines wrap at a comma or a space, continued under an indent.</summary>
public static class ConsoleText
{
    /// <summary>The widest line the comparison prints.</summary>
    public const int Columns = 100;

    /// <summary>Appends <paramref name="text"/> as lines of at most <see cref="Columns"/> characters, continuation lines indented by <paramref name="indent"/>.</summary>
    public static void Line(StringBuilder sb, string text, int indent)
    {
        string pad = new(' ', indent);
        while (text.Length > Columns)
        {
            int cut = Break(text);
            if (cut <= indent)
            {
                break; // one word longer than a line: printed whole rather than cut inside it
            }

            sb.Append(text.AsSpan(0, cut).TrimEnd()).Append('\n');
            text = pad + text[cut..].TrimStart();
        }

        sb.Append(text).Append('\n');
    }

    /// <summary>Wraps every line of <paramref name="text"/> (see <see cref="Line"/>), continued under each line's own indent plus two.</summary>
    public static string Fit(string text)
    {
        var sb = new StringBuilder();
        foreach (string line in text.TrimEnd('\n').Split('\n'))
        {
            Line(sb, line, line.Length - line.TrimStart(' ').Length + 2);
        }

        return text.Length == 0 ? "" : sb.ToString();
    }

    /// <summary>
    /// Where to break a line longer than <see cref="Columns"/>: after the last ", " that fits outside brackets (so an
    /// interval [low, high] stays whole), else at the last space outside brackets, else at the last space.
    /// </summary>
    private static int Break(string text)
    {
        int comma = -1, space = -1, anySpace = -1, depth = 0;
        for (int i = 0; i < Math.Min(text.Length, Columns + 1); i++)
        {
            char c = text[i];
            depth += c is '[' or '(' ? 1 : c is ']' or ')' ? -1 : 0;
            if (c == ' ')
            {
                anySpace = i;
                space = depth <= 0 ? i : space;
                comma = depth <= 0 && i > 0 && text[i - 1] == ',' && i < Columns ? i : comma;
            }
        }

        return comma > Columns / 2 ? comma : space > Columns / 2 ? space : Math.Max(anySpace, Math.Max(space, comma));
    }
}
