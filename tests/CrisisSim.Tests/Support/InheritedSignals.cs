using System.Globalization;

namespace CrisisSim.Tests.Support;

/// <summary>
/// Whether this process ignores SIGINT. A background job of a non-interactive shell (`cmd &` in a script) starts with
/// SIGINT ignored, its children inherit that, and the .NET runtime keeps an inherited "ignore", so a child crisissim
/// cannot receive Ctrl-C at all there: the Ctrl-C tests then have nothing to test and say so.
/// </summary>
public static class InheritedSignals
{
    /// <summary>True when SIGINT (signal 2) is in this process's ignored set (/proc/self/status, SigIgn).</summary>
    public static bool SigIntIgnored()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return false;
        }

        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << 1)) != 0;
    }

    /// <summary>Marks the calling test inconclusive where SIGINT cannot reach a child.</summary>
    public static void AssumeSigIntDeliverable() =>
        Assume.That(SigIntIgnored(), Is.False, "SIGINT is ignored in this environment (a background job of a non-interactive shell), so a child process cannot receive Ctrl-C");
}
