namespace CrisisSim.Cli.Output;

/// <summary>
/// Turns an output path as the user spelled it into its identity: one absolute path with `.` and `..`
/// applied, trailing separators dropped and every symbolic link of the part that exists resolved, in the
/// order the kernel would (a `..` after a link goes up from the link's target, as realpath does). Locks,
/// staging folders and renames use this path, so `out`, `out/`, `./out` and a link to it are one target.
/// </summary>
public static class OutputPath
{
    private const int MaxLinkHops = 40; // as the kernel's ELOOP limit

    /// <summary>Resolves <paramref name="spelled"/>; an empty path or one with a control character is a usage error.</summary>
    /// <param name="spelled">The path as given.</param>
    /// <param name="option">The option or argument it came from, for the message.</param>
    public static string Resolve(string spelled, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(spelled))
        {
            throw new CliException($"{option} '{spelled}': an empty path; give a folder or file name");
        }

        if (spelled.Any(char.IsControl))
        {
            throw new CliException($"{option}: the path contains a control character (a newline or tab?); refusing it");
        }

        int hops = 0;
        return Walk(Absolute(spelled, Directory.GetCurrentDirectory()), ref hops, spelled, option);
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or lies below it (both resolved).</summary>
    public static bool IsSameOrInside(string inner, string outer)
    {
        if (string.Equals(inner, outer, StringComparison.Ordinal))
        {
            return true;
        }

        string prefix = Path.EndsInDirectorySeparator(outer) ? outer : outer + Path.DirectorySeparatorChar;
        return inner.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Walk(string absolute, ref int hops, string spelled, string option)
    {
        string root = Path.GetPathRoot(absolute) ?? "/";
        string current = root;
        foreach (string part in absolute[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            string next = Path.Combine(current, part);
            string? link = LinkTarget(next);
            if (link is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new CliException($"{option} {spelled}: too many levels of symbolic links (a loop?)");
            }

            current = Walk(Absolute(link, current), ref hops, spelled, option);
        }

        return current;
    }

    /// <summary>Joins without collapsing `..` (Path.GetFullPath would apply it before the links are resolved).</summary>
    private static string Absolute(string path, string baseDir) => Path.IsPathRooted(path) ? path : Path.Join(baseDir, path);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable or absent: nothing to resolve, and creating it will say what is wrong
        }
    }
}
