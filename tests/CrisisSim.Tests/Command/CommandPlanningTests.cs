using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Command;

/// <summary>
/// Headquarters' planning (issue 14, requirement 3): its tasking orders reach a need a department's own view leaves
/// alone, travel the chain of command (and are lost with it), and release duplicated claims.
/// </summary>
public class CommandPlanningTests
{
    /// <summary>
    /// Two shelter departments: <c>police_a</c> (one unit, based in the compound) sees the displaced at once and claims
    /// them; <c>police_b</c> (ten units, arriving at 5 h) believes, by its mandate, that the need is someone else's once
    /// anyone has claimed it (a gap, never corrected). Only headquarters' plan can send it.
    /// </summary>
    private const string TwoDepartments = """
        name: two departments
        time: {tick_minutes: 10, horizon_h: 24}
        zones:
          core: {kind: blast_core, residents: 0, cordoned: false, blast: {killed: 0, displaced: 0}}
          compound: {kind: residential, residents: 1000, blast: {killed: 0, trapped: 0, serious: 0, minor: 0, displaced: 0.8}}
          school: {kind: shelter, shelter_capacity: 5000, opens_h: 0}
          staging: {kind: staging}
        roads:
          - {from: staging, to: core, travel_time_h: 0.3, capacity_vehicles_h: 300}
          - {from: staging, to: compound, travel_time_h: 0.3, capacity_vehicles_h: 300}
          - {from: compound, to: school, travel_time_h: 0.2, capacity_vehicles_h: 300}
        hazard:
          explosions: [{time_h: 0.2, strength: 1, zone: core}]
          fire: {origin: "", initial_intensity: 0, growth_per_h: 0, spread_per_h: 0}
          toxic: {present: false}
        actors:
          police_a: {sector: government, tasks: [shelter], units: 1, work_rate_per_h: 4, arrival_start_h: 0.1, arrival_end_h: 0.1, base: compound}
          police_b: {sector: government, tasks: [shelter], units: 10, work_rate_per_h: 4, arrival_start_h: 5, arrival_end_h: 5, base: staging}
        governance: {mode: single-government, responsibility_clarity: 0, responsibility_review_h: 100000}
        """;

    private const int PoliceA = Nodes.FirstActor;
    private const int PoliceB = Nodes.FirstActor + 1;
    private const int Compound = 1;

    /// <summary>A seed under which police_b's mandate for shelter in the compound is a gap that is never corrected.</summary>
    private static ulong GapSeed()
    {
        for (ulong seed = 1; seed < 1000; seed++)
        {
            ulong mandate = RandomStreams.DeriveSeed(seed, "mandate");
            long counter = ((PoliceB * 256L) + Compound) * Nodes.NeedCount + (int)TaskKind.Shelter;
            double hours = -Math.Log(1 - CounterRandom.Uniform(mandate, counter, 1)) * 100_000;
            if (CounterRandom.Uniform(mandate, counter, 0) >= 0.5 && hours > 24)
            {
                return seed;
            }
        }

        throw new InvalidOperationException("no seed with a gap");
    }

    private static (Simulation Sim, ListSink Sink) Run(string yaml, ulong seed, params string[] overrides)
    {
        var scenario = ScenarioLoader.Load(yaml, "test.yaml", overrides).Scenario;
        var sink = new ListSink();
        var sim = new Simulation(scenario, seed, sink);
        sim.Run();
        return (sim, sink);
    }

    private static int ClaimsBy(ListSink sink, int node, int zone) =>
        sink.Events.Count(e => e.Kind == TraceKind.TaskClaimed && e.Node == node && e.Zone == zone);

    [Test]
    public void PlanningSendsUnitsToANeedADepartmentLeavesToOthers()
    {
        ulong seed = GapSeed();
        var (withPlan, planned) = Run(TwoDepartments, seed);
        var (_, unplanned) = Run(TwoDepartments, seed, "command.planning=false");
        Assert.Multiple(() =>
        {
            Assert.That(ClaimsBy(unplanned, PoliceA, Compound), Is.GreaterThan(0), "police_a works the compound");
            Assert.That(ClaimsBy(unplanned, PoliceB, Compound), Is.Zero, "without a plan police_b leaves it to police_a (a gap)");
            Assert.That(planned.Events.Where(e => e.Kind == TraceKind.OrderIssued && e.Other == PoliceB && e.Zone == Compound), Is.Not.Empty, "headquarters orders police_b");
            Assert.That(ClaimsBy(planned, PoliceB, Compound), Is.GreaterThan(0), "and police_b's units go");
            Assert.That(withPlan.Metrics.UnmetShelterHours, Is.LessThan(new Simulation(ScenarioLoader.Load(TwoDepartments, "t.yaml", ["command.planning=false"]).Scenario, seed).Run().UnmetShelterHours));
        });
    }

    [Test]
    public void AnOrderArrivesNoEarlierThanThePlanningTimeAndTheChainOfCommandAllow()
    {
        ulong seed = GapSeed();
        var (sim, sink) = Run(TwoDepartments, seed, "command.post_opens_h=100000");
        var issued = sink.Events.First(e => e.Kind == TraceKind.OrderIssued && e.Other == PoliceB);
        var firstClaim = sink.Events.First(e => e.Kind == TraceKind.TaskClaimed && e.Node == PoliceB && e.Zone == Compound);
        int planning = (int)Math.Ceiling(0.5 / sim.TickHours - 1e-9);
        int twoHops = 2 * (int)Math.Ceiling(1.0 / sim.TickHours - 1e-9);
        Assert.Multiple(() =>
        {
            Assert.That(issued.Tick - issued.ObservedTick, Is.EqualTo(planning), "issued planning_time_h after its picture");
            Assert.That(firstClaim.Tick, Is.GreaterThanOrEqualTo(issued.Tick + twoHops), "headquarters → district command → police_b");
        });
    }

    [Test]
    public void WithAHierarchyThatLosesEverythingNoOrderArrives()
    {
        // Headquarters still believes the fire the explosions start, so it orders; every order is lost on the way.
        string[] lossy = ["governance.mode=single-government", "communication.hierarchy.loss=1", "time.horizon_h=24"];
        var planned = new ListSink();
        var unplannedSink = new ListSink();
        var ticksOn = new List<TickRecord>();
        var ticksOff = new List<TickRecord>();
        var on = new Simulation(Repo.BuiltIn(lossy), 4, planned).Run(s => ticksOn.Add(s.Current));
        var off = new Simulation(Repo.BuiltIn([.. lossy, "command.planning=false"]), 4, unplannedSink).Run(s => ticksOff.Add(s.Current));
        string[] messageCounts = ["messages_sent", "messages_lost", "coordination_cost"];
        var columns = RunMetrics.Columns.Where(c => !messageCounts.Contains(c.Name)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(planned.Events.Count(e => e.Kind == TraceKind.OrderIssued), Is.GreaterThan(0), "orders were issued");
            Assert.That(on.MessagesLost - off.MessagesLost, Is.EqualTo(on.MessagesSent - off.MessagesSent), "and every one was lost");
            Assert.That(columns.Select(c => c.Value(on)), Is.EqualTo(columns.Select(c => c.Value(off))));
            Assert.That(ticksOn.Select(t => (t.Dead, t.Sheltered, t.UnitsWorking, t.UnitsIdle, t.FireIntensity)), Is.EqualTo(ticksOff.Select(t => (t.Dead, t.Sheltered, t.UnitsWorking, t.UnitsIdle, t.FireIntensity))));
            Assert.That(planned.Events.Where(e => e.Kind is TraceKind.TaskClaimed or TraceKind.UnitRecalled), Is.EqualTo(unplannedSink.Events.Where(e => e.Kind is TraceKind.TaskClaimed or TraceKind.UnitRecalled)));
        });
    }

    [Test]
    public void ADuplicatedNeedGetsAReleaseOrderAndItsClaimsFall()
    {
        // Every mandate misassigned, half of them duplicates: departments pile onto needs others already cover.
        string[] unclear = ["governance.mode=single-government", "governance.responsibility_clarity=0", "governance.responsibility_review_h=100000", "time.horizon_h=48"];
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn(unclear), 5, sink);
        sim.Run();
        var releases = sink.Events.Where(e => e.Kind == TraceKind.ReleaseIssued).ToList();
        var recalls = sink.Events.Where(e => e.Kind == TraceKind.UnitRecalled).ToList();
        var unplanned = new ListSink();
        new Simulation(Repo.BuiltIn([.. unclear, "command.planning=false"]), 5, unplanned).Run();
        Assert.Multiple(() =>
        {
            Assert.That(releases, Is.Not.Empty, "headquarters sees claims beyond what needs want");
            Assert.That(recalls, Is.Not.Empty, "and units are recalled");
            Assert.That(unplanned.Events.Where(e => e.Kind == TraceKind.UnitRecalled), Is.Empty, "never without a plan");
            foreach (var r in recalls)
            {
                Assert.That(releases.Any(x => x.Other == r.Node && x.Zone == r.Zone && x.Need == r.Need && x.Tick < r.Tick), $"a recall follows a release order to its node: {r}");
                Assert.That(sim.Units.Owner[r.Unit], Is.EqualTo(r.Node));
            }

            // Each recall releases the unit's claim: the node's next claim message on that need is one fewer.
            var recall = recalls[0];
            var claimMessages = sink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Node == recall.Node && e.Tick == recall.Tick && e.Zone == recall.Zone && e.Need == recall.Need).ToList();
            Assert.That(claimMessages, Is.Not.Empty, "the fall in its claim is reported up the chain");
        });
    }

    [Test]
    public void ThePlanningSwitchActsOnTheBuiltInScenario()
    {
        // The switch alone changes the run (it is not inert). That planning off reproduced the code before it, byte for byte, was proven at eb66a79 (PlanningOffTests, retired when the costs of co-governance changed every arm).
        var on = new Simulation(Repo.BuiltIn("time.horizon_h=24"), 2).Run();
        var off = new Simulation(Repo.BuiltIn("time.horizon_h=24", "command.planning=false"), 2).Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(on)), Is.Not.EqualTo(RunMetrics.Columns.Select(c => c.Value(off))));
    }
}
