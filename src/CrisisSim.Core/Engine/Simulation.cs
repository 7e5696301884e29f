using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Hazards;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;

namespace CrisisSim.Core.Engine;

/// <summary>
/// One run of a scenario, advanced one tick at a time. The tick is the list of named phases in <see cref="Step"/>;
/// their order is the model's story (docs/model.md, "Process overview and scheduling"). Each phase is an object in
/// the folder of its concern that owns its working state; what they share is the run state (clock, world, agents,
/// metrics, and a private copy of the scenario's parameters taken here, so changing the scenario later changes nothing).
/// See docs/architecture.md.
/// </summary>
public sealed class Simulation
{
    private readonly HazardPhase _hazards;
    private readonly PublicPhase _public;
    private readonly ArrivalPhase _arrivals;
    private readonly WorkPhase _work;
    private readonly HarmPhase _harm;
    private readonly ObservationPhase _observation;
    private readonly ICommunicationPhase _communication;
    private readonly PlanningPhase _planning;
    private readonly DispatchPhase _dispatch;
    private readonly RecordPhase _record;
    private readonly Phase[] _phases;

    /// <summary>Creates a run of <paramref name="scenario"/> seeded with <paramref name="seed"/>.</summary>
    /// <param name="scenario">A validated scenario; the run keeps its own copy.</param>
    /// <param name="seed">The run seed; every random stream is derived from it by name.</param>
    /// <param name="trace">Optional receiver of every message and task event.</param>
    public Simulation(Scenario scenario, ulong seed, ITraceSink? trace = null)
        : this(ScenarioCopy.Of(scenario), seed, trace, recycle: null)
    {
    }

    /// <summary>
    /// Creates a run on <paramref name="parameters"/>, which the caller guarantees nobody changes (a sweep worker's
    /// cached scenario of a design point, private to its executor; the public constructor passes a copy), reusing the
    /// resident arrays of <paramref name="recycle"/>, a finished run of a scenario with the same residents per zone (a
    /// sweep worker's previous run). <paramref name="recycle"/> must not be used afterwards. The result is identical to
    /// a fresh run (EquivalenceTests).
    /// </summary>
    internal Simulation(Scenario parameters, ulong seed, ITraceSink? trace, Simulation? recycle)
    {
        State = new RunState(parameters, seed, trace, recycle);
        State.Hazards = _hazards = new HazardPhase(State);
        State.Public = _public = new PublicPhase(State);
        State.Arrivals = _arrivals = new ArrivalPhase(State);
        State.Work = _work = new WorkPhase(State);
        State.Harm = _harm = new HarmPhase(State);
        State.Observation = _observation = new ObservationPhase(State);
        State.Communication = _communication = CommunicationRules.Create(State, recycle);
        State.Planning = _planning = new PlanningPhase(State);
        State.Dispatch = _dispatch = new DispatchPhase(State);
        State.Record = _record = new RecordPhase(State);
        _phases = [_hazards, .. _hazards.Processes, _public, _arrivals, _work, _harm, _observation, (Phase)_communication, _planning, _dispatch, _record];
        foreach (var phase in _phases)
        {
            phase.Connect();
        }
    }

    /// <summary>The shared state of the run (for the phases, and for a sweep worker reusing this run's arrays).</summary>
    internal RunState State { get; }

    /// <summary>The run seed.</summary>
    public ulong Seed => State.Seed;

    /// <summary>Number of ticks to the horizon.</summary>
    public int TickCount => State.TickCount;

    /// <summary>Hours per tick.</summary>
    public double TickHours => State.Dt;

    /// <summary>The tick about to be simulated (0-based); equals <see cref="TickCount"/> when done.</summary>
    public int Tick => State.Tick;

    /// <summary>Zone ids in scenario order.</summary>
    public string[] ZoneIds => State.ZoneIds;

    /// <summary>Zones' physical state.</summary>
    public ZoneState Zones => State.Zones;

    /// <summary>Roads and their load.</summary>
    public RoadNetwork Roads => State.Roads;

    /// <summary>Residents, one agent per person.</summary>
    public Residents People => State.People;

    /// <summary>Deciding nodes and their beliefs.</summary>
    public Nodes Nodes => State.Nodes;

    /// <summary>Field units.</summary>
    public Units Units => State.Units;

    /// <summary>Survival of trapped people.</summary>
    public SurvivalCurve Survival => State.Survival;

    /// <summary>Outcome accumulators (final after <see cref="Finish"/>).</summary>
    public RunMetrics Metrics => State.Metrics;

    /// <summary>The state at the end of the last simulated tick.</summary>
    public TickRecord Current => _record.Current;

    /// <summary>Whether the horizon has been reached.</summary>
    public bool Done => State.Tick >= State.TickCount;

    /// <summary>Share of the public believing a rumour (0–1).</summary>
    public double Rumour => _public.Rumour;

    /// <summary>Whether the chemicals' identity is known to anyone (the truth, not a belief).</summary>
    public bool HazardIdentified => _hazards.Identified;

    /// <summary>
    /// The reference path of the optimisations that skip idle work (Dispatch's survey of saturated nodes, Observe's
    /// memo of true needs). Off, every idle unit searches every task and zone and every report recomputes the need.
    /// The results are identical either way (EquivalenceTests); only the cost differs.
    /// </summary>
    internal bool SkipIdleWork
    {
        get => State.SkipIdleWork;
        set => State.SkipIdleWork = value;
    }

    /// <summary>Idle units Dispatch has considered so far (for the tests of the optimisation).</summary>
    internal long DispatchIdleUnits => _dispatch.DispatchIdleUnits;

    /// <summary>Full searches of tasks and zones Dispatch has made so far.</summary>
    internal long DispatchSearches => _dispatch.DispatchSearches;

    /// <summary>
    /// Advances one tick. The phases, in order: hazards act; the public reacts; units arrive; trips end;
    /// units work; harm is applied; units and the public observe and report; messages travel and are
    /// read; headquarters plans and issues orders; idle units follow orders, then are dispatched on beliefs; the tick
    /// is recorded.
    /// </summary>
    public void Step()
    {
        _hazards.Advance();
        _public.Update();
        _arrivals.ArriveScheduled();
        _arrivals.FinishTrips();
        _work.DoWork();
        _harm.Apply();
        _observation.Observe();
        _communication.Communicate();
        _planning.Plan();
        _dispatch.Dispatch();
        _record.Record();
        int tick = ++State.Tick;
        foreach (var phase in _phases)
        {
            phase.SetTick(tick);
        }
    }

    /// <summary>Runs to the horizon, calling <paramref name="onTick"/> after each tick, and returns the final metrics.</summary>
    public RunMetrics Run(Action<Simulation>? onTick = null)
    {
        while (!Done)
        {
            Step();
            onTick?.Invoke(this);
        }

        return Finish();
    }

    /// <summary>Closes open episodes and computes the final metrics. Call once, after the last tick.</summary>
    public RunMetrics Finish() => _record.Finish();

    /// <summary>Each zone's state at the end of the last simulated tick, one record per zone in scenario order (a traced run's zones.csv); changes nothing.</summary>
    public void DescribeZones(Span<ZoneRecord> into) => TraceSnapshot.Zones(State, into);

    /// <summary>Where the units are at the end of the last simulated tick, grouped by node, state, zone and target (a traced run's units.csv); changes nothing.</summary>
    public void DescribeUnits(List<UnitGroup> into) => TraceSnapshot.Units(State, into);
}
