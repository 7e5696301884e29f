using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>A government department or social organisation: a deciding node with field units.</summary>
public sealed class ActorSettings : IKeyed
{
    /// <inheritdoc/>
    public string Id { get; set; } = "";

    /// <summary>Government or organisation.</summary>
    [Param("sector", "government (a department), organisation (a social organisation) or semi-official (a body under the government's unified deployment in every governance mode, whose members are volunteers: the Red Cross Society of China, the Youth League's volunteer hub)", Required = true)]
    public Sector Sector { get; set; }

    /// <summary>Kinds of work its units do.</summary>
    [Param("tasks", "Kinds of work its units do (fire, rescue, medical, shelter, supplies, monitoring, blood, information)", Required = true, Max = 8)]
    public List<TaskKind> Tasks { get; set; } = [];

    /// <summary>Field units that arrive by schedule.</summary>
    [Param("units", "Field units (teams, vehicles) that arrive on schedule", Unit = "units", Min = 0, Max = 1_000_000)]
    public int Units { get; set; }

    /// <summary>People per unit.</summary>
    [Param("members_per_unit", "People per unit", Unit = "persons", Min = 1, Max = 1000)]
    public int MembersPerUnit { get; set; } = 5;

    /// <summary>Work one unit does per hour on site.</summary>
    [Param("work_rate_per_h", "Work one unit does per hour on site: persons freed, carried or guided; kits delivered; blood units given", Unit = "task units/h", Min = 0, Max = 10_000)]
    public double WorkRatePerH { get; set; } = 1;

    /// <summary>First scheduled arrival.</summary>
    [Param("arrival_start_h", "Time the first unit is available", Unit = "h", Min = 0, Max = 336)]
    public double ArrivalStartH { get; set; }

    /// <summary>Last scheduled arrival.</summary>
    [Param("arrival_end_h", "Time the last scheduled unit is available (arrivals evenly spread in between)", Unit = "h", Min = 0, Max = 336)]
    public double ArrivalEndH { get; set; }

    /// <summary>Zone where units gather.</summary>
    [Param("base", "Zone where its units arrive and wait", Required = true)]
    public string Base { get; set; } = "";

    /// <summary>Whether units arrive by public attention rather than schedule.</summary>
    [Param("convergence", "Units arrive unbidden, at a rate driven by public attention and rumour (spontaneous volunteers, blood donors), up to convergence_pool")]
    public bool Convergence { get; set; }

    /// <summary>Most units that can converge.</summary>
    [Param("convergence_pool", "Most units that converge over the whole crisis", Unit = "units", Min = 0, Max = 10_000_000)]
    public int ConvergencePool { get; set; }

    /// <summary>Whether the actor needs authorisation for cordoned zones.</summary>
    [Param("needs_authorisation", "Whether, once integrated under co-governance, its units need authorisation (governance.legal.authorisation_delay_h after its arrival) before working in cordoned zones; an integrated organisation without it holds standing authorisation. An organisation outside the command (single government, or unregistered) is never authorised, whatever this says")]
    public bool NeedsAuthorisation { get; set; }

    /// <summary>Whether the actor can be integrated under co-governance.</summary>
    [Param("registered", "Whether it is registered with the authorities, so co-governance can integrate it (unregistered groups act alone in every mode)")]
    public bool Registered { get; set; } = true;

    /// <summary>Whether units carry boats.</summary>
    [Param("boats", "Whether the actor's units carry boats: they cross flooded roads (at hazard.flood.boat_travel_factor times the free time) and can rescue in zones at least hazard.flood.boat_depth_m deep")]
    public bool Boats { get; set; }

    /// <summary>Whether units travel in private vehicles that add to road load.</summary>
    [Param("private_vehicles", "Whether each unit travels in its own private vehicle, adding to road load")]
    public bool PrivateVehicles { get; set; }

    /// <summary>Hours a unit waits on site once its need is gone.</summary>
    [Param("standby_h", "Hours a working unit stays on standby where it is once the need it came for is gone (still committed, doing nothing) before it reports done and is free: need that comes back meanwhile (people freed from rubble, kits eaten) it takes up at once. A decision in hours, so that 5- and 10-minute ticks stop units alike; 0: it stops the tick its need is gone", Unit = "h", Min = 0, Max = 24, Source = "assumption (a crew checks the site and waits for the next casualty for about half an hour)")]
    public double StandbyH { get; set; } = 0.5;

    /// <summary>Hours a unit stays before it leaves.</summary>
    [Param("duty_h", "Hours a unit of the actor works after it arrives before it leaves for good (fatigue, a volunteer's day); it leaves the first time it is idle after that. 0: it stays to the end of the response (government units are relieved in rotation, which the model does not show). An organisation whose only task is supplies also leaves when its stock is gone and nothing is being procured (its funds have run out)", Unit = "h", Min = 0, Max = 10_000, Source = "assumption")]
    public double DutyH { get; set; }

    /// <summary>Share of the actor's reports that misstate the need.</summary>
    [Param("report_error", "Share of the need reports the actor passes on (by any channel) that misstate the need its units saw: the value is multiplied by a factor drawn log-uniformly between 1/4 and 4 (competence and reliability: a misheard radio call, a copied spreadsheet row). Its own node acts on what its units saw", Unit = "share", Min = 0, Max = 1, Source = "assumption; sources.md §3.2: outdated and unverifiable requests on the Zhengzhou 2021 spreadsheet")]
    public double ReportError { get; set; } = 0.05;

    /// <summary>Share of its units' commitments the actor keeps.</summary>
    [Param("commitment_kept", "Share of the commitments of its units to a need elsewhere that the actor keeps: a unit that breaks one is claimed (its node's claim is shared as usual, and others may leave the need to it) but never sets off, and the claim is withdrawn when the unit was due to arrive (the free travel time later); each broken commitment of an integrated organisation lowers the command's trust in it (governance.trust_loss), each kept one raises it by governance.commitment_gain", Unit = "share", Min = 0, Max = 1, Source = "assumption (1: every commitment kept, as calibrated); sources.md §3.2: offers and requests on the Zhengzhou 2021 spreadsheet went stale unverified")]
    public double CommitmentKept { get; set; } = 1;

    /// <summary>Kits held at time 0.</summary>
    [Param("stock_kits", "Water and food kits held at time 0", Unit = "kits", Min = 0, Max = 100_000_000, Source = "sources.md §1.6: Red Cross first relief ~4 h after the blast")]
    public int StockKits { get; set; }

    /// <summary>Kits bought after a procurement lag.</summary>
    [Param("procured_kits", "Kits bought with donations, available after procurement_lag_h", Unit = "kits", Min = 0, Max = 100_000_000)]
    public int ProcuredKits { get; set; }

    /// <summary>Delay before procured kits are available.</summary>
    [Param("procurement_lag_h", "Delay before procured kits are available", Unit = "h", Min = 0, Max = 336)]
    public double ProcurementLagH { get; set; } = 24;
}
