using CrisisSim.Core.Metrics;

namespace CrisisSim.Core.Analysis;

/// <summary>What a paired difference from the baseline says about a group, in the metric's own direction.</summary>
public enum Verdict
{
    /// <summary>Holm-adjusted p at or above <see cref="Verdicts.Alpha"/>, or no difference that can be tested.</summary>
    NoClearDifference,

    /// <summary>Significantly in the metric's favourable direction (fewer deaths, more rescued).</summary>
    Better,

    /// <summary>Significantly in the metric's unfavourable direction.</summary>
    Worse,

    /// <summary>Significant, for a metric without a better side (messages sent, say).</summary>
    Different,
}

/// <summary>
/// The verdict of a paired difference, from the metric catalog's direction (<see cref="MetricInfo.Better"/>) and the
/// Holm-adjusted p: the one rule the console, thresholds, figures and the report use to say better or worse.
/// </summary>
public static class Verdicts
{
    /// <summary>The significance level of the Holm-adjusted p.</summary>
    public const double Alpha = 0.05;

    /// <summary>The verdict of a mean paired difference <paramref name="meanDifference"/> on <paramref name="metric"/> with Holm-adjusted p <paramref name="pHolm"/>.</summary>
    public static Verdict Of(string metric, double meanDifference, double pHolm)
    {
        if (!(pHolm < Alpha) || meanDifference == 0 || !double.IsFinite(meanDifference))
        {
            return Verdict.NoClearDifference;
        }

        return MetricCatalog.Find(metric)?.Better switch
        {
            Better.Lower => meanDifference < 0 ? Verdict.Better : Verdict.Worse,
            Better.Higher => meanDifference > 0 ? Verdict.Better : Verdict.Worse,
            _ => Verdict.Different,
        };
    }

    /// <summary>The verdict of a row's paired difference from the baseline (no clear difference for the baseline itself).</summary>
    public static Verdict Of(ComparisonRow row) =>
        row.Paired is { } p ? Of(row.Metric, p.MeanDifference, row.PHolm) : Verdict.NoClearDifference;

    /// <summary>The verdict in words: "better", "worse", "different", "no clear difference".</summary>
    public static string Word(this Verdict verdict) => verdict switch
    {
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.Different => "different",
        _ => "no clear difference",
    };
}
