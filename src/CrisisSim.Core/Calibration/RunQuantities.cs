using CrisisSim.Core.Metrics;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// The catalogue of what a calibration target can measure: every runs.csv metric, every ticks.csv column at an hour,
/// and the derived quantities the pre-registered targets of validation.md §3 need (F1, F2, F8, F9, H1, H2a). A
/// quantity at an hour reads the state at the end of the last tick ending at or before that hour, so it depends on
/// the tick length only through the tick the hour falls in.
/// </summary>
public static class RunQuantities
{
    /// <summary>Hours within which a tick's end counts as at an hour (floating-point sums of tick lengths; far below any tick).</summary>
    public const double HourTolerance = 1e-6;

    /// <summary>The hour that splits the first day from the rest for <c>volunteer_idle_ratio</c>.</summary>
    public const double FirstDayH = 24;

    /// <summary>The derived quantities, in the order docs/experiments.md §8 lists them.</summary>
    public static IReadOnlyList<RunQuantity> Derived { get; } =
    [
        new("deaths_all", QuantityKind.Derived, MetricUnits.Persons,
            "all deaths at the end of the run: deaths_civilian + deaths_responder (validation.md §3, F1)",
            NeedsHour: false, NeedsTicks: false, (m, _, _) => DeathsAll(m)),
        new("responder_share_of_deaths", QuantityKind.Derived, "share",
            "deaths_responder / deaths_all at the end of the run; 0 when nobody died (F2)",
            NeedsHour: false, NeedsTicks: false, (m, _, _) => DeathsAll(m) == 0 ? 0 : (double)m.DeathsResponder / DeathsAll(m)),
        new("fire_out_h", QuantityKind.Derived, MetricUnits.Hours,
            "the first time_h at which ticks.csv's fire_intensity is 0: the fire out in every zone (a zone's fire below hazard.fire.out_below is put out, so a burning one is never a small positive number); a later flare-up does not change it; censored: the run's end when the fire never goes out (F8)",
            NeedsHour: false, NeedsTicks: true, (_, ticks, _) => FireOutH(ticks)),
        new("hazard_known_by", QuantityKind.Derived, "0/1",
            "1 when headquarters knew the chemicals' identity by at_h (runs.csv hazard_known_h >= 0 and <= at_h), else 0: the replicate mean is the share of runs (F9)",
            NeedsHour: true, NeedsTicks: false, (m, _, h) => m.HazardKnownAtDispatchH >= 0 && m.HazardKnownAtDispatchH <= h + HourTolerance ? 1 : 0),
        new("deaths_known_share", QuantityKind.Derived, "share",
            "deaths known to headquarters at at_h (ticks.csv deaths_known_hq) over all deaths at the end of the run; 1 when nobody died (H1)",
            NeedsHour: true, NeedsTicks: true, (m, ticks, h) => DeathsKnownShare(m, ticks, h)),
        new("volunteer_idle_ratio", QuantityKind.Derived, "ratio",
            "the mean over ticks in (24 h, end] of volunteers_idle / volunteers_present (ticks with anyone present) over the same mean in (0, 24 h]; NaN (an empty cell; rejects as a fit target) when no one is present in a window or the day-1 share is 0 (H2a)",
            NeedsHour: false, NeedsTicks: true, (_, ticks, _) => VolunteerIdleRatio(ticks)),
    ];

    /// <summary>Every quantity: the runs.csv metrics, the derived quantities, then the ticks.csv columns at an hour.</summary>
    public static IReadOnlyList<RunQuantity> All { get; } =
    [
        .. RunMetrics.Declared.Select(d => new RunQuantity(d.Info.Name, QuantityKind.RunMetric, d.Info.Unit,
            "runs.csv: " + d.Info.Meaning, NeedsHour: false, NeedsTicks: false, (m, _, _) => d.Value(m))),
        .. Derived,
        .. TickRecord.Declared.Select(d => new RunQuantity(d.Info.Name, QuantityKind.TickColumn, d.Info.Unit,
            "ticks.csv at at_h: " + d.Info.Meaning, NeedsHour: true, NeedsTicks: true, (_, ticks, h) => At(ticks, h) is { } r ? d.Value(r) : double.NaN)),
    ];

    /// <summary>The distinct names, in catalogue order (for a "did you mean").</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(q => q.Name).Distinct()];

    /// <summary>
    /// The quantity called <paramref name="name"/>, or null. A name that is both a runs.csv metric and a ticks.csv
    /// column (messages_sent) is the column when the target gives an hour and the metric otherwise.
    /// </summary>
    public static RunQuantity? Find(string name, bool withHour) =>
        All.FirstOrDefault(q => q.Name == name && q.NeedsHour == withHour) ?? All.FirstOrDefault(q => q.Name == name);

    /// <summary>The state at the end of the last tick ending at or before <paramref name="hour"/>, or null when none has (the hour falls in the first tick).</summary>
    public static TickRecord? At(IReadOnlyList<TickRecord> ticks, double hour)
    {
        TickRecord? found = null;
        foreach (var r in ticks)
        {
            if (r.TimeH > hour + HourTolerance)
            {
                break;
            }

            found = r;
        }

        return found;
    }

    private static int DeathsAll(RunMetrics m) => m.DeathsCivilian + m.DeathsResponder;

    private static double FireOutH(IReadOnlyList<TickRecord> ticks)
    {
        foreach (var r in ticks)
        {
            if (r.FireIntensity == 0)
            {
                return r.TimeH;
            }
        }

        return ticks.Count == 0 ? double.NaN : ticks[^1].TimeH;
    }

    private static double DeathsKnownShare(RunMetrics m, IReadOnlyList<TickRecord> ticks, double hour)
    {
        if (DeathsAll(m) == 0)
        {
            return 1;
        }

        return At(ticks, hour) is { } r ? (double)r.DeathsKnownHq / DeathsAll(m) : double.NaN;
    }

    private static double VolunteerIdleRatio(IReadOnlyList<TickRecord> ticks)
    {
        double dayOne = IdleShare(ticks, laterDays: false);
        double later = IdleShare(ticks, laterDays: true);
        return dayOne > 0 && !double.IsNaN(later) ? later / dayOne : double.NaN;
    }

    /// <summary>Mean of volunteers_idle / volunteers_present over the ticks with anyone present ending in (0, 24 h] or, for <paramref name="laterDays"/>, after 24 h; NaN when there is none.</summary>
    private static double IdleShare(IReadOnlyList<TickRecord> ticks, bool laterDays)
    {
        double sum = 0;
        int n = 0;
        foreach (var r in ticks)
        {
            if (r.VolunteersPresent > 0 && (r.TimeH > FirstDayH + HourTolerance) == laterDays)
            {
                sum += (double)r.VolunteersIdle / r.VolunteersPresent;
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
