using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// communication.platform.members separates the channel from the governance (issue 14, requirement 2): a single
/// government can have the platform for itself, so that co-governance is compared with technology held equal.
/// </summary>
public class PlatformMembersTests
{
    private const string Horizon = "time.horizon_h=36";

    [Test]
    public void ASingleGovernmentWithThePlatformPostsAndReadsOnItWhileOrganisationsStayOff()
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn("governance.mode=single-government", "communication.platform.members=government", Horizon), 3, sink);
        SimulationInvariants.RunChecked(sim);
        var posts = sink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Channel == (int)Channel.Platform).ToList();
        var reads = sink.Events.Where(e => e.Kind == TraceKind.MessageRead && e.Channel == (int)Channel.Platform).ToList();
        // The command's side of the line: government and the semi-official bodies under its unified deployment.
        bool IsGovernment(int n) => sim.Nodes.Traits[n].UnderCommand;
        Assert.Multiple(() =>
        {
            Assert.That(posts.Where(e => e.Node >= Nodes.FirstActor && IsGovernment(e.Node)), Is.Not.Empty, "departments post what they learn");
            Assert.That(posts.Where(e => e.Node == Nodes.Headquarters), Is.Not.Empty, "headquarters posts the emergency calls it hears");
            Assert.That(reads.Where(e => e.Other == Nodes.Headquarters), Is.Not.Empty, "headquarters reads the platform");
            Assert.That(posts.Concat(reads).Where(e => !IsGovernment(e.Node) || (e.Other >= 0 && !IsGovernment(e.Other))), Is.Empty,
                "no organisation outside command posts or reads");
        });
    }

    [Test]
    public void WithoutMembersASingleGovernmentHasNoPlatform()
    {
        var sink = new ListSink();
        new Simulation(Repo.BuiltIn("governance.mode=single-government", Horizon), 3, sink).Run();
        Assert.That(sink.Events.Where(e => e.Channel == (int)Channel.Platform), Is.Empty);
    }

    [Test]
    public void WithAllMembersOrganisationsOutsideCommandUseThePlatformToo()
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn("governance.mode=single-government", "communication.platform.members=all", Horizon), 3, sink);
        SimulationInvariants.RunChecked(sim);
        Assert.That(sink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Channel == (int)Channel.Platform && sim.Nodes.Sector[e.Node] == Sector.Organisation),
            Is.Not.Empty);
    }

    [Test]
    public void UnderThePlatformRuleGovernmentMembershipAddsNothing()
    {
        // The platform rule already puts every integrated node, government included, on the platform.
        var a = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=platform", Horizon), 5).Run();
        var b = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=platform", "communication.platform.members=government", Horizon), 5).Run();
        Assert.That(RunMetrics.Columns.Select(c => c.Value(b)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(a))));
    }

    [Test]
    public void TheChannelAloneSpeedsWhatASingleGovernmentsHeadquartersLearns()
    {
        const int n = DirectionalTests.LatencyReplicates; // person-weighted latencies vary more than the unweighted ones did
        var noPlatform = Repo.BuiltIn("governance.mode=single-government", "time.horizon_h=48");
        var platform = Repo.BuiltIn("governance.mode=single-government", "communication.platform.members=government", "time.horizon_h=48");
        var without = new double[n];
        var withIt = new double[n];
        for (int r = 0; r < n; r++)
        {
            ulong seed = RandomStreams.DeriveReplicateSeed(2015, r);
            without[r] = new Simulation(noPlatform, seed).Run().InfoLatencyMeanH;
            withIt[r] = new Simulation(platform, seed).Run().InfoLatencyMeanH;
        }

        var test = Tests.Validation.Validation.Greater(without, withIt);
        Assert.That(test.P, Is.LessThan(0.01), $"info latency without − with the platform: {test}");
    }
}
