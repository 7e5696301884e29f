namespace CrisisSim.Cli;

/// <summary>Command lines that crisissim prints or writes into scripts, quoted so they can be pasted or run as they are.</summary>
public static class Shell
{
    /// <summary><paramref name="word"/> as one POSIX shell word: as it is when it needs no quoting, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '=' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
