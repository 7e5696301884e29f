using CrisisSim.Core.Actors;
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
    protected readonly RunMetrics Metrics = run.Metrics;

    protected int Tick => Run.Tick;

    protected bool SkipIdleWork => Run.SkipIdleWork;

    protected int TicksFor(double hours) => Run.TicksFor(hours);

    protected int DurationTicks(double hours) => Run.DurationTicks(hours);

    protected bool Knows(int node) => Run.Knows(node);

    protected void Emit(TraceKind kind, int node, int other, int unit, int zone, int need, int channel, double value, int observedTick) =>
        Run.Emit(kind, node, other, unit, zone, need, channel, value, observedTick);
}
