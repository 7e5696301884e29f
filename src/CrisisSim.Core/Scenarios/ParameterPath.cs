namespace CrisisSim.Core.Scenarios;

/// <summary>
/// One spelling per parameter. A dotted scenario path (from <c>--set</c>, an experiment's <c>fixed:</c>, an arm
/// or a factor) is normalised before it is used or compared: surrounding whitespace of the path and of each
/// segment is trimmed, and a list index written with leading zeros (<c>01</c>) is written without (<c>1</c>).
/// Two paths that reach the same parameter therefore have the same normal form, and a path that lies inside
/// another (<c>governance</c> and <c>governance.trust</c>) <see cref="Overlaps"/> it.
/// </summary>
public static class ParameterPath
{
    /// <summary>The normal form of <paramref name="path"/> (an empty segment stays empty, so it is still refused).</summary>
    public static string Normalise(string path)
    {
        string[] keys = path.Trim().Split('.');
        for (int i = 0; i < keys.Length; i++)
        {
            string k = keys[i].Trim();
            if (k.Length > 0 && k.All(char.IsAsciiDigit))
            {
                k = k.TrimStart('0');
                if (k.Length == 0)
                {
                    k = "0";
                }
            }

            keys[i] = k;
        }

        return string.Join('.', keys);
    }

    /// <summary>Whether two normalised paths set the same parameter: equal, or one is a parent of the other.</summary>
    public static bool Overlaps(string a, string b) =>
        a == b
        || (a.Length > b.Length && a[b.Length] == '.' && a.StartsWith(b, StringComparison.Ordinal))
        || (b.Length > a.Length && b[a.Length] == '.' && b.StartsWith(a, StringComparison.Ordinal));
}
