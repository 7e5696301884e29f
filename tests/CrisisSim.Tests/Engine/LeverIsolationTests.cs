using CrisisSim.Core.Actors;
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
    [TestCase("governance.commitment_gain=1")]
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
        // It acts in the single-government arm, where governance.trust does not: an organisation outside the command
        // takes the press conference's picture with probability public.trust_in_releases. (In the built-in case that
        // picture, first given at 17.7 h, changes no organisation's decision: by then their teams are at work where the
        // need is, and the injured are treated; docs/findings.md.)
        static int BeliefsTaken(string trust)
        {
            var sim = new Simulation(Repo.BuiltIn([.. s_single, "public.trust_in_releases=" + trust]), 11);
            int release = (int)Math.Ceiling(17.7 / sim.TickHours) + 1;
            while (sim.Tick < release)
            {
                sim.Step();
            }

            int broadcaster = sim.Nodes.Broadcaster;
            int taken = 0;
            for (int n = Nodes.FirstActor; n < sim.Nodes.ActorEnd; n++)
            {
                if (sim.Nodes.Traits[n].UnderCommand)
                {
                    continue;
                }

                for (int z = 0; z < sim.ZoneIds.Length; z++)
                {
                    foreach (int need in Core.Actors.TaskTraits.ReleasedNeeds)
                    {
                        int own = sim.Nodes.BeliefIndex(n, z, need);
                        int released = sim.Nodes.BeliefIndex(broadcaster, z, need);
                        if (sim.Nodes.BeliefTick[released] >= 0 && sim.Nodes.BeliefTick[own] == sim.Nodes.BeliefTick[released] && sim.Nodes.BeliefValue[own] == sim.Nodes.BeliefValue[released])
                        {
                            taken++;
                        }
                    }
                }
            }

            return taken;
        }

        int none = BeliefsTaken("0");
        int all = BeliefsTaken("1");
        Assert.That(all, Is.GreaterThan(none + 10), $"organisations outside the command hold {all} of the release's beliefs when they trust it, {none} when they do not");
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
