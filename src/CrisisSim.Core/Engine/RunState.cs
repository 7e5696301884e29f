using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Hazards;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;

namespace CrisisSim.Core.Engine;

/// <summary>
/// What the phases of one run share: the clock, the world, the agents, the outcome accumulators, the parameters and
/// the phases themselves (for the few calls from one concern into another, e.g. a finished task releasing its claim).
/// Each phase keeps its own working state private; only what two phases read lives here.
/// </summary>
internal sealed class RunState
{
    public RunState(Scenario parameters, ulong seed, ITraceSink? trace, Simulation? recycle)
    {
        Parameters = parameters;
        Trace = trace;
        Seed = seed;
        Dt = parameters.Time.TickMinutes / 60.0;
        TickCount = Experiments.TickSeries.TickCount(parameters);
        ZoneIds = parameters.Zones.Select(z => z.Id).ToArray();
        ZoneCount = ZoneIds.Length;
        Zones = new ZoneState(parameters, Dt);
        People = new Residents(Zones.InitialResidents, recycle?.People);
        Nodes = new Nodes(parameters, seed, recycle?.Nodes);
        Roster = new UnitRoster(parameters, ZoneIds, TicksFor);
        // Trips: one per unit, and the donation convoys' slots when donations travel by road (Population/DonationConvoys.cs).
        Roads = new RoadNetwork(parameters, ZoneIds, Roster.Units.Capacity + (parameters.Traffic.DonationsByRoad ? Population.DonationConvoys.Slots : 0));
        Casualties = CasualtyTransport.For(this);
        Survival = new SurvivalCurve(parameters.Population.TrappedSurvivalDay1, parameters.Population.TrappedSurvivalDay2, parameters.Population.TrappedSurvivalDay5);
    }

    /// <summary>The run's private copy of the scenario, taken when the run was created; no phase writes it.</summary>
    public Scenario Parameters { get; }

    public ulong Seed { get; }

    /// <summary>Hours per tick.</summary>
    public double Dt { get; }

    public int TickCount { get; }

    /// <summary>The tick being simulated (0-based).</summary>
    public int Tick { get; set; }

    public string[] ZoneIds { get; }

    public int ZoneCount { get; }

    public ZoneState Zones { get; }

    public RoadNetwork Roads { get; }

    public Residents People { get; }

    /// <summary>The injured on the road to hospital, or null: they do not travel by road (traffic.casualties_by_road).</summary>
    public CasualtyTransport? Casualties { get; }

    public Nodes Nodes { get; }

    /// <summary>The field units and which of them each node owns, scheduled or in a convergence pool.</summary>
    public UnitRoster Roster { get; }

    public Units Units => Roster.Units;

    public SurvivalCurve Survival { get; }

    public RunMetrics Metrics { get; } = new();

    /// <summary>The reference path of the optimisations that skip idle work (see <see cref="Simulation.SkipIdleWork"/>).</summary>
    public bool SkipIdleWork { get; set; } = true;

    public HazardPhase Hazards { get; set; } = null!;

    public PublicPhase Public { get; set; } = null!;

    public ArrivalPhase Arrivals { get; set; } = null!;

    public WorkPhase Work { get; set; } = null!;

    public HarmPhase Harm { get; set; } = null!;

    public ObservationPhase Observation { get; set; } = null!;

    public ICommunicationPhase Communication { get; set; } = null!;

    public PlanningPhase Planning { get; set; } = null!;

    public DispatchPhase Dispatch { get; set; } = null!;

    public RecordPhase Record { get; set; } = null!;

    /// <summary>The receiver of trace events, or null (the phases skip work only a trace needs).</summary>
    public ITraceSink? Trace { get; }

    /// <summary>Whether anyone receives trace events.</summary>
    public bool Traced => Trace is not null;

    /// <summary>Whether <paramref name="node"/> knows the chemicals' identity now.</summary>
    public bool Knows(int node) => Nodes.HazardKnownTick[node] <= Tick;

    /// <summary>The tick at which <paramref name="hours"/> after the start falls (floor).</summary>
    public int TicksFor(double hours) => (int)Math.Floor((hours / Dt) + 1e-9);

    /// <summary>Whole ticks a duration of <paramref name="hours"/> lasts (ceiling, at least 0).</summary>
    public int DurationTicks(double hours) => Math.Max(0, (int)Math.Ceiling((hours / Dt) - 1e-9));
}
