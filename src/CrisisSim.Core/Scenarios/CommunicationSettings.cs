using CrisisSim.Core.Scenarios.Presets;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>Parameters of each communication rule; the rule in force is chosen by governance settings.</summary>
public sealed class CommunicationSettings
{
    /// <summary>How often a unit on site reports a changed observation.</summary>
    [Param("report_interval_h", "Shortest time between two reports by one unit about its zone (reports are sent only when the observation changed)", Unit = "h", Min = 0, Max = 24)]
    public double ReportIntervalH { get; set; } = 0.5;

    /// <summary>Relative change that makes an observation worth reporting.</summary>
    [Param("report_threshold", "Relative change in an observed need that makes it worth a report: a unit's to its node against what it last reported, a node's up the chain against what it last passed on, the public's calls against what they last called in", Unit = "share", Min = 0, Max = 10)]
    public double ReportThreshold { get; set; } = 0.2;

    /// <summary>The chain of command.</summary>
    [Param("hierarchy", "Chain of command: unit → department → district command → headquarters → departments")]
    public ChannelSettings Hierarchy { get; set; } = new() { DelayH = 1, Loss = 0.1, CapacityPerH = 60, StaffMinutes = 2 };

    /// <summary>Bilateral liaison.</summary>
    [Param("liaison", "Bilateral liaison between headquarters and each registered organisation")]
    public ChannelSettings Liaison { get; set; } = new() { DelayH = 0.5, Loss = 0.05, CapacityPerH = 60, StaffMinutes = 3 };

    /// <summary>The cluster rule's coordination lines.</summary>
    [Param("cluster", "Cluster rule: hops between actors and their cluster's coordinator, and between coordinators and headquarters; capacity_per_h is what a coordinator reads per hour. Defaults as liaison (assumption: a dedicated coordination line)")]
    public ChannelSettings Cluster { get; set; } = new() { DelayH = 0.5, Loss = 0.05, CapacityPerH = 60, StaffMinutes = 3 };

    /// <summary>Official broadcast.</summary>
    [Param("broadcast", "Official releases to the public and to organisations outside command")]
    public BroadcastSettings Broadcast { get; set; } = new();

    /// <summary>Shared platform.</summary>
    [Param("platform", "Shared information platform")]
    public PlatformSettings Platform { get; set; } = new();
}

/// <summary>A point-to-point channel: delay, loss, processing capacity and cost per message.</summary>
public sealed class ChannelSettings
{
    /// <summary>Delay per hop.</summary>
    [Param("delay_h", "Delay added by each hop", Unit = "h", Min = 0, Max = 48, Source = "sources.md §2.1: 0.5–2 h per hop in a strict hierarchy")]
    public double DelayH { get; set; } = 1;

    /// <summary>Probability a message is lost on a hop.</summary>
    [Param("loss", "Probability that a message is lost on a hop", Unit = "share", Min = 0, Max = 1, Source = "sources.md §2.1: 0.05–0.2 per hop")]
    public double Loss { get; set; } = 0.1;

    /// <summary>Messages a node processes per hour.</summary>
    [Param("capacity_per_h", "Messages a receiving node processes per hour at population.scale 1 (multiplied by scales above 1, never reduced below this value); the rest wait. Inbox and platform share it (a post costs communication.platform.reading_cost). Each tick adds capacity_per_h × the tick's hours to the node's attention; what it cannot afford of the next item is carried to the next tick (only the fraction, when nothing is left to read), so the throughput does not depend on the tick length", Unit = "messages/h", Min = 0.1, Max = 1_000_000, Source = "assumption (60 an hour: one message a minute per command desk)", Replaces = "capacity_per_tick: the capacity is now a rate per hour (10 a tick at 10-minute ticks is 60 an hour)")]
    public double CapacityPerH { get; set; } = 60;

    /// <summary>Staff time the sender spends on one message.</summary>
    [Param("staff_minutes", "Staff time the sending node spends on one message (writing, radioing, relaying). An actor's coordination time is taken from its units' field work (docs/model.md 5.3.27); the command's is counted in coordination_cost only", Unit = "staff-min", Min = 0, Max = 1000, Source = "assumption (a radio or telephone report of a few minutes)", Replaces = "cost: coordination cost is now staff time, taken from the sender's field work (staff_minutes per message)")]
    public double StaffMinutes { get; set; } = 2;
}

/// <summary>Official broadcast.</summary>
public sealed class BroadcastSettings
{
    /// <summary>Time of the first official release.</summary>
    [Param("first_release_h", "Time of the first official release", Unit = "h", Min = 0, Max = 336, Source = "sources.md §1.1: first press conference 13 Aug 16:30, ~17.7 h after the first call")]
    public double FirstReleaseH { get; set; } = 17.7;

    /// <summary>Interval between releases.</summary>
    [Param("interval_h", "Interval between later releases", Unit = "h", Min = 0.5, Max = 336, Source = "assumption (sources.md §1.1: the first press conference at ~17 h and the fifth on 15 Aug 17:00, roughly twice a day)")]
    public double IntervalH { get; set; } = 12;

    /// <summary>Staff time of one release.</summary>
    [Param("staff_minutes", "Staff time the broadcaster spends on one release (counted in coordination_cost; the broadcaster has no field units)", Unit = "staff-min", Min = 0, Max = 100_000, Source = "assumption (a press conference prepared by a small team for about an hour)", Replaces = "cost: coordination cost is now staff time (staff_minutes per release)")]
    public double StaffMinutes { get; set; } = 60;
}

/// <summary>Shared platform.</summary>
public sealed class PlatformSettings
{
    /// <summary>Time before a post becomes readable.</summary>
    [Param("latency_h", "Time before a post becomes readable", Unit = "h", Min = 0, Max = 48, Source = "sources.md §2.1: 0.1–0.5 h")]
    public double LatencyH { get; set; } = 0.25;

    /// <summary>Attention one post takes, in messages' worth.</summary>
    [Param("reading_cost", "Attention a reader spends on one post, in messages' worth of its capacity_per_h: a node reads its inbox and the platform from one attention budget, oldest first, so what it reads on the platform it cannot read in its inbox (information overload)", Unit = "messages", Min = 0.01, Max = 100, Source = "assumption (a post is scanned in about 12 seconds, a fifth of the minute a command desk gives a message it reads and acts on)", Replaces = "reading_cap_per_h: platform reading now shares the node's one attention budget (capacity_per_h of its channel); a post costs reading_cost messages' worth of it")]
    public double ReadingCost { get; set; } = 0.2;

    /// <summary>Time from the first call until the platform works.</summary>
    [Param("opens_h", "Time from the first call until the platform is set up and usable; before it nobody posts or reads", Unit = "h", Min = 0, Max = 336, Source = "sources.md §3.2: the Zhengzhou 2021 rescue spreadsheet was created about 4-5 h after the peak hour of rain (no platform existed in Tianjin 2015)")]
    public double OpensH { get; set; } = 4;

    /// <summary>Rate of platform outages.</summary>
    [Param("outage_per_h", "Rate at which the platform fails once open (outages start as a Poisson process in hours, drawn once per run); while it is down nobody posts or reads", Unit = "1/h", Min = 0, Max = 10, Source = "assumption (about one outage in four days)")]
    public double OutagePerH { get; set; } = 0.01;

    /// <summary>Mean duration of an outage.</summary>
    [Param("outage_h", "Mean duration of a platform outage (exponential)", Unit = "h", Min = 0, Max = 336, Source = "assumption (overloaded networks and power cuts near a blast site)")]
    public double OutageH { get; set; } = 2;

    /// <summary>Posts the hub verifies per hour.</summary>
    [Param("verification_per_h", "Posts a verification desk checks per hour before they become readable (first come, first checked; the rest wait, so verification adds delay when traffic is high); 0: posts are not verified", Unit = "posts/h", Min = 0, Max = 1_000_000, Source = "sources.md §3.2: volunteers verified the Zhengzhou spreadsheet's entries from its first hour")]
    public double VerificationPerH { get; set; }

    /// <summary>Share of wrong posts verification catches.</summary>
    [Param("verification_catch", "Share of wrong posts (see actors.*.report_error) that verification catches and removes; correct posts always pass", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double VerificationCatch { get; set; } = 0.8;

    /// <summary>Who uses the platform besides those the rule puts on it.</summary>
    [Param("members", "Who uses the platform besides those governance.communication puts on it (the platform rule puts every integrated node on it under co-governance): none; government (headquarters, the district command and every node under command — departments and semi-official bodies — post what they learn and read the others' posts, and headquarters posts the emergency calls it hears, in either governance mode); all (government and every organisation, registered or not; what crosses between the sectors on the platform then meets governance.trust, in either mode). A channel held equal across governance modes, so that the effect of co-governance is not the effect of giving government a platform", Source = "sources.md §5.1.1: 78 % of co-governance's saved lives came from government's own use of the platform")]
    public PlatformMembers Members { get; set; } = PlatformMembers.None;

    /// <summary>Whether a hub filters redundant posts.</summary>
    [Param("hub_filtering", "Whether a hub drops posts that repeat the newest known value for the same zone and need")]
    public bool HubFiltering { get; set; }

    /// <summary>Probability a post is lost.</summary>
    [Param("loss", "Probability that a post is lost", Unit = "share", Min = 0, Max = 1)]
    public double Loss { get; set; } = 0.01;

    /// <summary>Staff time of one post.</summary>
    [Param("staff_minutes", "Staff time the posting node spends on one post (taken from an actor's field work like a message's)", Unit = "staff-min", Min = 0, Max = 1000, Source = "assumption (typing a short post)", Replaces = "cost: coordination cost is now staff time (staff_minutes per post)")]
    public double StaffMinutes { get; set; } = 1;
}

/// <summary>The thesis's levers.</summary>
public sealed class GovernanceSettings
{
    /// <summary>A governance arrangement selected as a whole.</summary>
    [Param("preset", "A governance arrangement selected as a whole (crisissim presets lists them with every value and its source): none; china-2015; china-today; us-nims-ics; japan-volunteer-centres; germany-civil-protection. It sets governance.mode, communication, trust, responsibility_clarity, register_volunteers, legal.* and communication.platform.members; in a file, values written beside it win; in an experiment arm or --set, it replaces the file's values and the arm's other values replace its", Source = "docs/cases/governance-arrangements.md")]
    public GovernancePresetName Preset { get; set; } = GovernancePresetName.None;

    /// <summary>Single government or co-governance.</summary>
    [Param("mode", "single-government: organisations outside command; co-governance: integrated through governance.communication", Source = "thesis")]
    public GovernanceMode Mode { get; set; } = GovernanceMode.SingleGovernment;

    /// <summary>Integration rule under co-governance.</summary>
    [Param("communication", "Rule integrating organisations under co-governance: hierarchical, liaison, platform or cluster (one coordinator per task cluster)", Source = "thesis: communication mechanism and platform")]
    public CommunicationRule Communication { get; set; } = CommunicationRule.Hierarchical;

    /// <summary>Initial trust between the government and each organisation.</summary>
    [Param("trust", "Initial trust in the relationship between the government and each organisation: the probability of acting on a message from the other side, judged where it crosses between the command and an organisation (chain of command, liaison, cluster lines or the platform; official releases are public.trust_in_releases), and of sharing one's own information with the other side (an organisation's reports; headquarters' messages to an organisation). It then changes with experience (trust_gain, trust_loss)", Unit = "share", Min = 0, Max = 1, Source = "sources.md §2.1: 0.3–0.9; thesis: sense of cooperation")]
    public double Trust { get; set; } = 0.6;

    /// <summary>How much an accurate report acted on raises trust.</summary>
    [Param("trust_gain", "Share of the distance to full trust that a relationship closes when a report from the other side, acted on, proves accurate on site", Unit = "share", Min = 0, Max = 1, Source = "assumption; Slovic (1993): trust is built slowly and destroyed quickly (gain below loss)")]
    public double TrustGain { get; set; } = 0.02;

    /// <summary>How much a misstated report acted on lowers trust.</summary>
    [Param("trust_loss", "Share of the distance to no trust that a relationship loses when a report from the other side, acted on, proves misstated on site (actors.*.report_error)", Unit = "share", Min = 0, Max = 1, Source = "assumption; Slovic (1993): the asymmetry principle")]
    public double TrustLoss { get; set; } = 0.2;

    /// <summary>How much a kept commitment raises trust.</summary>
    [Param("commitment_gain", "Share of the distance to full trust that the command's relationship with an integrated organisation closes when one of the organisation's units arrives where it was committed (a kept commitment); a broken one (actors.*.commitment_kept) loses trust_loss of the distance to no trust", Unit = "share", Min = 0, Max = 1, Source = "assumption (0: a kept commitment is what is expected and goes unnoticed); Slovic (1993): trust-building events are less visible than trust-destroying ones")]
    public double CommitmentGain { get; set; }

    /// <summary>Probability an actor's mandate for a task in a zone is clear.</summary>
    [Param("responsibility_clarity", "Probability that an actor's mandate for a task in a zone is clear, drawn once per run for each (actor, zone, task): a clear mandate respects the claims the actor knows others hold; otherwise the actor believes the need is its alone (a duplicate, half) or someone else's (a gap, half) until the misassignment is corrected", Unit = "share", Min = 0, Max = 1, Source = "sources.md §2.1: overlap 0–0.5; thesis: unclear powers and responsibilities")]
    public double ResponsibilityClarity { get; set; } = 0.7;

    /// <summary>Mean time until a misassigned mandate is noticed and corrected.</summary>
    [Param("responsibility_review_h", "Mean time until a misassigned mandate (a duplicate or a gap) is noticed and corrected; exponential, drawn once per (actor, zone, task)", Unit = "h", Min = 0, Max = 100_000, Source = "assumption: one 12-hour operational period of the incident command system's planning cycle")]
    public double ResponsibilityReviewH { get; set; } = 12;

    /// <summary>Whether the volunteer hub registers converging volunteers on arrival.</summary>
    [Param("register_volunteers", "Whether, under co-governance, the volunteer hub registers the groups that converge unbidden (actors with convergence) as they arrive, so they are integrated like a registered organisation: they share and receive information by governance.communication, and ask permission and authorisation as governance.legal says. false: a converging group is integrated only if it is registered. No effect under single government (nobody outside the command is integrated)", Source = "sources.md §1.6: the Youth League recruited volunteers online under the command's unified deployment; §3.1: Lushan 2013, volunteers told to register before coming")]
    public bool RegisterVolunteers { get; set; }

    /// <summary>How the organisation sector takes part (a counterfactual).</summary>
    [Param("organisations", "Counterfactual treatment of the actors of sector organisation (not semi-official ones): independent (as governance.mode says); absent (none of their units ever arrives, convergence included: the government alone); absorbed (each is under command as if it were semi-official: no permission draws, reports up the chain, receives orders, no trust draw with government)", Source = "sources.md §5.1.4: government alone is never an arm")]
    public OrganisationsSetting Organisations { get; set; } = OrganisationsSetting.Independent;

    /// <summary>Legal environment.</summary>
    [Param("legal", "Legal environment for social organisations")]
    public LegalSettings Legal { get; set; } = new();
}

/// <summary>Legal environment for organisations.</summary>
public sealed class LegalSettings
{
    /// <summary>Delay from an organisation's arrival to its authorisation for cordoned zones.</summary>
    [Param("authorisation_delay_h", "Delay from an integrated organisation's first arrival to its authorisation for cordoned zones, for organisations with needs_authorisation (co-governance only: organisations outside the command are never authorised, and police turn them back at the cordon)", Unit = "h", Min = 0, Max = 336, Source = "sources.md §2.1: 0–24 h; thesis: weak legal environment")]
    public double AuthorisationDelayH { get; set; } = 12;

    /// <summary>Share of proposed tasks organisations are permitted.</summary>
    [Param("permitted_task_share", "Share of (integrated organisation, zone, task) combinations the command permits; decided once per combination, so a refused task stays refused (co-governance only: organisations outside the command are not asked)", Unit = "share", Min = 0, Max = 1, Source = "sources.md §2.1: 0.3–1")]
    public double PermittedTaskShare { get; set; } = 0.7;
}

/// <summary>The public.</summary>
public sealed class PublicSettings
{
    /// <summary>Probability that an organisation outside command acts on an official release.</summary>
    [Param("trust_in_releases", "Probability that an organisation outside the command acts on an official release (press conference) it hears; separate from governance.trust, the trust between the sectors that co-governance relies on, so that governance.trust does not move the single-government arm", Unit = "share", Min = 0, Max = 1, Source = "assumption: the calibrated value of governance.trust before the two were separated")]
    public double TrustInReleases { get; set; } = 0.6;

    /// <summary>Share of the public's emergency calls that get through.</summary>
    [Param("calls_get_through", "Share of the public's emergency calls about a changed need that get through to the district command (damaged or overloaded telephone networks); a call that does not is tried again at the next round of calls (every communication.report_interval_h)", Unit = "share", Min = 0, Max = 1, Source = "assumption (1: every call gets through, as calibrated); sources.md §3.2: in Zhengzhou 2021 people turned to a shared spreadsheet when calls did not get through")]
    public double CallsGetThrough { get; set; } = 1;

    /// <summary>Hours without news after which rumour grows.</summary>
    [Param("rumour_staleness_h", "How long an official release keeps the public informed; after that (and before the first release) rumour grows", Unit = "h", Min = 0, Max = 336)]
    public double RumourStalenessH { get; set; } = 12;

    /// <summary>Rumour growth rate.</summary>
    [Param("rumour_growth_per_h", "Logistic growth rate of rumour prevalence while the public lacks news", Unit = "1/h", Min = 0, Max = 10, Source = "sources.md §1.7: 360+ accounts suspended for rumours")]
    public double RumourGrowthPerH { get; set; } = 0.25;

    /// <summary>Rumour decay after a release.</summary>
    [Param("rumour_decay_per_h", "Decay rate of rumour prevalence while official news is fresh", Unit = "1/h", Min = 0, Max = 10)]
    public double RumourDecayPerH { get; set; } = 0.15;

    /// <summary>Rumour prevalence seeded by the event.</summary>
    [Param("rumour_seed", "Rumour prevalence seeded by the explosions", Unit = "share", Min = 0, Max = 1)]
    public double RumourSeed { get; set; } = 0.02;

    /// <summary>Self-evacuation at full rumour.</summary>
    [Param("self_evacuation_per_h", "Share per hour of unaffected residents in blast-affected zones who leave home, at full rumour prevalence", Unit = "1/h", Min = 0, Max = 1, Source = "sources.md §1.4: 15 Aug a shelter emptied; conflicting evacuation reports")]
    public double SelfEvacuationPerH { get; set; } = 0.003;

    /// <summary>Unsolicited donated kits at full attention and rumour.</summary>
    [Param("donated_kits_per_h", "Unsolicited kits the public brings per hour to visible sites at full attention", Unit = "kits/h", Min = 0, Max = 10_000_000, Source = "sources.md §1.7: bottled water piled up at a hospital")]
    public double DonatedKitsPerH { get; set; } = 300;

    /// <summary>Half-life of public attention.</summary>
    [Param("attention_half_life_h", "Half-life of public and media attention after the explosions", Unit = "h", Min = 0.5, Max = 1000)]
    public double AttentionHalfLifeH { get; set; } = 24;

    /// <summary>Peak convergence rate.</summary>
    [Param("convergence_per_h", "Share of a converging actor's pool that arrives per hour at full attention", Unit = "1/h", Min = 0, Max = 10, Source = "sources.md §2.5 stylized fact 6: inflow peaks early")]
    public double ConvergencePerH { get; set; } = 0.08;

    /// <summary>Idle volunteer units above which new ones are turned back.</summary>
    [Param("turn_back_above_idle", "Volunteers arriving by convergence are turned back at the staging area while this many units of their actor are already idle there, so they neither wait nor take the roads (a hub or the police telling volunteers not to come without a task); 0: nobody is turned back", Unit = "units", Min = 0, Max = 10_000_000, Source = "sources.md §1.8: Lushan 2013, volunteers told not to come without approval; one coordinator turned back 1,000+ volunteers a day")]
    public int TurnBackAboveIdle { get; set; }

    /// <summary>How rumour amplifies convergence and donations.</summary>
    [Param("rumour_gain", "How much rumour prevalence amplifies convergence and donations (rate × (1 + gain × rumour))", Unit = "×", Min = 0, Max = 100)]
    public double RumourGain { get; set; } = 1;
}

/// <summary>Road congestion with the Bureau of Public Roads function t = t0 · (1 + α (v/c)^β).</summary>
public sealed class TrafficSettings
{
    /// <summary>Whether donated goods travel on the roads.</summary>
    [Param("donations_by_road", "Whether the public's unsolicited donations are driven to their sites from the staging area in private cars (traffic.kits_per_car each): they load the roads on the way, delaying units, and reach the site after the trip; false: they appear at the sites at once", Source = "sources.md §1.7: goods came in but did not go out, at times blocking the emergency access road")]
    public bool DonationsByRoad { get; set; }

    /// <summary>Kits one private car brings.</summary>
    [Param("kits_per_car", "Donated kits one private car carries (traffic.donations_by_road)", Unit = "kits/vehicle", Min = 1, Max = 100_000, Source = "assumption (a boot of bottled water and food)")]
    public double KitsPerCar { get; set; } = 50;

    /// <summary>Whether the injured travel to hospital on the roads.</summary>
    [Param("casualties_by_road", "Whether a medical unit drives the injured it takes (traffic.patients_per_ambulance per trip, their beds reserved) to the hospital on the roads: its vehicles load the roads on the way, the patients are admitted when it arrives and can die on the way, and the unit is then free at the hospital; false: an admitted person is in the hospital at once and the unit stays in its zone", Source = "sources.md §1.5: ~100 ambulances; §1.1: private cars carried the injured")]
    public bool CasualtiesByRoad { get; set; }

    /// <summary>Injured one medical unit carries per trip.</summary>
    [Param("patients_per_ambulance", "Injured one medical unit takes per trip to hospital (traffic.casualties_by_road)", Unit = "persons/trip", Min = 1, Max = 50, Source = "assumption (an ambulance carries one or two stretcher patients)")]
    public int PatientsPerAmbulance { get; set; } = 2;

    /// <summary>BPR α.</summary>
    [Param("bpr_alpha", "BPR congestion coefficient α", Unit = "–", Min = 0, Max = 100, Source = "Bureau of Public Roads (1964): 0.15")]
    public double BprAlpha { get; set; } = 0.15;

    /// <summary>BPR β.</summary>
    [Param("bpr_beta", "BPR congestion exponent β", Unit = "–", Min = 0, Max = 20, Source = "Bureau of Public Roads (1964): 4")]
    public double BprBeta { get; set; } = 4;

    /// <summary>Vehicles counted per trip of a government or registered unit.</summary>
    [Param("vehicles_per_unit", "Vehicles counted per unit trip", Unit = "vehicles", Min = 0, Max = 100)]
    public double VehiclesPerUnit { get; set; } = 1;

    /// <summary>Vehicles per private-vehicle unit.</summary>
    [Param("private_vehicles_per_unit", "Vehicles counted per unit that travels in private cars", Unit = "vehicles", Min = 0, Max = 100, Source = "sources.md §1.1: private cars carried injured; §1.8: Lushan, 30 km jam")]
    public double PrivateVehiclesPerUnit { get; set; } = 3;
}
