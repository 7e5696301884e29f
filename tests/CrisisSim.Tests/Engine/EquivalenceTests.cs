using CrisisSim.Core.Engine;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// The optimisations that skip idle work (Dispatch's survey of saturated nodes, Observe's memo of true needs) change
/// cost, never results: the fast path and the reference path give the same tick records, events and metrics.
/// </summary>
public class EquivalenceTests
{
    // Broken commitments and trust that learns from them (5.3.28), teams searching for the unlocated (5.3.30) and the
    // room at a worksite (5.3.31), all on.
    private static readonly string[] s_newMechanisms =
    [
        "governance.mode=co-governance", "governance.communication=hierarchical", "actors.blue_sky_rescue.commitment_kept=0.5",
        "actors.spontaneous_volunteers.commitment_kept=0.5", "governance.commitment_gain=0.05",
        "population.unlocated_rescue_factor=0.3", "population.rescue_units_per_trapped=0.25",
    ];

    private static readonly string[][] s_arms =
    [
        ["governance.mode=single-government"],
        ["governance.mode=co-governance", "governance.communication=hierarchical"],
        ["governance.mode=co-governance", "governance.communication=liaison"],
        ["governance.mode=co-governance", "governance.communication=platform"],
        ["governance.mode=co-governance", "governance.communication=platform", "communication.platform.hub_filtering=true", "communication.broadcast.first_release_h=2"],
        ["governance.mode=co-governance", "governance.communication=platform", "traffic.casualties_by_road=true"],
        s_newMechanisms,
    ];

    [Test]
    public void SkippingIdleWorkLeavesEveryArmUnchanged(
        [Range(0, 6)] int arm,
        [Values("0.2169", "1", "4")] string scale,
        [Values("0.2", "0.8")] string clarity)
    {
        string[] overrides = [.. s_arms[arm], "population.scale=" + scale, "governance.responsibility_clarity=" + clarity, "time.horizon_h=48"];
        var fast = Trace(overrides, skipIdleWork: true, seed: 5);
        var reference = Trace(overrides, skipIdleWork: false, seed: 5);

        Assert.Multiple(() =>
        {
            Assert.That(fast.Ticks, Is.EqualTo(reference.Ticks), "tick records");
            Assert.That(fast.Events, Has.Count.EqualTo(reference.Events.Count), "event count");
            Assert.That(fast.Events, Is.EqualTo(reference.Events), "events");
            Assert.That(fast.Metrics, Is.EqualTo(reference.Metrics), "run metrics");
        });
        Assert.That(fast.Events.Count(e => e.Kind == TraceKind.TaskClaimed), Is.GreaterThan(0), "the run dispatches units at all");
    }

    [Test]
    public void TheSurveyActuallySkipsSearches()
    {
        // Guards the optimisation itself: at 10^5 residents most idle units belong to saturated nodes.
        var scenario = Repo.BuiltIn("population.scale=2.169");
        var sim = new Simulation(scenario, 1);
        while (sim.Tick < 150)
        {
            sim.Step();
        }

        Assert.That(sim.DispatchSearches, Is.LessThan(sim.DispatchIdleUnits / 2),
            "full searches vs idle units considered by Dispatch over 150 ticks");
    }

    [Test]
    public void ReusingAFinishedRunsArraysLeavesResultsUnchanged()
    {
        // One worker runs points of different arms, sizes and seeds in turn, each reusing what the previous run left;
        // every run must equal a fresh run of its scenario and seed, tick by tick.
        DesignPoint[] points =
        [
            new(0, "single", [], ["governance.mode=single-government"]),
            new(1, "platform", [], ["governance.mode=co-governance", "governance.communication=platform"]),
            new(2, "liaison-small", [], ["governance.mode=co-governance", "governance.communication=liaison", "population.scale=0.5"]),
            new(3, "hierarchical", [], ["governance.mode=co-governance", "governance.communication=hierarchical"]),
            new(4, "new-mechanisms", [], s_newMechanisms),
        ];
        string[] fixedOverrides = ["time.horizon_h=36"];
        using var executor = new RunExecutor(Repo.BuiltInText, "tianjin-8-12.yaml", fixedOverrides, ticksEvery: 1);
        int run = 0;
        foreach (int p in new[] { 0, 1, 4, 1, 2, 3, 4, 2, 0, 3 })
        {
            var spec = new RunSpec(run, points[p], run, (ulong)(100 + run));
            run++;
            var reused = executor.Execute(spec);
            var fresh = RunExecution.Execute(spec, Repo.BuiltInText, "tianjin-8-12.yaml", fixedOverrides, ticksEvery: 1);
            Assert.That(reused.Error, Is.Null);
            Assert.That(reused.Ticks, Is.EqualTo(fresh.Ticks), $"ticks of run {spec.RunId} ({points[p].Arm})");
            Assert.That(RunMetrics.Columns.Select(c => c.Value(reused.Metrics!)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(fresh.Metrics!))),
                $"metrics of run {spec.RunId} ({points[p].Arm})");
        }
    }

    [Test]
    public void AWorkerAllocatesAFractionOfAFreshRunOnceItHasAFinishedRun()
    {
        var point = new DesignPoint(0, "", [], []);
        string[] fixedOverrides = ["time.horizon_h=12"];
        using var executor = new RunExecutor(Repo.BuiltInText, "tianjin-8-12.yaml", fixedOverrides, ticksEvery: 0);
        long Allocated(int i)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.That(executor.Execute(new RunSpec(i, point, i, (ulong)i)).Error, Is.Null);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long first = Allocated(0);
        long second = Allocated(1);
        long third = Allocated(2);
        Assert.That(second, Is.LessThan(first / 5), $"bytes: first run {first}, second {second}");
        Assert.That(third, Is.LessThanOrEqualTo(second * 11 / 10), $"bytes: second run {second}, third {third}");
    }

    /// <summary>
    /// Where landslides or water cut roads, what a unit can reach depends on the zone it is in, so one unit of a node
    /// finding nothing proves nothing for the others: the shortcuts must still give the reference path's results.
    /// </summary>
    [TestCase("lushan-2013/lushan-2013.yaml", 1UL)]
    [TestCase("lushan-2013/lushan-2013.yaml", 2UL)]
    [TestCase("zhengzhou-2021/zhengzhou-2021.yaml", 1UL)]
    public void SkippingIdleWorkLeavesTheCasesWithCutRoadsUnchanged(string file, ulong seed)
    {
        var scenario = CrisisSim.Core.Scenarios.ScenarioLoader.Load(File.ReadAllText(Repo.PathOf("scenarios", file)), file, ["time.horizon_h=36"]).Scenario;
        var fast = Trace(scenario, skipIdleWork: true, seed);
        var reference = Trace(scenario, skipIdleWork: false, seed);
        Assert.Multiple(() =>
        {
            Assert.That(fast.Ticks, Is.EqualTo(reference.Ticks), "tick records");
            Assert.That(fast.Events, Is.EqualTo(reference.Events), "events");
            Assert.That(fast.Metrics, Is.EqualTo(reference.Metrics), "run metrics");
        });
    }

    private static (List<TickRecord> Ticks, List<TraceEvent> Events, double[] Metrics) Trace(string[] overrides, bool skipIdleWork, ulong seed) =>
        Trace(Repo.BuiltIn(overrides), skipIdleWork, seed);

    private static (List<TickRecord> Ticks, List<TraceEvent> Events, double[] Metrics) Trace(CrisisSim.Core.Scenarios.Scenario scenario, bool skipIdleWork, ulong seed)
    {
        var sink = new ListSink();
        var sim = new Simulation(scenario, seed, sink) { SkipIdleWork = skipIdleWork };
        var ticks = new List<TickRecord>();
        var metrics = sim.Run(s => ticks.Add(s.Current));
        return (ticks, sink.Events, RunMetrics.Columns.Select(c => c.Value(metrics)).ToArray());
    }
}
