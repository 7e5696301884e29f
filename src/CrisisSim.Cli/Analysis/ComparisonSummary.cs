using System.Globalization;
using System.Text;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Cli.Analysis;

/// <summary>
/// The comparison in plain language, as the console prints it first: per metric, the baseline's mean once, then one
/// line per group ("co-platform: 2.6 fewer civilian deaths (-3.7 %), 95 % CI [-4.0, -1.1], Holm p = 0.002: better"),
/// with the same number of decimals for every number of a metric and no line wider than <see cref="ConsoleText.Columns"/>.
/// The details (sd, d_z, t, Wilcoxon) are in comparison.csv and the report.
/// </summary>
public static class ComparisonSummary
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The summary of <paramref name="rows"/> against <paramref name="baseline"/>; <paramref name="within"/> names the
    /// strata columns. Without strata every group gets its line; within strata (groups × levels, hundreds of rows) only
    /// the significant differences do, and each metric says how many others show no clear difference.
    /// </summary>
    public static string Format(IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string> within)
    {
        var sb = new StringBuilder();
        int metrics = rows.Select(r => r.Metric).Distinct().Count();
        int pairs = rows.Where(r => r.Paired is not null).Select(r => r.Paired!.Value.Pairs).DefaultIfEmpty(0).Max();
        string only = within.Count > 0 ? $"; within each level of {string.Join(", ", within)}, only the significant differences are listed" : "";
        ConsoleText.Line(sb, $"Against {baseline}: mean paired differences over up to {pairs} common-random-number replicates, 95 % CI, Holm-adjusted over {metrics} metric{(metrics == 1 ? "" : "s")}{only} (every row: {Output.FileNames.Comparison}):", 0);
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            var info = MetricCatalog.Find(metric.Key);
            int decimals = Decimals([.. metric]);
            sb.Append(s_inv, $"{info?.Caption ?? metric.Key} ({metric.Key}; {Direction(info)})\n");
            int quiet = 0;
            foreach (var stratum in metric.GroupBy(r => string.Join("\u001f", r.Stratum)))
            {
                var b = stratum.FirstOrDefault(r => r.IsBaseline);
                var listed = stratum.Where(r => !r.IsBaseline && (within.Count == 0 || ComparisonVerdict.Of(r) is not (Verdict.NoDifference or Verdict.None))).ToList();
                quiet += stratum.Count(r => !r.IsBaseline) - listed.Count;
                string indent = within.Count > 0 ? "    " : "  ";
                string mean = b is null ? "no runs" : $"mean {Number(b.Summary.Mean, decimals)}, 95 % CI [{Number(b.Summary.CiLow, decimals)}, {Number(b.Summary.CiHigh, decimals)}], n = {b.Summary.N}";
                if (within.Count > 0 && listed.Count > 0)
                {
                    ConsoleText.Line(sb, $"  within {string.Join(", ", stratum.First().Stratum.Select((v, i) => $"{within[i]} = {v}"))} ({Name(b)} {mean})", 4);
                }
                else if (within.Count == 0 && b is not null)
                {
                    ConsoleText.Line(sb, $"{indent}{Name(b)} (baseline): {mean}", indent.Length + 4);
                }

                foreach (var r in listed)
                {
                    ConsoleText.Line(sb, $"{indent}{Name(r)}: {Sentence(r, info, b?.Summary.Mean ?? double.NaN, decimals)}", indent.Length + 4);
                }
            }

            if (within.Count > 0)
            {
                sb.Append(s_inv, $"  no clear difference in the other {quiet} of {metric.Count(r => !r.IsBaseline)} group-levels\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>One group's difference from the baseline in words, e.g. "2.6 fewer civilian deaths (-3.7 %), 95 % CI [-4.0, -1.1], Holm p = 0.002: better".</summary>
    internal static string Sentence(ComparisonRow r, MetricInfo? info, double baselineMean, int decimals)
    {
        if (r.Paired is not { } p || !double.IsFinite(p.MeanDifference))
        {
            return $"no paired difference (fewer than 2 replicates with a value in both; n = {r.Summary.N})";
        }

        string percent = double.IsFinite(baselineMean) && baselineMean != 0
            ? string.Create(s_inv, $" ({(p.MeanDifference > 0 ? "+" : "")}{100 * p.MeanDifference / baselineMean:0.0} %)")
            : "";
        string ci = double.IsFinite(p.CiLow) && double.IsFinite(p.CiHigh) ? $"[{Number(p.CiLow, decimals)}, {Number(p.CiHigh, decimals)}]" : "undefined";
        return $"{Effect(p.MeanDifference, info, r.Metric, decimals)}{percent}, 95 % CI {ci}, Holm p {HolmP(r.PHolm)}: {ComparisonVerdict.Of(r).Word()}";
    }

    /// <summary>A difference in words: "2.6 fewer civilian deaths", "mean information latency 0.95 h shorter", "unmet material need 1313 person-hours lower".</summary>
    internal static string Effect(double difference, MetricInfo? info, string metric, int decimals)
    {
        string size = Number(Math.Abs(difference), decimals);
        string noun = info?.Caption ?? metric;
        bool up = difference > 0;
        if (Number(0, decimals) == size)
        {
            return info?.Unit == MetricUnits.Persons ? $"about as many {noun}" : $"{noun} about the same";
        }

        return info?.Unit switch
        {
            MetricUnits.Persons => $"{size} {(up ? "more" : "fewer")} {noun}",
            MetricUnits.Hours => $"{noun} {size} h {(up ? "longer" : "shorter")}",
            { } unit => $"{noun} {size} {unit} {(up ? "higher" : "lower")}",
            null => $"{noun} {size} {(up ? "higher" : "lower")}",
        };
    }

    /// <summary>"lower is better" and the unit, from the catalog.</summary>
    internal static string Direction(MetricInfo? info) => info is null ? "not in the metric catalog"
        : $"{info.Unit}; {info.BetterInWords ?? "neither side is better"}";

    /// <summary>
    /// Decimals shared by every number of a metric: two significant digits of the median half-width of its paired
    /// differences' confidence intervals (of the groups' own intervals when no difference has one; 0 to 3 decimals), so
    /// a difference never claims more precision than its interval has.
    /// </summary>
    internal static int Decimals(IReadOnlyList<ComparisonRow> rows) => rows.Any(r => r.Paired is { } p && double.IsFinite(p.CiHigh - p.CiLow) && p.CiHigh > p.CiLow)
        ? Decimals(rows.Where(r => r.Paired is not null).Select(r => (r.Paired!.Value.CiHigh - r.Paired.Value.CiLow) / 2))
        : Decimals(rows.Select(r => (r.Summary.CiHigh - r.Summary.CiLow) / 2));

    /// <summary>Decimals for confidence intervals of half-widths <paramref name="halfWidths"/> (see <see cref="Decimals(IReadOnlyList{ComparisonRow})"/>).</summary>
    internal static int Decimals(IEnumerable<double> halfWidths)
    {
        var halves = halfWidths.Where(h => double.IsFinite(h) && h > 0).Order().ToList();
        if (halves.Count == 0)
        {
            return 2;
        }

        double median = halves[halves.Count / 2];
        return Math.Clamp(1 - (int)Math.Floor(Math.Log10(median)), 0, 3);
    }

    /// <summary>A number with <paramref name="decimals"/> decimals in the invariant culture; "–" when not finite.</summary>
    internal static string Number(double v, int decimals)
    {
        if (!double.IsFinite(v))
        {
            return "–";
        }

        string s = v.ToString("F" + decimals.ToString(s_inv), s_inv);
        return s.StartsWith('-') && s.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? s[1..] : s; // never "-0.0"
    }

    /// <summary>"= 0.002", "< 0.001" or "–".</summary>
    internal static string HolmP(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "< 0.001" : "= " + p.ToString("0.000", s_inv);

    private static string Name(ComparisonRow? r) => r is null ? "the baseline" : string.Join(" | ", r.Group);
}
