using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>How runs are grouped when the user names no --by (compare, plot, report and a sweep's own comparison agree).</summary>
public static class Grouping
{
    /// <summary>"arm" when the sweep has arms, else its first factor; empty when runs.csv has no factor column.</summary>
    public static string[] DefaultBy(ResultTable table)
    {
        var factors = Comparison.FactorColumns(table);
        return factors.Contains("arm") ? ["arm"] : factors.Count > 0 ? [factors[0]] : [];
    }
}
