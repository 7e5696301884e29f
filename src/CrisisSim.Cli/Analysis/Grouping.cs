using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>How runs are grouped when the user names no --by (compare, plot, report and a sweep's own comparison agree).</summary>
public static class Grouping
{
    /// <summary>"arm" when the sweep has arms, else its first factor; empty when runs.csv has no factor column.</summary>
    public static string[] DefaultBy(ResultTable table) => DefaultBy(Comparison.FactorColumns(table));

    /// <summary>"arm" when <paramref name="factors"/> has it, else the first factor; empty without factors.</summary>
    public static string[] DefaultBy(IReadOnlyList<string> factors) =>
        factors.Contains("arm") ? ["arm"] : factors.Count > 0 ? [factors[0]] : [];
}
