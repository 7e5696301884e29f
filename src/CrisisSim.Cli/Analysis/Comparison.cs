using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Cli.Analysis;

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
public sealed record ThresholdRow(string Group, string Metric, string Better, string? Threshold, IReadOnlyList<(string Level, int Verdict)> Favourable)
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
    /// <summary>Metrics compared when none are named: those the metric catalog marks as compared or headline.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = MetricCatalog.Reported(Prominence.Compared);

    /// <summary>The headline metrics: printed after every factorial sweep, and its report's comparison.</summary>
    public static readonly IReadOnlyList<string> HeadlineMetrics = MetricCatalog.Reported(Prominence.Headline);

    /// <summary>The factor columns of a runs table: between seed and the first metric.</summary>
    public static IReadOnlyList<string> FactorColumns(RunsTable t)
    {
        int first = t.Column("seed") + 1;
        int last = t.Column(RunMetrics.Columns[0].Name);
        return first <= 0 || last < first ? [] : t.Header[first..last];
    }

    /// <summary>Computes the comparison; throws <see cref="CliException"/> for unknown columns or a missing baseline.</summary>
    /// <param name="t">The runs.</param>
    /// <param name="by">Columns defining the groups.</param>
    /// <param name="metrics">Metrics to compare.</param>
    /// <param name="baseline">The baseline group (null: the first).</param>
    /// <param name="within">Columns whose levels are compared separately (strata); the baseline must occur in each.</param>
    public static (IReadOnlyList<ComparisonRow> Rows, string Baseline) Compute(RunsTable t, IReadOnlyList<string> by, IReadOnlyList<string> metrics, string? baseline, IReadOnlyList<string>? within = null)
    {
        within ??= [];
        var factors = FactorColumns(t);
        foreach (string w in within)
        {
            if (t.Column(w) < 0)
            {
                throw new CliException($"--within {w}: no such column; the factors of this sweep are: {(factors.Count == 0 ? "(none)" : string.Join(", ", factors))}");
            }

            if (by.Contains(w))
            {
                throw new CliException($"--within {w}: it is also a --by column; a column either defines the groups or the strata");
            }
        }

        foreach (string b in by)
        {
            if (t.Column(b) < 0)
            {
                throw new CliException($"--by {b}: no such column; the factors of this sweep are: {(factors.Count == 0 ? "(none)" : string.Join(", ", factors))}");
            }
        }

        foreach (string m in metrics)
        {
            if (t.Column(m) < 0 || !RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"--metric {m}: unknown metric; runs.csv has: {string.Join(", ", RunMetrics.Columns.Select(c => c.Name))}");
            }
        }

        int status = t.Column("status");
        int replicate = t.Column("replicate");
        if (replicate < 0)
        {
            throw new CliException("runs.csv has no replicate column, so runs cannot be paired with the baseline's run of the same replicate");
        }

        var byIdx = by.Select(t.Column).ToArray();
        var withinIdx = within.Select(t.Column).ToArray();
        var pairIdx = factors.Where(f => !by.Contains(f) && !within.Contains(f)).Select(t.Column).Prepend(replicate).ToArray();
        var ok = t.Rows.Where(r => status < 0 || r[status] == "ok").ToList();
        string GroupKey(string[] r) => string.Join(" | ", byIdx.Select(i => r[i]));
        var groups = ok.Select(GroupKey).Distinct().ToList();
        if (groups.Count == 0)
        {
            throw new CliException("no successful runs to compare");
        }

        string baseKey = baseline ?? groups[0];
        if (!groups.Contains(baseKey))
        {
            throw new CliException($"--baseline {baseline}: no such group; groups are: {string.Join(", ", groups)}");
        }

        var rows = new List<ComparisonRow>();
        foreach (var stratum in Strata(ok, withinIdx))
        {
            var inStratum = ok.Where(r => withinIdx.Select(i => r[i]).SequenceEqual(stratum)).ToList();
            if (!inStratum.Any(r => GroupKey(r) == baseKey))
            {
                throw new CliException($"no successful runs of the baseline '{baseKey}' where {Describe(within, stratum)}");
            }

            CompareGroups(t, inStratum, GroupKey, pairIdx, byIdx, metrics, baseKey, stratum, rows);
        }

        return (rows, baseKey);
    }

    /// <summary>The distinct values of the strata columns, in ascending numeric order where the values are numbers.</summary>
    private static List<string[]> Strata(List<string[]> rows, int[] withinIdx)
    {
        var strata = rows.Select(r => withinIdx.Select(i => r[i]).ToArray()).DistinctBy(v => string.Join("\u001f", v)).ToList();
        for (int k = withinIdx.Length - 1; k >= 0; k--)
        {
            int col = k;
            strata = [.. strata.OrderBy(v => RunsTable.Number(v[col]) is var x && double.IsFinite(x) ? x : double.PositiveInfinity)];
        }

        return strata;
    }

    private static string Describe(IReadOnlyList<string> within, string[] stratum) =>
        string.Join(", ", within.Select((w, i) => $"{w} = {stratum[i]}"));

    private static void CompareGroups(RunsTable t, List<string[]> ok, Func<string[], string> GroupKey, int[] pairIdx, int[] byIdx, IReadOnlyList<string> metrics, string baseKey, string[] stratum, List<ComparisonRow> rows)
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
                var xs = groupRows.Select(r => RunsTable.Number(r[c])).Where(double.IsFinite).ToList();
                PairedResult? paired = null;
                if (g != baseKey)
                {
                    var a = new List<double>();
                    var b = new List<double>();
                    foreach (var r in groupRows)
                    {
                        if (baseByPair.TryGetValue(PairKey(r), out var br))
                        {
                            double x = RunsTable.Number(r[c]);
                            double y = RunsTable.Number(br[c]);
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
                var p = r.Paired!.Value;
                bool significant = r.PHolm < 0.05;
                int verdict = !significant || p.MeanDifference == 0 ? 0 : Math.Sign(p.MeanDifference) == sign ? +1 : -1;
                return (Level: r.Stratum[0], Verdict: verdict);
            }).ToList();
            int from = levels.Count;
            while (from > 0 && levels[from - 1].Verdict == +1)
            {
                from--;
            }

            result.Add(new ThresholdRow(series.Key.Group, series.Key.Metric, sign < 0 ? "lower" : "higher", from < levels.Count ? levels[from].Level : null, levels));
        }

        return result;
    }

    /// <summary>Writes comparison.csv.</summary>
    public static void Write(string path, IReadOnlyList<string> by, IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string>? within = null)
    {
        var header = new List<string>(within ?? []);
        header.AddRange(by);
        header.AddRange(["metric", "n", "mean", "sd", "ci_low", "ci_high", "baseline", "n_pairs", "diff_mean", "diff_ci_low", "diff_ci_high", "effect_size_dz", "t", "p_t", "p_wilcoxon", "p_holm"]);
        OutputFile.AtomicWrite(path, tmp =>
        {
            using var csv = new CsvTable(tmp, header);
            foreach (var r in rows)
            {
                foreach (string v in r.Stratum)
                {
                    csv.Text(v);
                }

                foreach (string g in r.Group)
                {
                    csv.Text(g);
                }

                csv.Text(r.Metric);
                csv.Integer(r.Summary.N);
                Num(csv, r.Summary.Mean);
                Num(csv, r.Summary.Sd);
                Num(csv, r.Summary.CiLow);
                Num(csv, r.Summary.CiHigh);
                csv.Text(baseline);
                if (r.Paired is { } p)
                {
                    csv.Integer(p.Pairs);
                    Num(csv, p.MeanDifference);
                    Num(csv, p.CiLow);
                    Num(csv, p.CiHigh);
                    Num(csv, p.EffectSizeDz);
                    Num(csv, p.T);
                    Num(csv, p.PT);
                    Num(csv, p.PWilcoxon);
                    Num(csv, r.PHolm);
                }
                else
                {
                    for (int i = 0; i < 9; i++)
                    {
                        csv.Text("");
                    }
                }

                csv.EndRow();
            }
        });
    }

    /// <summary>Writes thresholds.csv: per group and metric, the stratum level from which the group pays off.</summary>
    public static void WriteThresholds(string path, string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        OutputFile.AtomicWrite(path, tmp =>
        {
            using var csv = new CsvTable(tmp, ["group", "metric", "better", "baseline", "within", "threshold", "favourable_levels", "unfavourable_levels"]);
            foreach (var r in rows)
            {
                csv.Text(r.Group);
                csv.Text(r.Metric);
                csv.Text(r.Better);
                csv.Text(baseline);
                csv.Text(within);
                csv.Text(r.Threshold ?? "");
                csv.Text(string.Join(";", r.Favourable.Where(f => f.Verdict > 0).Select(f => f.Level)));
                csv.Text(string.Join(";", r.Favourable.Where(f => f.Verdict < 0).Select(f => f.Level)));
                csv.EndRow();
            }
        });
    }

    /// <summary>A readable summary of <see cref="Thresholds"/>.</summary>
    public static string FormatThresholds(string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Where each group starts to pay off against '{baseline}' along {within} (favourable and Holm p < 0.05 from this level up):\n");
        int width = Math.Max(10, rows.Select(r => r.Group.Length).DefaultIfEmpty(0).Max());
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{metric.Key} ({metric.First().Better} is better)\n");
            foreach (var r in metric)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {r.Group.PadRight(width)}  {r.Marks("+", "-", ".")}  {r.Verdict}\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"levels of {within} in order: {string.Join(", ", rows.Count > 0 ? rows[0].Favourable.Select(f => f.Level) : [])}; + better, - worse, . no significant difference\n");
        return sb.ToString();
    }

    /// <summary>A readable table: per metric, each group's mean and CI, and its paired difference from the baseline.</summary>
    public static string Format(IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string>? within = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int width = Math.Max(10, rows.Select(r => string.Join(" | ", r.Group).Length).DefaultIfEmpty(0).Max());
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            sb.Append(metric.Key).Append('\n');
            string? stratum = null;
            foreach (var r in metric)
            {
                string here = string.Join(", ", r.Stratum.Select((v, i) => within is not null && i < within.Count ? $"{within[i]} = {v}" : v));
                if (r.Stratum.Count > 0 && here != stratum)
                {
                    stratum = here;
                    sb.Append(CultureInfo.InvariantCulture, $" within {here}\n");
                }

                string name = string.Join(" | ", r.Group).PadRight(width);
                var s = r.Summary;
                sb.Append(string.Create(inv, $"  {name}  n={s.N,-3} mean {G(s.Mean),9} [{G(s.CiLow)}, {G(s.CiHigh)}]"));
                if (r.IsBaseline)
                {
                    sb.Append("  (baseline)");
                }
                else if (r.Paired is { } p)
                {
                    sb.Append(string.Create(inv, $"  Δ {G(p.MeanDifference)} [{G(p.CiLow)}, {G(p.CiHigh)}]  d_z {G(p.EffectSizeDz)}  p {P(p.PT)} (Holm {P(r.PHolm)}, Wilcoxon {P(p.PWilcoxon)})  {Stars(r.PHolm)}"));
                }

                sb.Append('\n');
            }
        }

        sb.Append(string.Create(inv, $"Δ: paired difference from '{baseline}' over common-random-number replicates, 95% t interval; d_z: Cohen's effect size of the differences; p: paired t-test, Holm-adjusted across metrics (* < 0.05, ** < 0.01, *** < 0.001).\n"));
        return sb.ToString();
    }

    private static void Num(CsvTable csv, double v)
    {
        if (double.IsFinite(v))
        {
            csv.Number(v);
        }
        else
        {
            csv.Text("");
        }
    }

    private static string G(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 1000 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Stars(double p) => double.IsNaN(p) ? "" : p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}
