using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Trust is a lasting relationship between the government and each organisation (issue 14, requirement 5): it gates
/// acting on the other side's information and sharing one's own, and it changes with the accuracy of the reports acted on
/// and with the commitments kept or broken.
/// </summary>
public class TrustDynamicsTests
{
    private const string Horizon = "time.horizon_h=48";
    private static readonly string[] s_coGovernance = ["governance.mode=co-governance", "governance.communication=platform", "communication.platform.opens_h=0", Horizon];

    private static string[] Errors(double share) => [.. Repo.BuiltIn().Actors.Select(a => FormattableString.Invariant($"actors.{a.Id}.report_error={share}"))];

    [Test]
    public void AccurateReportsBuildTrustAndMisstatedOnesDestroyIt()
    {
        var accurate = new Simulation(Repo.BuiltIn([.. s_coGovernance, .. Errors(0)]), 3).Run();
        var misstated = new Simulation(Repo.BuiltIn([.. s_coGovernance, .. Errors(1)]), 3).Run();
        Assert.Multiple(() =>
        {
            Assert.That(accurate.TrustChange, Is.GreaterThan(0), "every report acted on proved accurate");
            Assert.That(misstated.TrustChange, Is.LessThan(0), "every report with a need in it was misstated");
        });
    }

    [Test]
    public void TrustNeverMovesWithoutExperience()
    {
        // A single government integrates no organisation: nothing crosses, so nothing is learnt.
        var run = new Simulation(Repo.BuiltIn(["governance.mode=single-government", .. Errors(1), Horizon]), 3).Run();
        Assert.That(run.TrustChange, Is.Zero);
    }

    [Test]
    public void WithoutTrustNeitherSideSharesWithTheOther()
    {
        string[] hierarchical = ["governance.mode=co-governance", "governance.communication=hierarchical", Horizon];
        static (int FromOrganisations, int ToOrganisations) Crossings(string trust, string[] settings)
        {
            var sink = new ListSink();
            var sim = new Simulation(Repo.BuiltIn([.. settings, trust]), 3, sink);
            sim.Run();
            bool Organisation(int n) => n >= 0 && !sim.Nodes.Traits[n].UnderCommand;
            var sent = sink.Events.Where(e => e.Kind == TraceKind.MessageSent).ToList();
            return (sent.Count(e => Organisation(e.Node) && !Organisation(e.Other)), sent.Count(e => !Organisation(e.Node) && e.Node >= 0 && Organisation(e.Other)));
        }

        var none = Crossings("governance.trust=0", hierarchical);
        var full = Crossings("governance.trust=1", hierarchical);
        Assert.Multiple(() =>
        {
            Assert.That(none, Is.EqualTo((0, 0)), "organisations report nothing and headquarters tells them nothing");
            Assert.That(full.FromOrganisations, Is.GreaterThan(0));
            Assert.That(full.ToOrganisations, Is.GreaterThan(0));
        });
    }

    [Test]
    public void ExperienceMovesTrustByTheGainAndTheLoss()
    {
        var nodes = new Simulation(Repo.BuiltIn(), 1).Nodes;
        int organisation = nodes.ActorEnd - 1;
        nodes.Experience(organisation, accurate: true, gain: 0.1, loss: 0.5);
        Assert.That(nodes.Trust[organisation], Is.EqualTo(0.6 + (0.1 * 0.4)).Within(1e-12));
        nodes.Experience(organisation, accurate: false, gain: 0.1, loss: 0.5);
        Assert.That(nodes.Trust[organisation], Is.EqualTo(0.64 * 0.5).Within(1e-12));
        Assert.That(nodes.Relationship(Nodes.Headquarters, organisation), Is.EqualTo(organisation));
        Assert.That(nodes.Relationship(organisation, Nodes.DistrictCommand), Is.EqualTo(organisation));
        Assert.That(nodes.Relationship(Nodes.Headquarters, Nodes.DistrictCommand), Is.EqualTo(-1));
    }

    private static string[] Unreliable(string kept) => [.. s_coGovernance, .. Errors(0), "actors.blue_sky_rescue.commitment_kept=" + kept];

    [Test]
    public void ABrokenCommitmentHoldsItsClaimUntilTheUnitWasDueAndThenWithdrawsIt()
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn(Unreliable("0.5")), 3, sink);
        var metrics = sim.Run();
        int blueSky = Array.IndexOf(sim.Nodes.Ids, "blue_sky_rescue");
        var broken = sink.Events.Where(e => e.Kind == TraceKind.CommitmentBroken).ToList();
        Assert.That(broken, Is.Not.Empty, "half of Blue Sky's commitments are broken");
        Assert.Multiple(() =>
        {
            Assert.That(metrics.CommitmentsBroken, Is.EqualTo(broken.Count));
            Assert.That(broken.Select(e => e.Node).Distinct(), Is.EqualTo(new[] { blueSky }), "only the unreliable actor breaks commitments");
            foreach (var e in broken)
            {
                // The unit's last claim before the broken commitment was made for the same need and zone, and it never started.
                // (A unit idle again may be claimed anew later in the tick of the break, so the claim is the last before it.)
                var claimed = sink.Events.Last(c => c.Kind == TraceKind.TaskClaimed && c.Unit == e.Unit && c.Tick < e.Tick);
                Assert.That((claimed.Zone, claimed.Need), Is.EqualTo((e.Zone, e.Need)));
                Assert.That(sink.Events.Any(c => c.Kind == TraceKind.TaskStarted && c.Unit == e.Unit && c.Tick >= claimed.Tick && c.Tick < e.Tick), Is.False, "the unit never came");
            }
        });
        var ratio = (double)broken.Count / sink.Events.Count(e => e.Kind == TraceKind.TaskClaimed && e.Node == blueSky);
        Assert.That(ratio, Is.InRange(0.2, 0.6), "about half of the commitments to a need elsewhere (claims where the unit stood are always kept)");
    }

    [Test]
    public void BrokenCommitmentsDestroyTrustAndKeptOnesBuildItOnlyWhenTheyAreNoticed()
    {
        var reliable = new Simulation(Repo.BuiltIn(Unreliable("1")), 3).Run();
        var unreliable = new Simulation(Repo.BuiltIn(Unreliable("0.5")), 3).Run();
        var noticed = new Simulation(Repo.BuiltIn([.. Unreliable("1"), "governance.commitment_gain=0.05"]), 3).Run();
        Assert.Multiple(() =>
        {
            Assert.That(reliable.CommitmentsBroken, Is.Zero);
            Assert.That(unreliable.TrustChange, Is.LessThan(reliable.TrustChange), "each broken commitment loses trust_loss of the distance to no trust");
            Assert.That(noticed.TrustChange, Is.GreaterThan(reliable.TrustChange), "with commitment_gain, each kept commitment builds trust");
        });
    }

    [Test]
    public void ASingleGovernmentLearnsNothingFromCommitmentsItDoesNotCoordinate()
    {
        var run = new Simulation(Repo.BuiltIn(["governance.mode=single-government", .. Errors(0), Horizon, "actors.blue_sky_rescue.commitment_kept=0.5", "governance.commitment_gain=0.05"]), 3).Run();
        Assert.Multiple(() =>
        {
            Assert.That(run.CommitmentsBroken, Is.GreaterThan(0), "the organisation breaks commitments in either mode");
            Assert.That(run.TrustChange, Is.Zero, "but nobody integrates it, so no relationship learns");
        });
    }
}
