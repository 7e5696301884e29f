using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>What a field unit is doing.</summary>
public enum UnitState : byte
{
    /// <summary>Not yet arrived (scheduled later, or still in a convergence pool).</summary>
    Absent = 0,

    /// <summary>Present and waiting for a task.</summary>
    Idle = 1,

    /// <summary>On the road to its target zone.</summary>
    Travelling = 2,

    /// <summary>Working on its task in its zone.</summary>
    Working = 3,

    /// <summary>All its members died.</summary>
    Lost = 4,

    /// <summary>
    /// A medical unit on the road to a hospital with the injured it took (traffic.casualties_by_road); it holds no claim
    /// and is idle at the hospital when it arrives.
    /// </summary>
    Carrying = 5,
}

/// <summary>
/// Field units (fire crews, ambulances, rescue teams, volunteer groups…) as a struct of arrays, all
/// allocated up front (scheduled units plus convergence pools) so arrivals never allocate.
/// </summary>
public sealed class Units
{
    /// <summary>Allocates <paramref name="capacity"/> units.</summary>
    public Units(int capacity)
    {
        Capacity = capacity;
        Owner = new int[capacity];
        State = new UnitState[capacity];
        Zone = new int[capacity];
        Target = new int[capacity];
        Task = new TaskKind[capacity];
        ArriveTick = new int[capacity];
        AvailableTick = new int[capacity];
        Members = new int[capacity];
        Carry = new double[capacity];
        Vehicles = new double[capacity];
        Boat = new bool[capacity];
        WorkRate = new double[capacity];
        LastReportTick = new int[capacity];
        LastReported = new float[capacity * Nodes.NeedCount];
        DutyEndTick = new int[capacity];
        Array.Fill(DutyEndTick, int.MaxValue);
        NoShow = new bool[capacity];
        Commitments = new int[capacity];
        StandbyEndTick = new int[capacity];
        Array.Fill(StandbyEndTick, int.MaxValue);
        Array.Fill(LastReportTick, int.MinValue / 2);
        Array.Fill(LastReported, float.NaN); // NaN: nothing reported yet, so the first observation is always worth a report
    }

    /// <summary>Units allocated for the whole run (scheduled plus every convergence pool); arrivals never allocate.</summary>
    public int Capacity { get; }

    /// <summary>The node (index into <see cref="Nodes"/>) that dispatches the unit.</summary>
    public int[] Owner { get; }

    /// <summary>Absent, idle, travelling, working or lost.</summary>
    public UnitState[] State { get; }

    /// <summary>Zone the unit is in (its origin while travelling).</summary>
    public int[] Zone { get; }

    /// <summary>Zone it is heading to or working in.</summary>
    public int[] Target { get; }

    /// <summary>Task it is committed to.</summary>
    public TaskKind[] Task { get; }

    /// <summary>Tick it reaches its target.</summary>
    public int[] ArriveTick { get; }

    /// <summary>Tick it becomes available (int.MaxValue: in a convergence pool).</summary>
    public int[] AvailableTick { get; }

    /// <summary>Members alive; a unit whose last member dies is lost.</summary>
    public int[] Members { get; }

    /// <summary>Fractional work carried to the next tick.</summary>
    public double[] Carry { get; }

    /// <summary>Vehicles it puts on the road.</summary>
    public double[] Vehicles { get; }

    /// <summary>Whether it carries boats (actors.*.boats): it crosses flooded roads and rescues in deep water.</summary>
    public bool[] Boat { get; }

    /// <summary>Task units of work per hour (people freed, admitted, sheltered, kits delivered).</summary>
    public double[] WorkRate { get; }

    /// <summary>Tick of its last report.</summary>
    public int[] LastReportTick { get; }

    /// <summary>Value last reported for each need of its zone [unit, need].</summary>
    public float[] LastReported { get; }

    /// <summary>While a working unit's need is gone: the tick its standby ends and it stops (int.MaxValue: not on standby).</summary>
    public int[] StandbyEndTick { get; }

    /// <summary>Whether the unit, Travelling, has broken its commitment: it never set off and its claim ends at <see cref="ArriveTick"/>.</summary>
    public bool[] NoShow { get; }

    /// <summary>Commitments to a need elsewhere the unit has had (the counter of its draws of actors.*.commitment_kept).</summary>
    public int[] Commitments { get; }

    /// <summary>Tick from which the unit leaves as soon as it is idle (actors.*.duty_h after it arrived; int.MaxValue: it stays).</summary>
    public int[] DutyEndTick { get; }
}
