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

    /// <summary>(Actor, zone, task) combinations where an actor left a believed need to others because its mandate wrongly said it was theirs (once each).</summary>
    public int CoordinationGaps { get; set; }

    /// <summary>Relief kits headquarters requisitioned from organisations outside command.</summary>
    public double KitsRequisitioned { get; set; }

    /// <summary>Blood units short at admissions.</summary>
    public double BloodShortfall { get; set; }

    /// <summary>Person-hours of field work given to coordination (staff time of messages and posts).</summary>
    public double CoordinationFieldHours { get; set; }

    /// <summary>Need reports passed on with a misstated value.</summary>
    public int WrongReports { get; set; }

    /// <summary>Wrong posts the verification desk removed.</summary>
    public int PostsRejected { get; set; }

    /// <summary>Converging volunteer units turned back at the staging area.</summary>
    public int VolunteersTurnedBack { get; set; }

    /// <summary>Units that left for good (duty over, or nothing left to give).</summary>
    public int UnitsDeparted { get; set; }

    /// <summary>Commitments of units that were claimed but never kept (actors.*.commitment_kept).</summary>
    public int CommitmentsBroken { get; set; }

    /// <summary>Share of the people freed alive from rubble who were freed within 24 h of being trapped (0 if none were freed).</summary>
    public double RescuedWithin24h { get; set; }

    /// <summary>Mean change of trust between the government and the organisations over the run.</summary>
    public double TrustChange { get; set; }

    /// <summary>
    /// The one declaration of every column, in column order: name, unit, which way is better, meaning and prominence
    /// (<see cref="MetricInfo"/>), with the accessor that reads it. Adding a column is one line here (and, for a new
    /// quantity, the property above and the phase that counts it); comparisons, thresholds, figures, the report and the
    /// README's table follow from it.
    /// </summary>
    public static IReadOnlyList<(MetricInfo Info, Func<RunMetrics, double> Value)> Declared { get; } =
    [
        MetricInfo.Counted<RunMetrics>(new("deaths_civilian", MetricUnits.Persons, Better.Lower, "residents who died: in the blast, trapped too long, or seriously injured and untreated", Prominence.Headline, Short: "civilian deaths"), m => m.DeathsCivilian),
        MetricInfo.Counted<RunMetrics>(new("deaths_responder", MetricUnits.Persons, Better.Lower, "responders who died: in the blast or working in a burning or contaminated zone", Prominence.Headline, Short: "responder deaths"), m => m.DeathsResponder),
        MetricInfo.Counted<RunMetrics>(new("rescued", MetricUnits.Persons, Better.Higher, "trapped people freed alive", Prominence.Headline, Short: "people rescued"), m => m.Rescued),
        MetricInfo.Counted<RunMetrics>(new("injured_treated", MetricUnits.Persons, Better.Higher, "injured people admitted to hospital"), m => m.InjuredTreated),
        (new("rescue_time_mean_h", MetricUnits.Hours, Better.Lower, "mean hours trapped before being freed, over the rescued"), m => m.RescueTimeMeanH),
        (new("rescue_time_p90_h", MetricUnits.Hours, Better.Lower, "90th percentile of the hours trapped before being freed, over the rescued"), m => m.RescueTimeP90H),
        (new("unmet_need_hours", MetricUnits.PersonHours, Better.Lower, "person-hours of unmet material need: the sum of the next four", Prominence.Headline, Short: "unmet material need"), m => m.UnmetNeedHours),
        (new("unmet_rescue_hours", MetricUnits.PersonHours, Better.Lower, "person-hours trapped"), m => m.UnmetRescueHours),
        (new("unmet_medical_hours", MetricUnits.PersonHours, Better.Lower, "person-hours of injured people waiting for care"), m => m.UnmetMedicalHours),
        (new("unmet_shelter_hours", MetricUnits.PersonHours, Better.Lower, "person-hours of displaced people without shelter"), m => m.UnmetShelterHours),
        (new("unmet_supplies_hours", MetricUnits.PersonHours, Better.Lower, "person-hours of sheltered people without water and food"), m => m.UnmetSuppliesHours),
        (new("unmet_information_hours", MetricUnits.PersonHours, Better.Neither, "person-hours of affected people without fresh official information"), m => m.UnmetInformationHours),
        MetricInfo.Counted<RunMetrics>(new("duplicated_deliveries", "deliveries", Better.Lower, "supply deliveries to a shelter whose stock already covered a day"), m => m.DuplicatedDeliveries),
        (new("wasted_supplies", "kits", Better.Lower, "kits beyond a site's storage (including unsolicited donations)"), m => m.WastedSupplies),
        (new("info_latency_mean_h", MetricUnits.Hours, Better.Lower, "mean hours from a need arising in a zone to headquarters knowing it, over need episodes weighted by the people each concerned at its peak (a need of 1,000 people counts 1,000 times one of 1 person; needs headquarters never learns of count with the time they stood unknown)", Prominence.Headline, Short: "mean information latency"), m => m.InfoLatencyMeanH),
        (new("response_latency_mean_h", MetricUnits.Hours, Better.Lower, "mean hours from a need arising in a zone to the first unit working on it, over need episodes weighted by the people each concerned at its peak (needs no unit starts on count with their whole duration)", Prominence.Headline, Short: "mean response latency"), m => m.ResponseLatencyMeanH),
        (new("rumour_peak", MetricUnits.Share, Better.Lower, "highest share of the public believing a rumour"), m => m.RumourPeak),
        MetricInfo.Counted<RunMetrics>(new("messages_sent", "messages", Better.Neither, "messages, posts and releases sent: what a node shares counts once however many channels carry it; every relay counts"), m => m.MessagesSent),
        MetricInfo.Counted<RunMetrics>(new("messages_lost", "messages", Better.Neither, "messages lost in transit"), m => m.MessagesLost),
        (new("coordination_cost", "staff-hours", Better.Neither, "staff time spent on messages, posts and releases (every copy counts: a report sent up the chain and posted costs both)"), m => m.CoordinationCost),
        (new("idle_volunteer_hours", MetricUnits.PersonHours, Better.Lower, "member-hours of organisation units present with nothing to do"), m => m.IdleVolunteerHours),
        (new("congestion_delay_h", MetricUnits.Hours, Better.Lower, "vehicle-hours lost to road congestion"), m => m.CongestionDelayH),
        MetricInfo.Counted<RunMetrics>(new("sheltered_day1", MetricUnits.Persons, Better.Neither, "people in shelters 24 h after the first call"), m => m.ShelteredDay1),
        (new("first_relief_h", MetricUnits.Hours, Better.Neither, "hours until the first kits reached a shelter (empty: never; see relief_reached)", Never: -1), m => Missing(m.FirstReliefH)),
        MetricInfo.Counted<RunMetrics>(new("relief_reached", "0/1", Better.Higher, "1 if kits reached a shelter within the run, else 0 (first_relief_h is then empty)"), m => m.FirstReliefH >= 0 ? 1 : 0),
        (new("hazard_known_h", MetricUnits.Hours, Better.Neither, "hours until headquarters knew the chemicals' identity (empty: never; see hazard_known)", Never: -1), m => Missing(m.HazardKnownAtDispatchH)),
        MetricInfo.Counted<RunMetrics>(new("hazard_known", "0/1", Better.Higher, "1 if headquarters knew the chemicals' identity within the run, else 0 (hazard_known_h is then empty)"), m => m.HazardKnownAtDispatchH >= 0 ? 1 : 0),
        MetricInfo.Counted<RunMetrics>(new("coordination_gaps", "combinations", Better.Lower, "(actor, zone, task) combinations where an actor left a believed need to others because its mandate wrongly said it was theirs"), m => m.CoordinationGaps),
        (new("blood_shortfall", "blood units", Better.Neither, "blood units missing at serious admissions"), m => m.BloodShortfall),
        (new("coordination_field_h", MetricUnits.PersonHours, Better.Lower, "person-hours of actors' field work given to coordination (the staff time of their messages and posts)"), m => m.CoordinationFieldHours),
        MetricInfo.Counted<RunMetrics>(new("wrong_reports", "reports", Better.Lower, "need reports passed on with a misstated value (actors.*.report_error)"), m => m.WrongReports),
        MetricInfo.Counted<RunMetrics>(new("posts_rejected", "posts", Better.Neither, "wrong posts the platform's verification desk removed"), m => m.PostsRejected),
        MetricInfo.Counted<RunMetrics>(new("volunteers_turned_back", "units", Better.Neither, "converging volunteer units turned back at the staging area (public.turn_back_above_idle)"), m => m.VolunteersTurnedBack),
        MetricInfo.Counted<RunMetrics>(new("units_departed", "units", Better.Neither, "units that left for good: their duty was over (actors.*.duty_h) or their organisation had no relief left to give"), m => m.UnitsDeparted),
        (new("trust_change", "share", Better.Higher, "mean change, over the run, of the trust between the government and each organisation (from governance.trust, by the accuracy of the reports acted on and the commitments kept or broken)"), m => m.TrustChange),
        (new("kits_requisitioned", "kits", Better.Neither, "relief kits headquarters requisitioned from organisations outside command"), m => m.KitsRequisitioned),
        MetricInfo.Counted<RunMetrics>(new("commitments_broken", "commitments", Better.Lower, "units claimed for a need that never set off (actors.*.commitment_kept): others could leave the need to them until they were due"), m => m.CommitmentsBroken),
        (new("rescued_within_24h", "share", Better.Higher, "share of the people freed alive from rubble who were freed within 24 h of being trapped (0 if none were; about 93 % of survivors in disaster epidemiology, sources.md §1.9)"), m => m.RescuedWithin24h),
    ];

    /// <summary>An event's hour, or NaN (an empty cell, missing to every reader) when the model's -1 says it never happened.</summary>
    private static double Missing(double hour) => hour < 0 ? double.NaN : hour;

    /// <summary>The columns in order, each with its accessor.</summary>
    public static IReadOnlyList<(string Name, Func<RunMetrics, double> Value)> Columns { get; } = [.. Declared.Select(d => (d.Info.Name, d.Value))];
}
