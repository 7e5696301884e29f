using CrisisSim.Core.Metrics;

namespace CrisisSim.Core.Analysis;

/// <summary>What a paired difference from the baseline says, given which way the metric is better.</summary>
public enum Verdict
{
    /// <summary>No verdict: the baseline itself, no pairs, or no p-value.</summary>
    None,

    /// <summary>Not significantly different (Holm-adjusted p of 0.05 or more).</summary>
    NoDifference,

    /// <summary>Significantly different (Holm p &lt; 0.05) in the favourable direction.</summary>
    Better,

    /// <summary>Significantly different in the unfavourable direction.</summary>
    Worse,

    /// <summary>Significantly different, on a metric without a better side (messages, cost).</summary>
    Different,
}

/// <summary>
/// The verdict of a paired difference: significant when its Holm-adjusted p is below <see cref="Alpha"/>, and then
/// better or worse by the metric catalog's <see cref="Metrics.Better"/>. The report's colours and the console's
/// plain-language lines use it, so they never disagree.
/// </summary>
public static class ComparisonVerdict
{
    /// <summary>The significance level of the Holm-adjusted p-values.</summary>
    public const double Alpha = 0.05;

    /// <summary>The verdict of <paramref name="row"/> against its baseline.</summary>
    public static Verdict Of(ComparisonRow row) =>
        row.IsBaseline || row.Paired is not { } p ? Verdict.None : Of(row.Metric, p.MeanDifference, row.PHolm);

    /// <summary>The verdict of a difference <paramref name="difference"/> of <paramref name="metric"/> with Holm-adjusted p <paramref name="pHolm"/>.</summary>
    public static Verdict Of(string metric, double difference, double pHolm)
    {
        if (double.IsNaN(pHolm) || !double.IsFinite(difference))
        {
            return Verdict.None;
        }

        if (pHolm >= Alpha || difference == 0)
        {
            return Verdict.NoDifference;
        }

        return MetricCatalog.Run(metric)?.Better switch
        {
            Better.Lower => difference < 0 ? Verdict.Better : Verdict.Worse,
            Better.Higher => difference > 0 ? Verdict.Better : Verdict.Worse,
            _ => Verdict.Different,
        };
    }
}

/// <summary>Verdicts in words, as the console and the report say them.</summary>
public static class VerdictWords
{
    /// <summary>"better", "worse", "different", "no clear difference" or, without a test, "not tested".</summary>
    public static string Word(this Verdict verdict) => verdict switch
    {
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.Different => "different",
        Verdict.NoDifference => "no clear difference",
        _ => "not tested",
    };
}
