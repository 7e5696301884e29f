using System.Globalization;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Randomness;
using MathNet.Numerics.Distributions;

namespace CrisisSim.Core.Analysis;

/// <summary>One row of a comparison: a group's summary of a metric, and its paired comparison with the baseline group.</summary>
/// <param name="Group">The group's values of the --by columns.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Summary">n, mean, sd and 95% CI of the group.</param>
/// <param name="IsBaseline">Whether this is the baseline group.</param>
/// <param name="Paired">The paired comparison with the baseline (null for the baseline itself).</param>
/// <param name="PHolm">Holm-adjusted p of the paired t-test across the compared metrics (NaN for the baseline).</param>
/// <param name="Stratum">The values of the --within columns this row was compared within (empty: all runs).</param>
public sealed record ComparisonRow(IReadOnlyList<string> Group, string Metric, SampleSummary Summary, bool IsBaseline, PairedResult? Paired, double PHolm, IReadOnlyList<string> Stratum);

/// <summary>
/// Where a group starts to pay off against the baseline along one stratum factor: the lowest level from which the
/// paired difference is favourable and significant (Holm-adjusted p below 0.05) at that level and every higher one.
/// </summary>
/// <param name="Group">The group.</param>
/// <param name="Metric">The metric.</param>
/// <param name="Better">"lower" or "higher": which direction of the metric is favourable.</param>
/// <param name="Threshold">The level, or null when the group does not pay off at the highest level.</param>
/// <param name="Favourable">Per level (ascending): +1 significantly favourable, −1 significantly unfavourable, 0 not significant.</param>
/// <param name="Knee">
/// The breakpoint of the mean paired difference along the levels (<see cref="Breakpoint"/>), which does not move with
/// the number of replicates as <paramref name="Threshold"/> does; null with fewer than four numeric levels.
/// </param>
public sealed record ThresholdRow(string Group, string Metric, string Better, string? Threshold, IReadOnlyList<(string Level, int Verdict)> Favourable, BreakpointEstimate? Knee = null)
{
    /// <summary>One mark per level: <paramref name="better"/>, <paramref name="worse"/> or <paramref name="none"/>.</summary>
    public string Marks(string better, string worse, string none) =>
        string.Concat(Favourable.Select(f => f.Verdict > 0 ? better : f.Verdict < 0 ? worse : none));

    /// <summary>The threshold in words: "at every level", "from L" or "not at the highest level".</summary>
    public string Verdict => Threshold is null ? "not at the highest level"
        : Threshold == Favourable[0].Level ? $"at every level (from {Threshold})"
        : $"from {Threshold}";
}

/// <summary>
/// Compares the groups of a sweep (by one or more factor columns) metric by metric. Runs are paired with the
/// baseline group's run of the same replicate and the same values of every other factor, so the comparison
/// uses the common random numbers the sweep was designed for.
/// </summary>
public static class Comparison
{
    /// <summary>The headline metrics: printed after every factorial sweep, and its report's comparison.</summary>
    public static readonly IReadOnlyList<string> HeadlineMetrics = MetricCatalog.Reported(Prominence.Headline);

    /// <summary>The factor columns of a runs table: between seed_hex (seed, in a table written before it) and the first metric.</summary>
    public static IReadOnlyList<string> FactorColumns(ResultTable t)
    {
        int first = Math.Max(t.Column("seed"), t.Column("seed_hex")) + 1;
        int last = t.Column(RunMetrics.Columns[0].Name);
        return first <= 0 || last < first ? [] : t.Header[first..last];
    }

    /// <summary>Computes the comparison; throws <see cref="AnalysisException"/> for unknown columns or a missing baseline.</summary>
    /// <param name="t">The runs.</param>
    /// <param name="by">Columns defining the groups.</param>
    /// <param name="metrics">Metrics to compare.</param>
    /// <param name="baseline">The baseline group (null: the first).</param>
    /// <param name="within">Columns whose levels are compared separately (strata); the baseline must occur in each.</param>
    public static (IReadOnlyList<ComparisonRow> Rows, string Baseline) Compute(ResultTable t, IReadOnlyList<string> by, IReadOnlyList<string> metrics, string? baseline, IReadOnlyList<string>? within = null)
    {
        within ??= [];
        var factors = FactorColumns(t);
        foreach (string w in within)
        {
            if (t.Column(w) < 0)
            {
                throw new AnalysisException($"--within {w}: no such column; the factors of this sweep are: {(factors.Count == 0 ? "(none)" : string.Join(", ", factors))}");
            }

            if (by.Contains(w))
            {
                throw new AnalysisException($"--within {w}: it is also a --by column; a column either defines the groups or the strata");
            }
        }

        foreach (string b in by)
        {
            if (t.Column(b) < 0)
            {
                throw new AnalysisException($"--by {b}: no such column; the factors of this sweep are: {(factors.Count == 0 ? "(none)" : string.Join(", ", factors))}");
            }
        }

        foreach (string m in metrics)
        {
            if (t.Column(m) < 0 || !RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new AnalysisException($"--metric {m}: unknown metric; runs.csv has: {string.Join(", ", RunMetrics.Columns.Select(c => c.Name))}");
            }
        }

        int status = t.Column("status");
        int replicate = t.Column("replicate");
        if (replicate < 0)
        {
            throw new AnalysisException("runs.csv has no replicate column, so runs cannot be paired with the baseline's run of the same replicate");
        }

        var byIdx = by.Select(t.Column).ToArray();
        var withinIdx = within.Select(t.Column).ToArray();
        var pairIdx = factors.Where(f => !by.Contains(f) && !within.Contains(f)).Select(t.Column).Prepend(replicate).ToArray();
        var ok = t.Rows.Where(r => status < 0 || r[status] == "ok").ToList();
        string GroupKey(string[] r) => string.Join(" | ", byIdx.Select(i => r[i]));
        var groups = ok.Select(GroupKey).Distinct().ToList();
        if (groups.Count == 0)
        {
            throw new AnalysisException("no successful runs to compare");
        }

        string baseKey = baseline ?? groups[0];
        if (!groups.Contains(baseKey))
        {
            throw new AnalysisException($"--baseline {baseline}: no such group; groups are: {string.Join(", ", groups)}");
        }

        var rows = new List<ComparisonRow>();
        foreach (var stratum in Strata(ok, withinIdx))
        {
            var inStratum = ok.Where(r => withinIdx.Select(i => r[i]).SequenceEqual(stratum)).ToList();
            if (!inStratum.Any(r => GroupKey(r) == baseKey))
            {
                throw new AnalysisException($"no successful runs of the baseline '{baseKey}' where {Describe(within, stratum)}");
            }

            CompareGroups(t, inStratum, GroupKey, pairIdx, byIdx, metrics, baseKey, stratum, rows);
        }

        return (rows, baseKey);
    }

    /// <summary>The distinct values of the strata columns, in ascending numeric order where the values are numbers.</summary>
    internal static List<string[]> Strata(List<string[]> rows, int[] withinIdx)
    {
        var strata = rows.Select(r => withinIdx.Select(i => r[i]).ToArray()).DistinctBy(v => string.Join("\u001f", v)).ToList();
        for (int k = withinIdx.Length - 1; k >= 0; k--)
        {
            int col = k;
            strata = [.. strata.OrderBy(v => ResultTable.Number(v[col]) is var x && double.IsFinite(x) ? x : double.PositiveInfinity)];
        }

        return strata;
    }

    private static string Describe(IReadOnlyList<string> within, string[] stratum) =>
        string.Join(", ", within.Select((w, i) => $"{w} = {stratum[i]}"));

    private static void CompareGroups(ResultTable t, List<string[]> ok, Func<string[], string> GroupKey, int[] pairIdx, int[] byIdx, IReadOnlyList<string> metrics, string baseKey, string[] stratum, List<ComparisonRow> rows)
    {
        var groups = ok.Select(GroupKey).Distinct().ToList();
        string PairKey(string[] r) => string.Join("\u001f", pairIdx.Select(i => r[i]));
        var byGroup = ok.GroupBy(GroupKey).ToDictionary(g => g.Key, g => g.ToList());
        var baseByPair = byGroup[baseKey].GroupBy(PairKey).ToDictionary(g => g.Key, g => g.First());
        foreach (string g in groups)
        {
            var groupRows = byGroup[g];
            var values = groupRows.First();
            var groupValues = byIdx.Select(i => values[i]).ToArray();
            var pending = new List<(string Metric, SampleSummary S, PairedResult? P)>();
            foreach (string m in metrics)
            {
                int c = t.Column(m);
                var xs = groupRows.Select(r => ResultTable.Number(r[c])).Where(double.IsFinite).ToList();
                PairedResult? paired = null;
                if (g != baseKey)
                {
                    var a = new List<double>();
                    var b = new List<double>();
                    foreach (var r in groupRows)
                    {
                        if (baseByPair.TryGetValue(PairKey(r), out var br))
                        {
                            double x = ResultTable.Number(r[c]);
                            double y = ResultTable.Number(br[c]);
                            if (double.IsFinite(x) && double.IsFinite(y))
                            {
                                a.Add(x);
                                b.Add(y);
                            }
                        }
                    }

                    paired = PairedComparison.Compare(a, b);
                }

                pending.Add((m, PairedComparison.Summarise(xs), paired));
            }

            var holm = PairedComparison.Holm([.. pending.Select(p => p.P?.PT ?? double.NaN)]);
            for (int i = 0; i < pending.Count; i++)
            {
                rows.Add(new ComparisonRow(groupValues, pending[i].Metric, pending[i].S, g == baseKey, pending[i].P, holm[i], stratum));
            }
        }
    }

    /// <summary>
    /// For one stratum column: per group and metric with a known favourable direction, the lowest level from which the
    /// group is significantly better than the baseline at every higher level too (see <see cref="ThresholdRow"/>).
    /// </summary>
    public static IReadOnlyList<ThresholdRow> Thresholds(IReadOnlyList<ComparisonRow> rows)
    {
        var result = new List<ThresholdRow>();
        foreach (var series in rows.Where(r => !r.IsBaseline && r.Paired is not null && r.Stratum.Count == 1)
                     .GroupBy(r => (Group: string.Join(" | ", r.Group), r.Metric)))
        {
            int sign = MetricCatalog.Run(series.Key.Metric)?.Better switch { Better.Lower => -1, Better.Higher => +1, _ => 0 };
            if (sign == 0)
            {
                continue;
            }

            var levels = series.Select(r =>
            {
                int verdict = ComparisonVerdict.Of(r) switch { Verdict.Better => +1, Verdict.Worse => -1, _ => 0 };
                return (Level: r.Stratum[0], Verdict: verdict);
            }).ToList();
            int from = levels.Count;
            while (from > 0 && levels[from - 1].Verdict == +1)
            {
                from--;
            }

            result.Add(new ThresholdRow(series.Key.Group, series.Key.Metric, sign < 0 ? "lower" : "higher", from < levels.Count ? levels[from].Level : null, levels,
                Knee([.. series], $"{series.Key.Group}\u001f{series.Key.Metric}")));
        }

        return result;
    }

    /// <summary>The breakpoint of one group's paired differences along the levels of its stratum column (seeded by the series' name).</summary>
    private static BreakpointEstimate? Knee(IReadOnlyList<ComparisonRow> series, string name)
    {
        var levels = series.Select(r => ResultTable.Number(r.Stratum[0])).ToArray();
        var means = series.Select(r => r.Paired!.Value.MeanDifference).ToArray();
        var errors = series.Select(r => StandardError(r.Paired!.Value)).ToArray();
        return Breakpoint.Fit(levels, means, errors, RandomStreams.StableHash(name));
    }

    /// <summary>The standard error of a paired mean difference, recovered from its 95 % t interval.</summary>
    private static double StandardError(PairedResult p) =>
        p.Pairs < 2 ? double.NaN : (p.CiHigh - p.CiLow) / (2 * StudentT.InvCDF(0, 1, p.Pairs - 1, 0.975));
}
