using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;

namespace CrisisSim.Core.Engine;

/// <summary>
/// One run of a scenario: owns the whole state and advances it one tick at a time. The tick is the
/// list of named phases in <see cref="Step"/>; their order is the model's story (docs/model.md,
/// "Process overview and scheduling"). Partial files hold one concern each.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>Hours of work a dispatcher plans one unit to cover when it decides how many units a need wants.</summary>
    public const double PlanningHorizonH = 2;

    private readonly Scenario _scenario;
    private readonly ITraceSink? _trace;
    private readonly double _dt;
    private readonly int _zoneCount;
    private readonly double _trust;
    private readonly double _clarity;
    private readonly bool _coGovernance;
    private readonly CommunicationRule _rule;

    private Xoshiro256StarStar _hazardRng;
    private Xoshiro256StarStar _publicRng;
    private Xoshiro256StarStar _commRng;
    private readonly ulong _frailtySeed;
    private readonly ulong _permissionSeed;

    /// <summary>Creates a run of <paramref name="scenario"/> seeded with <paramref name="seed"/>.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="seed">The run seed; every random stream is derived from it by name.</param>
    /// <param name="trace">Optional receiver of every message and task event.</param>
    public Simulation(Scenario scenario, ulong seed, ITraceSink? trace = null)
        : this(scenario, seed, trace, recycle: null)
    {
    }

    /// <summary>
    /// Creates a run that reuses the resident arrays of <paramref name="recycle"/>, a finished run of a scenario with the
    /// same residents per zone (a sweep worker's previous run). <paramref name="recycle"/> must not be used afterwards.
    /// The result is identical to a fresh run (EquivalenceTests).
    /// </summary>
    internal Simulation(Scenario scenario, ulong seed, ITraceSink? trace, Simulation? recycle)
    {
        _scenario = scenario;
        _trace = trace;
        Seed = seed;
        _dt = scenario.Time.TickMinutes / 60.0;
        TickCount = Experiments.TickSeries.TickCount(scenario);
        _zoneCount = scenario.Zones.Count;
        _trust = scenario.Governance.Trust;
        _clarity = scenario.Governance.ResponsibilityClarity;
        _coGovernance = scenario.Governance.Mode == GovernanceMode.CoGovernance;
        _rule = scenario.Governance.Communication;
        _hazardRng = RandomStreams.Create(seed, RandomStreams.Hazard);
        _publicRng = RandomStreams.Create(seed, RandomStreams.Public);
        _commRng = RandomStreams.Create(seed, RandomStreams.Communication);
        _frailtySeed = RandomStreams.DeriveSeed(seed, RandomStreams.Population);
        _permissionSeed = RandomStreams.DeriveSeed(seed, "permission");

        ZoneIds = scenario.Zones.Select(z => z.Id).ToArray();
        Zones = new ZoneState(scenario, _dt);
        Roads = new RoadNetwork(scenario, ZoneIds);
        People = new Residents(Zones.InitialResidents, recycle?.People);
        Nodes = new Nodes(scenario, seed, recycle?.Nodes);
        Units = CreateUnits(scenario);
        Survival = new SurvivalCurve(scenario.Population.TrappedSurvivalDay1, scenario.Population.TrappedSurvivalDay2, scenario.Population.TrappedSurvivalDay5);
        InitialisePhases(recycle);
    }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>Number of ticks to the horizon.</summary>
    public int TickCount { get; }

    /// <summary>Hours per tick.</summary>
    public double TickHours => _dt;

    /// <summary>The tick about to be simulated (0-based); equals <see cref="TickCount"/> when done.</summary>
    public int Tick { get; private set; }

    /// <summary>Zone ids in scenario order.</summary>
    public string[] ZoneIds { get; }

    /// <summary>Zones' physical state.</summary>
    public ZoneState Zones { get; }

    /// <summary>Roads.</summary>
    public RoadNetwork Roads { get; }

    /// <summary>Residents.</summary>
    public Residents People { get; }

    /// <summary>Deciding nodes and their beliefs.</summary>
    public Nodes Nodes { get; }

    /// <summary>Field units.</summary>
    public Units Units { get; }

    /// <summary>Survival of trapped people.</summary>
    public SurvivalCurve Survival { get; }

    /// <summary>Outcome accumulators (final after <see cref="Finish"/>).</summary>
    public RunMetrics Metrics { get; } = new();

    /// <summary>The state at the end of the last simulated tick.</summary>
    public TickRecord Current => _current;

    /// <summary>Whether the horizon has been reached.</summary>
    public bool Done => Tick >= TickCount;

    /// <summary>
    /// Advances one tick. The phases, in order: hazards act; the public reacts; units arrive; trips end;
    /// units work; harm is applied; units and the public observe and report; messages travel and are
    /// read; idle units are dispatched on beliefs; the tick is recorded.
    /// </summary>
    public void Step()
    {
        AdvanceHazards();
        UpdatePublic();
        ArriveUnits();
        FinishTrips();
        DoWork();
        ApplyHarm();
        Observe();
        Communicate();
        Dispatch();
        Record();
        Tick++;
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

    private int TicksFor(double hours) => (int)Math.Floor((hours / _dt) + 1e-9);

    private int DurationTicks(double hours) => Math.Max(0, (int)Math.Ceiling((hours / _dt) - 1e-9));
}
