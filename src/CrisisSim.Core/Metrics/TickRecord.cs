namespace CrisisSim.Core.Metrics;

/// <summary>
/// The state of the world at the end of one tick: the series of ticks.csv. A struct written into a
/// preallocated buffer, so recording allocates nothing; <see cref="Columns"/> fixes the column order.
/// </summary>
public struct TickRecord
{
    /// <summary>Tick index.</summary>
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

    /// <summary>The columns of ticks.csv after run_id, tick, time_h.</summary>
    public static IReadOnlyList<(string Name, Func<TickRecord, double> Value)> Columns { get; } =
    [
        ("unaffected", r => r.Unaffected),
        ("displaced", r => r.Displaced),
        ("injured", r => r.Injured),
        ("trapped", r => r.Trapped),
        ("sheltered", r => r.Sheltered),
        ("treated", r => r.Treated),
        ("dead", r => r.Dead),
        ("responders_dead", r => r.RespondersDead),
        ("supplies_deficit", r => r.SuppliesDeficit),
        ("site_kits", r => r.SiteKits),
        ("fire_intensity", r => r.FireIntensity),
        ("rumour", r => r.Rumour),
        ("attention", r => r.Attention),
        ("messages_pending", r => r.MessagesPending),
        ("messages_sent", r => r.MessagesSent),
        ("units_working", r => r.UnitsWorking),
        ("units_travelling", r => r.UnitsTravelling),
        ("units_idle", r => r.UnitsIdle),
        ("volunteers_present", r => r.VolunteersPresent),
        ("volunteers_idle", r => r.VolunteersIdle),
        ("hazard_known_hq", r => r.HazardKnownHq),
    ];
}
