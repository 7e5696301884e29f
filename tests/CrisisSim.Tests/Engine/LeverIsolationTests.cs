using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// A lever of co-governance never changes the single-government arm (issue 14, requirement 5): comparing the arms
/// compares the arrangements, not a baseline that moves with the other arm's settings. And the cordon binds every
/// organisation the command has not authorised, spontaneous volunteers included.
/// </summary>
public class LeverIsolationTests
{
    private static readonly string[] s_single = ["governance.mode=single-government", "time.horizon_h=48"];

    [TestCase("governance.trust=0.05")]
    [TestCase("governance.trust=1")]
    [TestCase("governance.legal.authorisation_delay_h=0")]
    [TestCase("governance.legal.authorisation_delay_h=200")]
    [TestCase("governance.legal.permitted_task_share=0")]
    [TestCase("governance.legal.permitted_task_share=1")]
    [TestCase("governance.communication=platform")]
    [TestCase("communication.platform.latency_h=10")]
    [TestCase("communication.liaison.delay_h=20")]
    [TestCase("communication.cluster.capacity_per_h=1")]
    [TestCase("communication.platform.opens_h=0")]
    [TestCase("communication.platform.outage_per_h=1")]
    [TestCase("communication.platform.reading_cost=5")]
    [TestCase("communication.platform.verification_per_h=2")]
    [TestCase("actors.blue_sky_rescue.report_error=1")]
    [TestCase("governance.trust_gain=1")]
    [TestCase("governance.register_volunteers=true")]
    [TestCase("governance.trust_loss=1")]
    [TestCase("actors.foundation.report_error=0")]
    public void ACoGovernanceLeverLeavesTheSingleGovernmentArmUnchanged(string lever)
    {
        var baseline = new Simulation(Repo.BuiltIn(s_single), 11).Run();
        var moved = new Simulation(Repo.BuiltIn([.. s_single, lever]), 11).Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(moved)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(baseline))));
    }

    [Test]
    public void TrustInOfficialReleasesIsItsOwnParameter()
    {
        // It acts in the single-government arm (organisations outside command hear the press conferences), where
        // governance.trust does not.
        var baseline = new Simulation(Repo.BuiltIn(s_single), 11).Run();
        var moved = new Simulation(Repo.BuiltIn([.. s_single, "public.trust_in_releases=0"]), 11).Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(moved)), Is.Not.EqualTo(RunMetrics.Columns.Select(c => c.Value(baseline))));
    }

    [TestCase("single-government")]
    [TestCase("co-governance")]
    public void PoliceTurnBackOrganisationsTheCommandHasNotAuthorised(string mode)
    {
        // Spontaneous volunteers are unregistered: in neither mode may they work in a cordoned zone.
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn("governance.mode=" + mode, "governance.communication=platform"), 3, sink);
        sim.Run();
        int spontaneous = Array.IndexOf(sim.Nodes.Ids, "spontaneous_volunteers");
        Assert.That(spontaneous, Is.GreaterThanOrEqualTo(0), string.Join(", ", sim.Nodes.Ids));
        var started = sink.Events.Where(e => e.Kind == TraceKind.TaskStarted && e.Node == spontaneous).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(started, Is.Not.Empty, "spontaneous volunteers work");
            Assert.That(started.Where(e => sim.Zones.Cordoned[e.Zone]).Select(e => sim.ZoneIds[e.Zone]), Is.Empty, "but never inside the cordon");
        });
    }
}
