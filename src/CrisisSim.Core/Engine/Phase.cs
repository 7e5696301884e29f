using System.Runtime.CompilerServices;
using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Hazards;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;

namespace CrisisSim.Core.Engine;

/// <summary>
/// Base of the phase objects: short names for the shared run state, so that a phase's rules read as the model
/// describes them (<c>Zones.Fire[z]</c>, <c>Tick</c>, <c>Dt</c>) while its own working state stays private to it.
/// The references are copied into fields once, so the hot loops pay one load per array as they did before.
/// </summary>
internal abstract class Phase(RunState run)
{
    protected readonly RunState Run = run;
    protected readonly Scenario Parameters = run.Parameters;
    protected readonly double Dt = run.Dt;
    protected readonly int ZoneCount = run.ZoneCount;
    protected readonly ZoneState Zones = run.Zones;
    protected readonly RoadNetwork Roads = run.Roads;
    protected readonly Residents People = run.People;
    protected readonly Nodes Nodes = run.Nodes;
    protected readonly UnitRoster Roster = run.Roster;
    protected readonly Units Units = run.Roster.Units;
    protected readonly int UnitCount = run.Roster.Count;
    protected readonly RunMetrics Metrics = run.Metrics;
    private readonly ITraceSink? _trace = run.Trace;

    // The phases this one calls, set by Connect once every phase exists (a field each, so a call costs one load).
    protected HazardPhase HazardPhase = null!;
    protected PublicPhase PublicPhase = null!;
    protected ArrivalPhase ArrivalPhase = null!;
    protected WorkPhase WorkPhase = null!;
    protected HarmPhase HarmPhase = null!;
    protected ObservationPhase ObservationPhase = null!;
    protected ICommunicationPhase Comms = null!;
    protected PlanningPhase PlanningPhase = null!;
    protected DispatchPhase DispatchPhase = null!;
    protected RecordPhase RecordPhase = null!;

    /// <summary>The tick being simulated: a copy of the run's clock, set by <see cref="Simulation"/> when it advances (one load in the hot loops).</summary>
    protected int Tick;

    /// <summary>The run's clock moved on.</summary>
    public void SetTick(int tick) => Tick = tick;

    /// <summary>Takes the references to the other phases from the run state, once all of them are built.</summary>
    public void Connect()
    {
        HazardPhase = Run.Hazards;
        PublicPhase = Run.Public;
        ArrivalPhase = Run.Arrivals;
        WorkPhase = Run.Work;
        HarmPhase = Run.Harm;
        ObservationPhase = Run.Observation;
        Comms = Run.Communication;
        PlanningPhase = Run.Planning;
        DispatchPhase = Run.Dispatch;
        RecordPhase = Run.Record;
    }

    protected bool SkipIdleWork => Run.SkipIdleWork;

    protected int TicksFor(double hours) => Run.TicksFor(hours);

    protected int DurationTicks(double hours) => Run.DurationTicks(hours);

    /// <summary>
    /// The whole number of actions a rate allows now: <paramref name="carried"/> (the fraction left from before) plus
    /// <paramref name="added"/>; the new fraction is carried, so a rate per hour gives the same count an hour at any tick
    /// length. The tolerance keeps a rate that is a whole number per tick from losing one to rounding when the carried
    /// fractions sum an ulp short of a whole number.
    /// </summary>
    protected static int Whole(ref double carried, double added)
    {
        double allowance = carried + added + 1e-9;
        int whole = (int)allowance;
        carried = allowance - whole - 1e-9;
        return whole;
    }

    protected bool Knows(int node) => Run.Knows(node);

    /// <summary>Records a trace event, if anyone listens (checked here, so an untraced run pays one test).</summary>
    /// <summary>
    /// A unit of <paramref name="owner"/> radios what it sees of <paramref name="need"/> in <paramref name="zone"/>: its
    /// node believes it at once and, when that is news, shares it by the communication rule in force.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void RadioToOwnNode(int owner, int zone, int need, float seen)
    {
        if (Nodes.Believe(owner, zone, need, seen, Tick))
        {
            Comms.ShareOwn(owner, MessageKind.NeedReport, zone, need, seen);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Emit(TraceKind kind, int node, int other, int unit, int zone, int need, int channel, double value, int observedTick)
    {
        if (_trace is not null)
        {
            _trace.Record(new TraceEvent(Tick, kind, node, other, unit, zone, need, channel, value, observedTick));
        }
    }
}
