namespace CrisisSim.Core.Metrics;

/// <summary>
/// The state of the world at the end of one tick: the series of ticks.csv. A struct written into a
/// preallocated buffer, so recording allocates nothing; <see cref="Columns"/> fixes the column order.
/// </summary>
public struct TickRecord
{
    /// <summary>The tick (0-based); time_h is the end of it.</summary>
    public int Tick;

    /// <summary>Simulated hours at the end of the tick.</summary>
    public double TimeH;

    /// <summary>Residents unaffected.</summary>
    public int Unaffected;

    /// <summary>Residents displaced (not in shelter).</summary>
    public int Displaced;

    /// <summary>Residents injured and waiting.</summary>
    public int Injured;

    /// <summary>Residents trapped.</summary>
    public int Trapped;

    /// <summary>Residents in shelters.</summary>
    public int Sheltered;

    /// <summary>Residents in hospital.</summary>
    public int Treated;

    /// <summary>Residents dead.</summary>
    public int Dead;

    /// <summary>Responders dead (cumulative).</summary>
    public int RespondersDead;

    /// <summary>Kits missing at shelters for a day's needs.</summary>
    public double SuppliesDeficit;

    /// <summary>Kits in stock at shelters and hospitals.</summary>
    public double SiteKits;

    /// <summary>Sum of fire intensity over zones.</summary>
    public double FireIntensity;

    /// <summary>Rumour prevalence.</summary>
    public double Rumour;

    /// <summary>Public attention.</summary>
    public double Attention;

    /// <summary>Messages in flight or waiting in inboxes.</summary>
    public int MessagesPending;

    /// <summary>Messages sent (cumulative).</summary>
    public long MessagesSent;

    /// <summary>Units working.</summary>
    public int UnitsWorking;

    /// <summary>Units travelling.</summary>
    public int UnitsTravelling;

    /// <summary>Units present and idle.</summary>
    public int UnitsIdle;

    /// <summary>Organisation members present.</summary>
    public int VolunteersPresent;

    /// <summary>Organisation members present and idle.</summary>
    public int VolunteersIdle;

    /// <summary>Whether headquarters knows the chemicals' identity (0/1).</summary>
    public int HazardKnownHq;

    /// <summary>Deaths headquarters knows of: per zone, the dead there when its latest report from that zone was observed.</summary>
    public int DeathsKnownHq;

    /// <summary>
    /// The one declaration of every column, in column order: name, unit, which way is better, meaning and prominence
    /// (<see cref="MetricInfo"/>), with the accessor that reads it. Adding a column is one line here (and, for a new
    /// quantity, the property above and the phase that counts it); comparisons, thresholds, figures, the report and the
    /// README's table follow from it.
    /// </summary>
    public static IReadOnlyList<(MetricInfo Info, Func<TickRecord, double> Value)> Declared { get; } =
    [
        MetricInfo.Counted<TickRecord>(new("unaffected", MetricUnits.Persons, Better.Neither, "residents not (yet) affected"), r => r.Unaffected),
        MetricInfo.Counted<TickRecord>(new("displaced", MetricUnits.Persons, Better.Neither, "residents who left their homes and have no shelter yet"), r => r.Displaced),
        MetricInfo.Counted<TickRecord>(new("injured", MetricUnits.Persons, Better.Neither, "residents injured and not yet admitted"), r => r.Injured),
        MetricInfo.Counted<TickRecord>(new("trapped", MetricUnits.Persons, Better.Neither, "residents trapped"), r => r.Trapped),
        MetricInfo.Counted<TickRecord>(new("sheltered", MetricUnits.Persons, Better.Neither, "residents in shelters"), r => r.Sheltered),
        MetricInfo.Counted<TickRecord>(new("treated", MetricUnits.Persons, Better.Neither, "residents admitted to hospital"), r => r.Treated),
        MetricInfo.Counted<TickRecord>(new("dead", MetricUnits.Persons, Better.Neither, "residents dead"), r => r.Dead),
        MetricInfo.Counted<TickRecord>(new("responders_dead", MetricUnits.Persons, Better.Neither, "responders dead"), r => r.RespondersDead),
        (new("supplies_deficit", "kits", Better.Neither, "kits missing at shelters for a day"), r => r.SuppliesDeficit),
        (new("site_kits", "kits", Better.Neither, "kits on site"), r => r.SiteKits),
        (new("fire_intensity", "sum of zone intensities", Better.Neither, "fire intensity summed over zones"), r => r.FireIntensity),
        (new("rumour", MetricUnits.Share, Better.Neither, "share of the public believing a rumour"), r => r.Rumour),
        (new("attention", MetricUnits.Share, Better.Neither, "share of the public paying attention to official information"), r => r.Attention),
        MetricInfo.Counted<TickRecord>(new("messages_pending", "messages", Better.Neither, "messages waiting in inboxes or in transit"), r => r.MessagesPending),
        MetricInfo.Counted<TickRecord>(new("messages_sent", "messages", Better.Neither, "messages sent so far"), r => r.MessagesSent),
        MetricInfo.Counted<TickRecord>(new("units_working", "units", Better.Neither, "field units working"), r => r.UnitsWorking),
        MetricInfo.Counted<TickRecord>(new("units_travelling", "units", Better.Neither, "field units travelling"), r => r.UnitsTravelling),
        MetricInfo.Counted<TickRecord>(new("units_idle", "units", Better.Neither, "field units idle"), r => r.UnitsIdle),
        MetricInfo.Counted<TickRecord>(new("volunteers_present", MetricUnits.Persons, Better.Neither, "organisation members on site"), r => r.VolunteersPresent),
        MetricInfo.Counted<TickRecord>(new("volunteers_idle", MetricUnits.Persons, Better.Neither, "organisation members on site with nothing to do"), r => r.VolunteersIdle),
        MetricInfo.Counted<TickRecord>(new("hazard_known_hq", "0/1", Better.Neither, "1 if headquarters knows the chemicals' identity, else 0"), r => r.HazardKnownHq),
        MetricInfo.Counted<TickRecord>(new("deaths_known_hq", MetricUnits.Persons, Better.Neither, "deaths headquarters knows of (residents and responders): per zone, those dead there when the newest report from that zone headquarters has read was observed; the official toll lags the true one"), r => r.DeathsKnownHq),
    ];

    /// <summary>The columns in order, each with its accessor.</summary>
    public static IReadOnlyList<(string Name, Func<TickRecord, double> Value)> Columns { get; } = [.. Declared.Select(d => (d.Info.Name, d.Value))];
}
