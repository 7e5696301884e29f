namespace CrisisSim.Core.Metrics;

/// <summary>Which direction of a metric is favourable, for comparisons and thresholds.</summary>
public enum Better
{
    /// <summary>Neither: a quantity that describes the response (messages, cost) without a better side.</summary>
    Neither,

    /// <summary>Lower is better: harm, delay, waste.</summary>
    Lower,

    /// <summary>Higher is better: lives saved, people treated.</summary>
    Higher,
}

/// <summary>How prominently a metric is reported.</summary>
public enum Prominence
{
    /// <summary>In the files only.</summary>
    Detail,

    /// <summary>Compared by default (<c>crisissim compare</c> without --metric).</summary>
    Compared,

    /// <summary>The headline: printed at the end of every factorial sweep (and compared by default).</summary>
    Headline,
}

/// <summary>One output column: what it means, its unit, which way is better, how "never" is written.</summary>
/// <param name="Name">The column name in runs.csv or ticks.csv.</param>
/// <param name="Unit">The unit, as axis labels show it.</param>
/// <param name="Better">Which direction is favourable.</param>
/// <param name="Meaning">What the column counts, in the words of the README's column table.</param>
/// <param name="Prominence">Where it is reported by default.</param>
/// <param name="Never">The value written when the event never happened in the run (e.g. -1), or null.</param>
public sealed record MetricInfo(string Name, string Unit, Better Better, string Meaning, Prominence Prominence = Prominence.Detail, double? Never = null);

/// <summary>
/// The one declaration of every output metric (runs.csv) and series (ticks.csv). Comparisons, thresholds,
/// figure labels and the README's column table read it; a test fails when a column of
/// <see cref="RunMetrics.Columns"/> or <see cref="TickRecord.Columns"/> has no entry here.
/// </summary>
public static class MetricCatalog
{
    private const string Persons = "persons", Hours = "hours", PersonHours = "person-hours", Share = "share of the public";

    /// <summary>The runs.csv metrics, in column order.</summary>
    public static IReadOnlyList<MetricInfo> Runs { get; } =
    [
        new("deaths_civilian", Persons, Better.Lower, "residents who died: in the blast, trapped too long, or seriously injured and untreated", Prominence.Headline),
        new("deaths_responder", Persons, Better.Lower, "responders who died: in the blast or working in a burning or contaminated zone", Prominence.Headline),
        new("rescued", Persons, Better.Higher, "trapped people freed alive", Prominence.Headline),
        new("injured_treated", Persons, Better.Higher, "injured people admitted to hospital", Prominence.Compared),
        new("rescue_time_mean_h", Hours, Better.Lower, "mean hours trapped before being freed, over the rescued", Prominence.Compared),
        new("rescue_time_p90_h", Hours, Better.Lower, "90th percentile of the hours trapped before being freed, over the rescued"),
        new("unmet_need_hours", PersonHours, Better.Lower, "person-hours of unmet material need: the sum of the next four", Prominence.Headline),
        new("unmet_rescue_hours", PersonHours, Better.Lower, "person-hours trapped"),
        new("unmet_medical_hours", PersonHours, Better.Lower, "person-hours of injured people waiting for care"),
        new("unmet_shelter_hours", PersonHours, Better.Lower, "person-hours of displaced people without shelter", Prominence.Compared),
        new("unmet_supplies_hours", PersonHours, Better.Lower, "person-hours of sheltered people without water and food", Prominence.Compared),
        new("unmet_information_hours", PersonHours, Better.Neither, "person-hours of affected people without fresh official information"),
        new("duplicated_deliveries", "deliveries", Better.Lower, "supply deliveries to a shelter whose stock already covered a day", Prominence.Compared),
        new("wasted_supplies", "kits", Better.Lower, "kits beyond a site's storage (including unsolicited donations)", Prominence.Compared),
        new("info_latency_mean_h", Hours, Better.Lower, "mean hours from a need arising in a zone to headquarters knowing it (needs headquarters never learns of count with the time they stood unknown)", Prominence.Headline),
        new("response_latency_mean_h", Hours, Better.Lower, "mean hours from a need arising to the first unit working on it", Prominence.Headline),
        new("rumour_peak", Share, Better.Lower, "highest share of the public believing a rumour", Prominence.Compared),
        new("messages_sent", "messages", Better.Neither, "messages, posts and releases sent", Prominence.Compared),
        new("messages_lost", "messages", Better.Neither, "messages lost in transit"),
        new("coordination_cost", "cost units", Better.Neither, "sum of per-message costs"),
        new("idle_volunteer_hours", PersonHours, Better.Lower, "member-hours of organisation units present with nothing to do", Prominence.Compared),
        new("congestion_delay_h", Hours, Better.Lower, "vehicle-hours lost to road congestion"),
        new("sheltered_day1", Persons, Better.Neither, "people in shelters 24 h after the first call"),
        new("first_relief_h", Hours, Better.Neither, "hours until the first kits reached a shelter (-1: never)", Never: -1),
        new("hazard_known_h", Hours, Better.Neither, "hours until headquarters knew the chemicals' identity (-1: never)", Never: -1),
        new("coordination_gaps", "dispatches", Better.Lower, "dispatches withheld because another actor was wrongly assumed to cover a need"),
        new("blood_shortfall", "blood units", Better.Neither, "blood units missing at serious admissions"),
    ];

    /// <summary>The ticks.csv series after run_id, tick and time_h, in column order.</summary>
    public static IReadOnlyList<MetricInfo> Ticks { get; } =
    [
        new("unaffected", Persons, Better.Neither, "residents not (yet) affected"),
        new("displaced", Persons, Better.Neither, "residents who left their homes and have no shelter yet"),
        new("injured", Persons, Better.Neither, "residents injured and not yet admitted"),
        new("trapped", Persons, Better.Neither, "residents trapped"),
        new("sheltered", Persons, Better.Neither, "residents in shelters"),
        new("treated", Persons, Better.Neither, "residents admitted to hospital"),
        new("dead", Persons, Better.Neither, "residents dead"),
        new("responders_dead", Persons, Better.Neither, "responders dead"),
        new("supplies_deficit", "kits", Better.Neither, "kits missing at shelters for a day"),
        new("site_kits", "kits", Better.Neither, "kits on site"),
        new("fire_intensity", "sum of zone intensities", Better.Neither, "fire intensity summed over zones"),
        new("rumour", Share, Better.Neither, "share of the public believing a rumour"),
        new("attention", Share, Better.Neither, "share of the public paying attention to official information"),
        new("messages_pending", "messages", Better.Neither, "messages waiting in inboxes or in transit"),
        new("messages_sent", "messages", Better.Neither, "messages sent so far"),
        new("units_working", "units", Better.Neither, "field units working"),
        new("units_travelling", "units", Better.Neither, "field units travelling"),
        new("units_idle", "units", Better.Neither, "field units idle"),
        new("volunteers_present", Persons, Better.Neither, "organisation members on site"),
        new("volunteers_idle", Persons, Better.Neither, "organisation members on site with nothing to do"),
        new("hazard_known_hq", "0/1", Better.Neither, "1 if headquarters knows the chemicals' identity, else 0"),
    ];

    private static readonly Dictionary<string, MetricInfo> s_runs = Runs.ToDictionary(m => m.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, MetricInfo> s_ticks = Ticks.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The runs.csv metric <paramref name="name"/>, or null.</summary>
    public static MetricInfo? Run(string name) => s_runs.GetValueOrDefault(name);

    /// <summary>A runs.csv metric or, failing that, a ticks.csv series called <paramref name="name"/>, or null.</summary>
    public static MetricInfo? Find(string name) => s_runs.GetValueOrDefault(name) ?? s_ticks.GetValueOrDefault(name);

    /// <summary>The metrics reported at <paramref name="least"/> prominence or more, in column order.</summary>
    public static IReadOnlyList<string> Reported(Prominence least) => [.. Runs.Where(m => m.Prominence >= least).Select(m => m.Name)];
}
