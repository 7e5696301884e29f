namespace CrisisSim.Core.Metrics;

/// <summary>
/// The state of one zone at the end of one tick: the rows of a traced run's zones.csv, which crisissim view plays back.
/// Residents who need something (unaffected, displaced, injured, trapped) count in their home zone, the others
/// (sheltered, treated, dead, on the way to hospital) in the zone they are in, so each state summed over the zones is
/// ticks.csv's. <see cref="Declared"/> fixes the columns after run_id, tick, time_h and zone.
/// </summary>
public struct ZoneRecord
{
    /// <summary>Fire intensity (0–1).</summary>
    public double Fire;

    /// <summary>1 if hazardous chemicals make work in the zone dangerous, else 0.</summary>
    public int Contaminated;

    /// <summary>Residents unaffected.</summary>
    public int Unaffected;

    /// <summary>Residents displaced, without shelter.</summary>
    public int Displaced;

    /// <summary>Residents injured and not yet admitted (waiting, or on the way to this hospital).</summary>
    public int Injured;

    /// <summary>Residents trapped.</summary>
    public int Trapped;

    /// <summary>Residents in this shelter.</summary>
    public int Sheltered;

    /// <summary>Residents in this hospital.</summary>
    public int Treated;

    /// <summary>Residents dead here.</summary>
    public int Dead;

    /// <summary>Responders who died here (cumulative).</summary>
    public int RespondersDead;

    /// <summary>Kits in stock here.</summary>
    public double Kits;

    /// <summary>People the rescue need concerns (the trapped).</summary>
    public double NeedRescue;

    /// <summary>People the medical need concerns (the injured waiting).</summary>
    public double NeedMedical;

    /// <summary>People the shelter need concerns (the displaced).</summary>
    public double NeedShelter;

    /// <summary>Sheltered people whose day's kits are missing.</summary>
    public double NeedSupplies;

    /// <summary>1 if headquarters has learned of the zone's current rescue need (the episode info_latency_mean_h times), else 0.</summary>
    public int HqKnowsRescue;

    /// <summary>1 if headquarters has learned of the zone's current medical need, else 0.</summary>
    public int HqKnowsMedical;

    /// <summary>1 if headquarters has learned of the zone's current shelter need, else 0.</summary>
    public int HqKnowsShelter;

    /// <summary>1 if headquarters has learned of the zone's current supplies need, else 0.</summary>
    public int HqKnowsSupplies;

    /// <summary>The meaning of an hq_knows_* column for <paramref name="need"/>.</summary>
    private static string Known(string need) =>
        $"1 if headquarters has learned of the zone's current {need} need (of the need episode info_latency_mean_h times, from the need appearing to a report of it reaching headquarters), else 0";

    /// <summary>The columns in order: name, unit and meaning (<see cref="MetricInfo"/>), with the accessor that reads each.</summary>
    public static IReadOnlyList<(MetricInfo Info, Func<ZoneRecord, double> Value)> Declared { get; } =
    [
        (new("fire", "0–1", Better.Neither, "fire intensity in the zone"), r => r.Fire),
        MetricInfo.Counted<ZoneRecord>(new("contaminated", "0/1", Better.Neither, "1 if hazardous chemicals make work in the zone dangerous (hazard.toxic), else 0"), r => r.Contaminated),
        MetricInfo.Counted<ZoneRecord>(new("unaffected", MetricUnits.Persons, Better.Neither, "residents of the zone not (yet) affected"), r => r.Unaffected),
        MetricInfo.Counted<ZoneRecord>(new("displaced", MetricUnits.Persons, Better.Neither, "residents of the zone who left their homes and have no shelter yet"), r => r.Displaced),
        MetricInfo.Counted<ZoneRecord>(new("injured", MetricUnits.Persons, Better.Neither, "residents of the zone injured and not yet admitted, and the injured on the way to this hospital"), r => r.Injured),
        MetricInfo.Counted<ZoneRecord>(new("trapped", MetricUnits.Persons, Better.Neither, "residents of the zone trapped"), r => r.Trapped),
        MetricInfo.Counted<ZoneRecord>(new("sheltered", MetricUnits.Persons, Better.Neither, "people in this shelter"), r => r.Sheltered),
        MetricInfo.Counted<ZoneRecord>(new("treated", MetricUnits.Persons, Better.Neither, "people admitted to this hospital"), r => r.Treated),
        MetricInfo.Counted<ZoneRecord>(new("dead", MetricUnits.Persons, Better.Neither, "residents who died here"), r => r.Dead),
        MetricInfo.Counted<ZoneRecord>(new("responders_dead", MetricUnits.Persons, Better.Neither, "responders who died here"), r => r.RespondersDead),
        (new("kits", "kits", Better.Neither, "water and food kits in stock here"), r => r.Kits),
        (new("need_rescue", MetricUnits.Persons, Better.Neither, "people the zone's rescue need concerns (its trapped)"), r => r.NeedRescue),
        (new("need_medical", MetricUnits.Persons, Better.Neither, "people the zone's medical need concerns (its injured waiting for care)"), r => r.NeedMedical),
        (new("need_shelter", MetricUnits.Persons, Better.Neither, "people the zone's shelter need concerns (its displaced)"), r => r.NeedShelter),
        (new("need_supplies", MetricUnits.Persons, Better.Neither, "sheltered people here whose day's water and food kits are missing"), r => r.NeedSupplies),
        MetricInfo.Counted<ZoneRecord>(new("hq_knows_rescue", "0/1", Better.Neither, Known("rescue")), r => r.HqKnowsRescue),
        MetricInfo.Counted<ZoneRecord>(new("hq_knows_medical", "0/1", Better.Neither, Known("medical")), r => r.HqKnowsMedical),
        MetricInfo.Counted<ZoneRecord>(new("hq_knows_shelter", "0/1", Better.Neither, Known("shelter")), r => r.HqKnowsShelter),
        MetricInfo.Counted<ZoneRecord>(new("hq_knows_supplies", "0/1", Better.Neither, Known("supplies")), r => r.HqKnowsSupplies),
    ];
}

/// <summary>
/// Units of one node in one state at one place at the end of a tick: the rows of a traced run's units.csv.
/// </summary>
/// <param name="Node">The node that dispatches them (an index into the run's nodes; <c>Nodes.IdsOf</c> names it).</param>
/// <param name="State">Idle, travelling, working or carrying the injured to hospital.</param>
/// <param name="Zone">The zone they are in (for travelling units: the zone they left).</param>
/// <param name="Target">Where travelling or carrying units are heading, or -1.</param>
/// <param name="Units">How many units.</param>
/// <param name="Members">Their members alive.</param>
public readonly record struct UnitGroup(int Node, Actors.UnitState State, int Zone, int Target, int Units, int Members);
