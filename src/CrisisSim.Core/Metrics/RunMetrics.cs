namespace CrisisSim.Core.Metrics;

/// <summary>
/// The outcomes of one run, as researchers compare them. Column names (snake_case) are the output
/// contract of runs.csv; <see cref="Columns"/> is the single list that fixes their order.
/// </summary>
public sealed class RunMetrics
{
    /// <summary>Residents who died (blast, waiting trapped or untreated).</summary>
    public int DeathsCivilian { get; set; }

    /// <summary>Responders who died (blast, hazard exposure).</summary>
    public int DeathsResponder { get; set; }

    /// <summary>Trapped people freed alive.</summary>
    public int Rescued { get; set; }

    /// <summary>Injured people admitted to hospital.</summary>
    public int InjuredTreated { get; set; }

    /// <summary>Mean hours from being trapped to being freed, over the rescued.</summary>
    public double RescueTimeMeanH { get; set; }

    /// <summary>90th percentile of those hours.</summary>
    public double RescueTimeP90H { get; set; }

    /// <summary>Person-hours of unmet material need (rescue + medical + shelter + water/food).</summary>
    public double UnmetNeedHours { get; set; }

    /// <summary>Person-hours trapped.</summary>
    public double UnmetRescueHours { get; set; }

    /// <summary>Person-hours injured and waiting for care.</summary>
    public double UnmetMedicalHours { get; set; }

    /// <summary>Person-hours displaced without shelter.</summary>
    public double UnmetShelterHours { get; set; }

    /// <summary>Person-hours in a shelter without water and food.</summary>
    public double UnmetSuppliesHours { get; set; }

    /// <summary>Person-hours of affected people without fresh official information.</summary>
    public double UnmetInformationHours { get; set; }

    /// <summary>Deliveries to a site whose stock already covered a day.</summary>
    public int DuplicatedDeliveries { get; set; }

    /// <summary>Kits wasted (beyond storage at a site).</summary>
    public double WastedSupplies { get; set; }

    /// <summary>Mean hours from a need arising to headquarters knowing it.</summary>
    public double InfoLatencyMeanH { get; set; }

    /// <summary>Mean hours from a need arising to the first unit working on it.</summary>
    public double ResponseLatencyMeanH { get; set; }

    /// <summary>Highest rumour prevalence.</summary>
    public double RumourPeak { get; set; }

    /// <summary>Messages sent (all channels, posts and releases).</summary>
    public long MessagesSent { get; set; }

    /// <summary>Messages lost.</summary>
    public long MessagesLost { get; set; }

    /// <summary>Coordination cost (sum of per-message costs).</summary>
    public double CoordinationCost { get; set; }

    /// <summary>Member-hours of organisation units present with nothing to do.</summary>
    public double IdleVolunteerHours { get; set; }

    /// <summary>Vehicle-hours lost to congestion.</summary>
    public double CongestionDelayH { get; set; }

    /// <summary>People in shelters 24 h after the first call.</summary>
    public int ShelteredDay1 { get; set; }

    /// <summary>Hours until the first kits reached a shelter (-1 if never).</summary>
    public double FirstReliefH { get; set; } = -1;

    /// <summary>Hours until headquarters knew the chemicals' identity (-1 if never).</summary>
    public double HazardKnownAtDispatchH { get; set; } = -1;

    /// <summary>Unit-ticks an idle unit was held back because its node wrongly assumed another actor covered the need (responsibility unclear).</summary>
    public int CoordinationGaps { get; set; }

    /// <summary>Blood units short at admissions.</summary>
    public double BloodShortfall { get; set; }

    /// <summary>The columns of runs.csv in order, each with its accessor.</summary>
    public static IReadOnlyList<(string Name, Func<RunMetrics, double> Value)> Columns { get; } =
    [
        ("deaths_civilian", m => m.DeathsCivilian),
        ("deaths_responder", m => m.DeathsResponder),
        ("rescued", m => m.Rescued),
        ("injured_treated", m => m.InjuredTreated),
        ("rescue_time_mean_h", m => m.RescueTimeMeanH),
        ("rescue_time_p90_h", m => m.RescueTimeP90H),
        ("unmet_need_hours", m => m.UnmetNeedHours),
        ("unmet_rescue_hours", m => m.UnmetRescueHours),
        ("unmet_medical_hours", m => m.UnmetMedicalHours),
        ("unmet_shelter_hours", m => m.UnmetShelterHours),
        ("unmet_supplies_hours", m => m.UnmetSuppliesHours),
        ("unmet_information_hours", m => m.UnmetInformationHours),
        ("duplicated_deliveries", m => m.DuplicatedDeliveries),
        ("wasted_supplies", m => m.WastedSupplies),
        ("info_latency_mean_h", m => m.InfoLatencyMeanH),
        ("response_latency_mean_h", m => m.ResponseLatencyMeanH),
        ("rumour_peak", m => m.RumourPeak),
        ("messages_sent", m => m.MessagesSent),
        ("messages_lost", m => m.MessagesLost),
        ("coordination_cost", m => m.CoordinationCost),
        ("idle_volunteer_hours", m => m.IdleVolunteerHours),
        ("congestion_delay_h", m => m.CongestionDelayH),
        ("sheltered_day1", m => m.ShelteredDay1),
        ("first_relief_h", m => m.FirstReliefH),
        ("hazard_known_h", m => m.HazardKnownAtDispatchH),
        ("coordination_gaps", m => m.CoordinationGaps),
        ("blood_shortfall", m => m.BloodShortfall),
    ];
}
