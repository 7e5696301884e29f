using CrisisSim.Core.Engine;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Where the trapped are (population.unlocated_rescue_factor): a call from the public says where, a report from a node
/// that knew says so too, and a team whose node does not know searches at a fraction of its pace. The location crosses
/// between the sectors only as far as trust lets reports cross.
/// </summary>
public class LocationTests
{
    private static readonly string[] s_slowSearch = ["population.unlocated_rescue_factor=0.3", "time.horizon_h=48"];

    private static (bool DistrictCommand, bool BlueSky, double Deaths) Outcome(params string[] settings)
    {
        var sim = new Simulation(Repo.BuiltIn([.. s_slowSearch, .. settings]), 5);
        var metrics = sim.Run();
        int qihang = Array.IndexOf(sim.State.ZoneIds, "qihang_jiayuan");
        int blueSky = Array.IndexOf(sim.Nodes.Ids, "blue_sky_rescue");
        return (sim.Nodes.IsLocated(Core.Actors.Nodes.DistrictCommand, qihang), sim.Nodes.IsLocated(blueSky, qihang), metrics.DeathsCivilian);
    }

    [Test]
    public void TheCallsSayWhereTheTrappedAreAndTheLocationTravelsWithTheReports()
    {
        var single = Outcome("governance.mode=single-government");
        var trusted = Outcome("governance.mode=co-governance", "governance.communication=platform", "governance.trust=1");
        Assert.Multiple(() =>
        {
            Assert.That(single.DistrictCommand, Is.True, "the district command hears the calls from the compound");
            Assert.That(single.BlueSky, Is.False, "an organisation outside the command hears no call and no report of one");
            Assert.That(trusted.BlueSky, Is.True, "integrated, it reads the calls the command passes on, which say where");
        });
    }

    [Test]
    public void AReportSaysWhereWhenItsOriginKnewAndOnlyForTrappedPeople()
    {
        var sim = new Simulation(Repo.BuiltIn(s_slowSearch), 5);
        var messenger = (Core.Communication.Messenger)sim.State.Communication;
        int fire = Array.IndexOf(sim.Nodes.Ids, "fire");
        int qihang = Array.IndexOf(sim.State.ZoneIds, "qihang_jiayuan");
        int rescue = (int)Core.Scenarios.TaskKind.Rescue;
        bool Says(int origin, Core.Communication.MessageKind kind, int need) =>
            messenger.NewMessage(kind, Core.Communication.Channel.Hierarchy, Core.Communication.Direction.Up, origin, qihang, need, 3).Located;
        bool before = Says(fire, Core.Communication.MessageKind.NeedReport, rescue);
        sim.Nodes.Locate(fire, qihang);
        Assert.Multiple(() =>
        {
            Assert.That(Says(-1, Core.Communication.MessageKind.NeedReport, rescue), Is.True, "a call from the public says where");
            Assert.That(before, Is.False, "a node that did not know cannot say where");
            Assert.That(Says(fire, Core.Communication.MessageKind.NeedReport, rescue), Is.True, "once it knows, its reports say where");
            Assert.That(Says(fire, Core.Communication.MessageKind.NeedReport, (int)Core.Scenarios.TaskKind.Medical), Is.False, "only reports of trapped people");
            Assert.That(Says(fire, Core.Communication.MessageKind.Claim, rescue), Is.False, "a claim is not a report");
        });
    }

    [Test]
    public void TeamsThatMustSearchFreeThePeopleLater()
    {
        // With the calls failing, the command learns of the compounds' trapped from its units, whose reports do not say where.
        var known = new Simulation(Repo.BuiltIn("public.calls_get_through=0", "time.horizon_h=48"), 5).Run();
        var searched = new Simulation(Repo.BuiltIn([.. s_slowSearch, "public.calls_get_through=0"]), 5).Run();
        Assert.Multiple(() =>
        {
            Assert.That(searched.RescueTimeMeanH, Is.GreaterThan(known.RescueTimeMeanH), "searching at 30 % of the pace frees people later");
            Assert.That(searched.DeathsCivilian, Is.GreaterThanOrEqualTo(known.DeathsCivilian));
        });
    }

    [Test]
    public void EveryTeamKnowsWhereToDigByDefault()
    {
        // The calibrated value: the factor is 1, so whether a node knows changes nothing (ReferenceOutputTests pins the bytes).
        Assert.That(Repo.BuiltIn().Population.UnlocatedRescueFactor, Is.EqualTo(1));
    }
}
