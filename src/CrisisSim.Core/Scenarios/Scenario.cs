using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// A crisis scenario: the world (zones, roads, hazards, population), the actors and the rules of
/// communication and governance. Every value is addressable by its dotted path (e.g.
/// <c>governance.legal.authorisation_delay_h</c>) from <c>--set</c> and sweep factors.
/// </summary>
public sealed class Scenario
{
    /// <summary>Human-readable name.</summary>
    [Param("name", "Name of the scenario, shown in summaries and provenance", Required = true)]
    public string Name { get; set; } = "";

    /// <summary>Free text describing the scenario.</summary>
    [Param("description", "Free text describing the scenario")]
    public string Description { get; set; } = "";

    /// <summary>Clock settings.</summary>
    [Param("time", "Clock settings")]
    public TimeSettings Time { get; set; } = new();

    /// <summary>Residents and their survival.</summary>
    [Param("population", "Residents: scale, survival curves and injury mix")]
    public PopulationSettings Population { get; set; } = new();

    /// <summary>Zones of the crisis area, keyed by id.</summary>
    [Param("zones", "Zones of the crisis area, keyed by id", Required = true, Min = 2, Max = 200)]
    public List<ZoneSettings> Zones { get; set; } = [];

    /// <summary>Roads between zones.</summary>
    [Param("roads", "Roads between zones (undirected)", Required = true, Min = 1, Max = 2000)]
    public List<RoadSettings> Roads { get; set; } = [];

    /// <summary>Explosions, fire, toxic release and the risk they pose to responders.</summary>
    [Param("hazard", "Explosions, fire, toxic release and responder risk")]
    public HazardSettings Hazard { get; set; } = new();

    /// <summary>Government departments and social organisations, keyed by id.</summary>
    [Param("actors", "Government departments and social organisations, keyed by id", Required = true, Min = 1, Max = 100)]
    public List<ActorSettings> Actors { get; set; } = [];

    /// <summary>Parameters of each communication rule.</summary>
    [Param("communication", "Parameters of each communication rule")]
    public CommunicationSettings Communication { get; set; } = new();

    /// <summary>The thesis's levers: mode, rule, trust, clarity, legal environment.</summary>
    [Param("governance", "The thesis's levers: mode, communication rule, trust, responsibility clarity, legal environment")]
    public GovernanceSettings Governance { get; set; } = new();

    /// <summary>What headquarters does besides relaying: planning, the on-site command post, requisition.</summary>
    [Param("command", "Headquarters' own work in every governance mode: planning and tasking orders, the on-site command post, requisition")]
    public CommandSettings Command { get; set; } = new();

    /// <summary>The public: rumour, self-evacuation, donations, volunteer convergence.</summary>
    [Param("public", "The public: rumour, self-evacuation, donations, volunteer convergence")]
    public PublicSettings Public { get; set; } = new();

    /// <summary>Road congestion.</summary>
    [Param("traffic", "Road congestion (BPR travel-time function)")]
    public TrafficSettings Traffic { get; set; } = new();

    /// <summary>Whether a hazard can close roads during a run (a shock with a road at landslide risk, or a zone that floods).</summary>
    public bool ClosesRoads =>
        (Hazard.Earthquake.Shocks.Count > 0 && Roads.Exists(r => r.LandslideRisk > 0)) || Zones.Exists(z => z.Flood.Floods);
}

/// <summary>Clock settings.</summary>
public sealed class TimeSettings
{
    /// <summary>Length of one tick.</summary>
    [Param("tick_minutes", "Simulated minutes per tick", Unit = "min", Min = 5, Max = 10, Source = "sources.md §2.6: 5–10 min")]
    public double TickMinutes { get; set; } = 10;

    /// <summary>Simulated duration; time 0 is the first call to the fire service (22:50, 12 Aug 2015).</summary>
    [Param("horizon_h", "Simulated duration; time 0 is the first call to the fire service", Unit = "h", Min = 1, Max = 336, Source = "sources.md §2.6: 72 h default, up to 14 days")]
    public double HorizonH { get; set; } = 72;
}

/// <summary>Residents: scale, survival and injury mix.</summary>
public sealed class PopulationSettings
{
    /// <summary>Multiplies residents in every zone and units of every actor.</summary>
    [Param("scale", "Multiplies every zone's residents and, in scale_mode city, every zone's shelter, bed, blood and storage capacity, every actor's units, stock, procured kits and convergence pool, donations and road capacity, and at scales above 1 the command and reading capacities", Unit = "×", Min = 0.001, Max = 1000)]
    public double Scale { get; set; } = 1;

    /// <summary>Whether the scale grows the whole city or only the demand.</summary>
    [Param("scale_mode", "city: population.scale grows residents and every capacity together (a bigger city); demand: it grows only the residents, so demand rises against the scale-1 response capacity, shelters, beds, roads and donations (a bigger crisis in the same city)")]
    public ScaleMode ScaleMode { get; set; } = ScaleMode.City;

    /// <summary>The factor applied to capacities: <see cref="Scale"/> for a bigger city, 1 when only demand grows.</summary>
    public double CapacityScale => ScaleMode == ScaleMode.City ? Scale : 1;

    /// <summary>Survival of trapped people after 24 h.</summary>
    [Param("trapped_survival_day1", "Share of trapped people still alive after 24 h trapped", Unit = "share", Min = 0, Max = 1, Source = "sources.md §1.9: ~81% day 1 (SAR figures, M)")]
    public double TrappedSurvivalDay1 { get; set; } = 0.81;

    /// <summary>Survival of trapped people after 48 h.</summary>
    [Param("trapped_survival_day2", "Share of trapped people still alive after 48 h trapped", Unit = "share", Min = 0, Max = 1, Source = "sources.md §1.9: ~34% day 2 (SAR figures, M)")]
    public double TrappedSurvivalDay2 { get; set; } = 0.34;

    /// <summary>Survival of trapped people after 120 h.</summary>
    [Param("trapped_survival_day5", "Share of trapped people still alive after 120 h trapped", Unit = "share", Min = 0, Max = 1, Source = "sources.md §1.9: ~7% day 5 (SAR figures, M)")]
    public double TrappedSurvivalDay5 { get; set; } = 0.07;

    /// <summary>Median survival of a seriously injured person without treatment.</summary>
    [Param("serious_untreated_median_survival_h", "Median survival time of a seriously injured person who is not treated", Unit = "h", Min = 1, Max = 1000)]
    public double SeriousUntreatedMedianSurvivalH { get; set; } = 36;

    /// <summary>Share of freed trapped people who need hospital care.</summary>
    [Param("freed_injured_share", "Share of people freed from rubble who are injured and need hospital care", Unit = "share", Min = 0, Max = 1)]
    public double FreedInjuredShare { get; set; } = 0.7;

    /// <summary>Share of freed injured whose injuries are serious.</summary>
    [Param("freed_serious_share", "Share of injured freed people whose injuries are serious", Unit = "share", Min = 0, Max = 1, Source = "assumption (higher than the 58 of 798 = 7% serious among all hospitalised, since crush injuries are worse)")]
    public double FreedSeriousShare { get; set; } = 0.3;

    /// <summary>Rescue pace of a team that does not know where the trapped are.</summary>
    [Param("unlocated_rescue_factor", "Share of its rescue work rate a unit reaches in a zone where its node does not know where the trapped people are and its team must search for them; a node knows once it acts on a report of trapped people that says where they are: a call from the public (the trapped and their neighbours know), or a report from a node that knew (so the location travels with the report through every channel, and across the sectors as the report does: a relayed call freely, a node's own report only as far as trust lets it). 1: every team knows where to dig, as calibrated", Unit = "share", Min = 0.01, Max = 1, Source = "assumption (1, as calibrated); INSARAG Guidelines (2020): search (locating victims) precedes rescue at every worksite")]
    public double UnlocatedRescueFactor { get; set; } = 1;

    /// <summary>Most rescue units that can work at once per person trapped in a zone.</summary>
    [Param("rescue_units_per_trapped", "Most rescue units that can work at once per person trapped in a zone (a worksite has room for so many teams): the units on site beyond that number wait (the roster's order decides which: actor by actor, then by arrival), so units sent twice to the same rubble are wasted; 0: no limit, every unit on site adds its full work rate, as calibrated", Unit = "units/person", Min = 0, Max = 100, Source = "assumption (0: no limit, as calibrated); INSARAG Guidelines (2020): a worksite is assigned to one team at a time")]
    public double RescueUnitsPerTrapped { get; set; }

    /// <summary>How long a lightly injured patient occupies a bed.</summary>
    [Param("minor_stay_h", "Hours a lightly injured patient occupies a hospital bed before discharge (the bed is then free for the next casualty)", Unit = "h", Min = 0, Max = 10_000, Source = "assumption (observation and wound care over about two days)")]
    public double MinorStayH { get; set; } = 48;

    /// <summary>How long a seriously injured patient occupies a bed.</summary>
    [Param("serious_stay_h", "Hours a seriously injured patient occupies a hospital bed before discharge", Unit = "h", Min = 0, Max = 10_000, Source = "assumption (two weeks: beyond the default horizon, so serious patients keep their beds)")]
    public double SeriousStayH { get; set; } = 336;

    /// <summary>Water and food kits one displaced or sheltered person needs per day.</summary>
    [Param("kits_per_person_day", "Water and food kits one sheltered person needs per day (displaced people outside shelters fend for themselves)", Unit = "kits/person/day", Min = 0, Max = 20)]
    public double KitsPerPersonDay { get; set; } = 1;
}

/// <summary>A zone of the crisis area.</summary>
public sealed class ZoneSettings : IKeyed
{
    /// <inheritdoc/>
    public string Id { get; set; } = "";

    /// <summary>What the zone is.</summary>
    [Param("kind", "Kind of zone", Required = true)]
    public ZoneKind Kind { get; set; }

    /// <summary>People present at time 0.</summary>
    [Param("residents", "Residents and workers present at time 0", Unit = "persons", Min = 0, Max = 100_000_000)]
    public int Residents { get; set; }

    /// <summary>Whether the zone is cordoned (organisations need authorisation).</summary>
    [Param("cordoned", "Whether the zone is cordoned: organisations that need authorisation may not work here until authorised")]
    public bool Cordoned { get; set; }

    /// <summary>How visible the zone is to the public and media (draws volunteers and donations).</summary>
    [Param("visibility", "How visible the zone is to the public and media; spontaneous volunteers and donations go to visible zones", Unit = "0–1", Min = 0, Max = 1)]
    public double Visibility { get; set; }

    /// <summary>Shelter places (shelter zones).</summary>
    [Param("shelter_capacity", "Shelter places (shelter zones)", Unit = "persons", Min = 0, Max = 100_000_000, Source = "sources.md §1.4: 10 school shelters for 6,000, later 15 for 15,000")]
    public int ShelterCapacity { get; set; }

    /// <summary>When the shelter opens.</summary>
    [Param("opens_h", "Time at which the shelter opens", Unit = "h", Min = 0, Max = 336, Source = "sources.md §1.1, §1.4: first relief reached a school shelter ~4 h after the blast; schools taken over within 5–6 h")]
    public double OpensH { get; set; }

    /// <summary>Hospital beds (hospital zones).</summary>
    [Param("beds", "Hospital beds available for casualties (hospital zones)", Unit = "persons", Min = 0, Max = 100_000_000, Source = "sources.md §1.4: 10 hospitals, 1,000+ staff; §1.2: 798 hospitalised")]
    public int Beds { get; set; }

    /// <summary>Blood units in stock at time 0 (hospital zones).</summary>
    [Param("blood_stock", "Blood units in stock at time 0 (hospital zones)", Unit = "units", Min = 0, Max = 100_000_000)]
    public int BloodStock { get; set; }

    /// <summary>Kits a site can store; more is wasted.</summary>
    [Param("storage_kits", "Water and food kits the site can store; deliveries beyond it are wasted", Unit = "kits", Min = 0, Max = 100_000_000)]
    public int StorageKits { get; set; }

    /// <summary>Effects of a full-strength explosion on this zone.</summary>
    [Param("blast", "Effects of a full-strength explosion on the people in this zone")]
    public BlastEffects Blast { get; set; } = new();

    /// <summary>How an earthquake shakes the zone.</summary>
    [Param("quake", "How hazard.earthquake's shocks shake the zone and how vulnerable its buildings are")]
    public ZoneQuakeSettings Quake { get; set; } = new();

    /// <summary>How the water rises in the zone.</summary>
    [Param("flood", "How hazard.flood's water rises and falls in the zone, and who is exposed to it")]
    public ZoneFloodSettings Flood { get; set; } = new();

    /// <summary>Where crisissim view draws the zone, or null: it lays the zone out from the roads' travel times.</summary>
    [Param("map", "Where crisissim view draws the zone (x_km, y_km); without it the viewer lays the zones out from the roads' travel times")]
    public MapPosition? Map { get; set; }
}

/// <summary>Shares of the people in a zone hit in each way by a full-strength explosion.</summary>
public sealed class BlastEffects
{
    /// <summary>Share of unaffected residents killed.</summary>
    [Param("killed", "Share of unaffected residents killed outright", Unit = "share", Min = 0, Max = 1, Source = "calibrated to sources.md §1.2: 58 civilian deaths")]
    public double Killed { get; set; }

    /// <summary>Share trapped under rubble.</summary>
    [Param("trapped", "Share of unaffected residents trapped", Unit = "share", Min = 0, Max = 1)]
    public double Trapped { get; set; }

    /// <summary>Share seriously injured.</summary>
    [Param("serious", "Share of unaffected residents seriously injured", Unit = "share", Min = 0, Max = 1, Source = "calibrated to sources.md §1.2: 58 serious")]
    public double Serious { get; set; }

    /// <summary>Share lightly injured.</summary>
    [Param("minor", "Share of unaffected residents lightly injured (still needing hospital care)", Unit = "share", Min = 0, Max = 1, Source = "calibrated to sources.md §1.2: 740 minor")]
    public double Minor { get; set; }

    /// <summary>Share made homeless.</summary>
    [Param("displaced", "Share of unaffected residents whose homes are unusable (need shelter)", Unit = "share", Min = 0, Max = 1, Source = "sources.md §1.3: ~17,000 households with damaged homes")]
    public double Displaced { get; set; }

    /// <summary>Share of responders in the zone killed.</summary>
    [Param("responders_killed", "Share of responders present in the zone who are killed", Unit = "share", Min = 0, Max = 1, Source = "calibrated to sources.md §1.2: 104 firefighters and 11 police died")]
    public double RespondersKilled { get; set; }
}

/// <summary>An undirected road between two zones.</summary>
public sealed class RoadSettings
{
    /// <summary>One end.</summary>
    [Param("from", "Zone id at one end", Required = true)]
    public string From { get; set; } = "";

    /// <summary>Other end.</summary>
    [Param("to", "Zone id at the other end", Required = true)]
    public string To { get; set; } = "";

    /// <summary>Free-flow travel time.</summary>
    [Param("travel_time_h", "Travel time without congestion", Unit = "h", Min = 0.01, Max = 48, Required = true)]
    public double TravelTimeH { get; set; }

    /// <summary>Vehicles per hour before congestion sets in.</summary>
    [Param("capacity_vehicles_h", "Vehicles per hour the road carries at its practical capacity at population.scale 1 (multiplied by the scale)", Unit = "vehicles/h", Min = 1, Max = 100_000, Required = true)]
    public double CapacityVehiclesH { get; set; }

    /// <summary>Chance that a full-strength shock cuts the road.</summary>
    [Param("landslide_risk", "Probability that an earthquake shock of strength 1 at full shaking at the road's ends cuts it by landslide or rockfall (scaled by the strength and the larger shaking of its ends); cut, it is closed to everyone for hazard.earthquake.road_clearance_h", Unit = "share", Min = 0, Max = 1, Source = "assumption (docs/cases/lushan-2013.md §6: G318 and S210 cut by landslides on day 1)")]
    public double LandslideRisk { get; set; }
}
