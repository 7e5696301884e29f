using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// The communication rules are types registered in one catalog. The cluster rule (one coordinator per task cluster)
/// is the worked example of docs/architecture.md: it routes through its coordinators, keeps every invariant, and
/// changes nothing in an arm that does not use it.
/// </summary>
public class CommunicationRuleTests
{
    private static readonly string[] s_cluster = ["governance.mode=co-governance", "governance.communication=cluster", "time.horizon_h=36"];

    [Test]
    public void EveryRuleOfTheScenarioSchemaRunsAndKeepsTheInvariants([Values] CommunicationRule rule)
    {
        string name = Core.Scenarios.Schema.SchemaCatalog.EnumName(rule);
        var sim = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=" + name, "time.horizon_h=24"), 2);
        var metrics = SimulationInvariants.RunChecked(sim);
        Assert.That(metrics.MessagesSent, Is.GreaterThan(0), name + " sends messages");
    }

    [Test]
    public void UnderTheClusterRuleReportsGoToTheirClustersCoordinatorAndOnToHeadquarters()
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn(s_cluster), 3, sink);
        var metrics = sim.Run();
        var ids = sim.Nodes.Ids;
        int firstCoordinator = sim.Nodes.ActorEnd;
        Assert.That(ids[firstCoordinator..], Is.EqualTo(new[] { "cluster:rescue", "cluster:health", "cluster:shelter", "cluster:supplies" }));

        var onCluster = sink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Channel == (int)Channel.Cluster).ToList();
        int rescue = firstCoordinator;
        Assert.Multiple(() =>
        {
            Assert.That(onCluster.Where(e => e.Other == rescue), Is.Not.Empty, "actors report to the rescue coordinator");
            Assert.That(onCluster.Where(e => e.Other == rescue).Select(e => e.Need).Distinct(), Is.EqualTo(new[] { (int)TaskKind.Rescue }),
                "the rescue coordinator hears only of rescue");
            Assert.That(onCluster.Where(e => e.Node >= firstCoordinator && e.Other == Nodes.Headquarters), Is.Not.Empty,
                "coordinators pass what members report up to headquarters");
            Assert.That(onCluster.Where(e => e.Node >= firstCoordinator && e.Other >= Nodes.FirstActor && sim.Nodes.Sector[e.Other] == Sector.Organisation),
                Is.Not.Empty, "coordinators pass reports on to organisations");
            Assert.That(sink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Channel == (int)Channel.Cluster && e.Need == (int)TaskKind.Fire),
                Is.Empty, "fire stays with the chain of command");
            Assert.That(metrics.InfoLatencyMeanH, Is.GreaterThan(0).And.LessThan(36), "headquarters learns of needs");
        });
    }

    [Test]
    public void AnArmThatDoesNotUseTheClusterRuleIsUnchangedByIt()
    {
        // Under single government governance.communication names no rule in force: cluster or not, the same run.
        var a = new Simulation(Repo.BuiltIn("governance.mode=single-government", "governance.communication=cluster", "time.horizon_h=36"), 4).Run();
        var b = new Simulation(Repo.BuiltIn("governance.mode=single-government", "governance.communication=hierarchical", "time.horizon_h=36"), 4).Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(a)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(b))));
    }

    [Test]
    public void TheClusterChannelsSettingsActOnlyUnderTheClusterRule()
    {
        double Latency(string rule, string delay) => new Simulation(
            Repo.BuiltIn("governance.mode=co-governance", "governance.communication=" + rule, "communication.cluster.delay_h=" + delay, "time.horizon_h=36"), 6).Run().InfoLatencyMeanH;

        // What headquarters reads from the cluster coordinators in the first 12 hours.
        static int ReadByClusterEarly(string delay)
        {
            var sink = new ListSink();
            new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=cluster", "communication.cluster.delay_h=" + delay, "time.horizon_h=36"), 6, sink).Run();
            return sink.Events.Count(e => e.Kind == TraceKind.MessageRead && e.Other == Core.Actors.Nodes.Headquarters && e.Channel == (int)Core.Communication.Channel.Cluster && e.Tick < 72);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Latency("liaison", "0.5"), Is.EqualTo(Latency("liaison", "12")), "liaison ignores the cluster channel");
            Assert.That(ReadByClusterEarly("12"), Is.LessThan(ReadByClusterEarly("0.5") / 2), "a slow cluster line delays what headquarters learns by it");
        });
    }

    [Test]
    public void TaskTraitsDescribeEveryFieldTaskOnce()
    {
        var fieldTasks = Enum.GetValues<TaskKind>().Where(t => t != TaskKind.Information).Select(t => (int)t);
        Assert.That(TaskTraits.TriageOrder, Is.EquivalentTo(fieldTasks).And.Unique);
        Assert.That(TaskTraits.TriageOrder, Has.Length.EqualTo(Nodes.NeedCount), "the belief arrays hold one need per field task");
        Assert.That(Enum.GetValues<TaskKind>().Where(t => t != TaskKind.Information).Select(t => TaskTraits.Of(t).Kind), Is.EqualTo(Enum.GetValues<TaskKind>().Where(t => t != TaskKind.Information)));
    }

    [Test]
    public void ARunKeepsItsOwnCopyOfTheScenario()
    {
        var scenario = Repo.BuiltIn("time.horizon_h=24");
        var expected = new Simulation(Repo.BuiltIn("time.horizon_h=24"), 9).Run();
        var sim = new Simulation(scenario, 9);
        scenario.Governance.Trust = 0;
        scenario.Hazard.Fire.GrowthPerH = 5;
        scenario.Zones[0].Blast.Killed = 1;
        scenario.Actors.Clear();
        var actual = sim.Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(actual)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(expected))));
    }

    [Test]
    public void AScenarioCopySharesNoMutableObjectAndKeepsEveryValue()
    {
        var original = Repo.BuiltIn();
        var copy = ScenarioCopy.Of(original);
        Assert.Multiple(() =>
        {
            Assert.That(copy, Is.Not.SameAs(original));
            Assert.That(copy.Zones, Is.Not.SameAs(original.Zones));
            Assert.That(copy.Zones[0], Is.Not.SameAs(original.Zones[0]));
            Assert.That(copy.Zones[0].Blast, Is.Not.SameAs(original.Zones[0].Blast));
            Assert.That(copy.Actors[0].Tasks, Is.Not.SameAs(original.Actors[0].Tasks));
            Assert.That(copy.Communication.Hierarchy, Is.Not.SameAs(original.Communication.Hierarchy));
            Assert.That(Core.Scenarios.Schema.SchemaCatalog.Table(typeof(Scenario)).Count, Is.GreaterThan(50));
            Assert.That(Differences(original, copy, "scenario").ToList(), Is.Empty, "every value at every depth, no shared object");
        });
    }

    /// <summary>Walks every readable property of both objects: values must be equal, reference objects distinct.</summary>
    private static IEnumerable<string> Differences(object? a, object? b, string path)
    {
        if (a is null || b is null)
        {
            if (a is not null || b is not null)
            {
                yield return $"{path}: one side is null";
            }

            yield break;
        }

        var type = a.GetType();
        if (type.IsValueType || a is string)
        {
            if (!a.Equals(b))
            {
                yield return $"{path}: {a} != {b}";
            }

            yield break;
        }

        if (ReferenceEquals(a, b))
        {
            yield return $"{path}: shared";
            yield break;
        }

        if (a is System.Collections.IList la && b is System.Collections.IList lb)
        {
            if (la.Count != lb.Count)
            {
                yield return $"{path}: {la.Count} items != {lb.Count}";
                yield break;
            }

            for (int i = 0; i < la.Count; i++)
            {
                foreach (var d in Differences(la[i], lb[i], $"{path}[{i}]"))
                {
                    yield return d;
                }
            }

            yield break;
        }

        foreach (var p in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            foreach (var d in Differences(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}"))
            {
                yield return d;
            }
        }
    }
}
