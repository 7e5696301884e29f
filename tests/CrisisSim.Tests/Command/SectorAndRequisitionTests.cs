using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Command;

/// <summary>
/// The semi-official sector, the counterfactual governance.organisations (absent, absorbed) and requisition.
/// </summary>
public class SectorAndRequisitionTests
{
    private static int Node(Simulation sim, string id) => Array.IndexOf(sim.Nodes.Ids, id);

    [Test]
    public void TheRedCrossAndTheVolunteerHubAreSemiOfficialAndCommanded()
    {
        var scenario = Repo.BuiltIn();
        var sim = new Simulation(scenario, 1);
        foreach (string id in new[] { "red_cross", "volunteer_hub" })
        {
            Assert.That(scenario.Actors.Single(a => a.Id == id).Sector, Is.EqualTo(Sector.SemiOfficial), id);
            Assert.That(sim.Nodes.Traits[Node(sim, id)], Is.EqualTo(new SectorTraits(UnderCommand: true, AsksPermission: false, CountsAsVolunteers: true, GuessesFromMedia: true, Responds: true)), id);
            Assert.That(sim.Nodes.AuthorisedTick[Node(sim, id)], Is.Zero, id + " is authorised everywhere from the start");
        }
    }

    [TestCase("governance.trust=0")]
    [TestCase("governance.legal.authorisation_delay_h=200")]
    [TestCase("governance.legal.permitted_task_share=0")]
    public void NoCoGovernanceLeverActsOnASemiOfficialBody(string lever)
    {
        // Under co-governance, with the hub needing authorisation: the levers act on the organisations, never on the hub.
        string[] co = ["governance.mode=co-governance", "governance.communication=hierarchical", "actors.volunteer_hub.needs_authorisation=true", "time.horizon_h=36"];
        var baseline = new ListSink();
        var moved = new ListSink();
        var a = new Simulation(Repo.BuiltIn(co), 6, baseline);
        a.Run();
        var b = new Simulation(Repo.BuiltIn([.. co, lever]), 6, moved);
        b.Run();
        int hub = Node(a, "volunteer_hub");
        Assert.Multiple(() =>
        {
            Assert.That(moved.Events.Where(e => e.Node == hub && e.Kind is TraceKind.TaskRefused), Is.Empty, "never refused");
            Assert.That(moved.Events.Where(e => e.Other == hub && e.Kind is TraceKind.MessageDistrusted), Is.Empty, "never distrusts the command");
            Assert.That(b.Nodes.AuthorisedTick[hub], Is.Zero, "authorised from the start");
            Assert.That(moved.Events.Count(e => e.Node == hub && e.Kind == TraceKind.TaskClaimed), Is.GreaterThan(0), "and it works");
        });
    }

    [Test]
    public void SemiOfficialParsesFromYaml()
    {
        var scenario = Repo.BuiltIn("actors.blue_sky_rescue.sector=semi-official");
        Assert.That(scenario.Actors.Single(a => a.Id == "blue_sky_rescue").Sector, Is.EqualTo(Sector.SemiOfficial));
        Assert.That(() => Repo.BuiltIn("actors.blue_sky_rescue.sector=semiofficial"), Throws.Exception);
    }

    [Test]
    public void WithTheOrganisationsAbsentNoneOfTheirUnitsEverArrives()
    {
        var sim = new Simulation(Repo.BuiltIn("governance.organisations=absent", "time.horizon_h=48"), 3);
        var organisations = Enumerable.Range(Nodes.FirstActor, sim.Nodes.ActorEnd - Nodes.FirstActor).Where(n => sim.Nodes.Sector[n] == Sector.Organisation).ToHashSet();
        var theirUnits = Enumerable.Range(0, sim.Units.Owner.Length).Where(u => organisations.Contains(sim.Units.Owner[u])).ToList();
        bool everPresent = false;
        int othersPresent = 0;
        sim.Run(s =>
        {
            everPresent |= theirUnits.Any(u => s.Units.State[u] != UnitState.Absent);
            othersPresent = Enumerable.Range(0, s.Units.Owner.Length).Count(u => !organisations.Contains(s.Units.Owner[u]) && s.Units.State[u] != UnitState.Absent);
        });
        Assert.Multiple(() =>
        {
            Assert.That(organisations, Has.Count.EqualTo(4), "Blue Sky, the foundation, spontaneous volunteers, blood donors");
            Assert.That(theirUnits, Is.Not.Empty);
            Assert.That(everPresent, Is.False, "no organisation unit ever leaves Absent, convergence included");
            Assert.That(organisations.Select(n => sim.Nodes.FirstArrivalTick[n]), Is.All.EqualTo(int.MaxValue));
            Assert.That(othersPresent, Is.GreaterThan(0), "government and the semi-official bodies respond");
        });
    }

    [TestCase("single-government")]
    [TestCase("co-governance")]
    public void AbsorbedOrganisationsAreCommandedAskNoPermissionAndReportUpTheChain(string mode)
    {
        string[] arm = ["governance.mode=" + mode, "governance.communication=liaison", "governance.legal.permitted_task_share=0", "time.horizon_h=36"];
        var absorbedSink = new ListSink();
        var absorbed = new Simulation(Repo.BuiltIn([.. arm, "governance.organisations=absorbed"]), 8, absorbedSink);
        absorbed.Run();
        var organisations = Enumerable.Range(Nodes.FirstActor, absorbed.Nodes.ActorEnd - Nodes.FirstActor).Where(n => absorbed.Nodes.Sector[n] == Sector.Organisation).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(organisations.Select(n => absorbed.Nodes.Traits[n].UnderCommand), Is.All.True);
            Assert.That(organisations.Select(n => absorbed.Nodes.Integrated[n]), Is.All.True);
            Assert.That(absorbedSink.Events.Where(e => e.Kind == TraceKind.TaskRefused), Is.Empty, "no permission draws");
            foreach (int n in organisations.Where(n => absorbedSink.Events.Any(e => e.Kind == TraceKind.TaskClaimed && e.Node == n)))
            {
                var sent = absorbedSink.Events.Where(e => e.Kind == TraceKind.MessageSent && e.Node == n).ToList();
                Assert.That(sent.Select(e => (e.Other, (Channel)e.Channel)), Is.All.EqualTo((Nodes.DistrictCommand, Channel.Hierarchy)), absorbed.Nodes.Ids[n] + " reports up the chain of command only");
                Assert.That(sent, Is.Not.Empty, absorbed.Nodes.Ids[n]);
            }
        });
        if (mode == "co-governance")
        {
            var independent = new ListSink();
            new Simulation(Repo.BuiltIn(arm), 8, independent).Run();
            Assert.That(independent.Events.Where(e => e.Kind == TraceKind.TaskRefused), Is.Not.Empty, "independent, the permission draws refuse them");
        }
    }

    [Test]
    public void RequisitionMovesAnOrganisationsStockToTheGovernmentAfterTheLagOnce()
    {
        // A threshold no government stock reaches: the foundation's procured kits are requisitioned once they are there.
        string[] arm = ["governance.mode=single-government", "command.requisition_below_kits=100000000", "command.requisition_lag_h=3"];
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn(arm), 2, sink);
        int foundation = Node(sim, "foundation");
        int store = Node(sim, "civil_affairs");
        var foundationStock = new List<double>();
        var storeStock = new List<double>();
        var metrics = sim.Run(s =>
        {
            foundationStock.Add(s.Nodes.Stock[foundation]);
            storeStock.Add(s.Nodes.Stock[store]);
        });
        var requisitions = sink.Events.Where(e => e.Kind == TraceKind.StockRequisitioned).ToList();
        Assert.That(requisitions.Select(e => e.Other), Is.EqualTo(new[] { foundation }), "once, of the only organisation outside command holding stock");
        var r = requisitions[0];
        int lag = (int)Math.Ceiling(3 / sim.TickHours - 1e-9);
        double mostDeliveredInATick = 12 * 150 * sim.TickHours;
        Assert.Multiple(() =>
        {
            Assert.That(r.Value, Is.EqualTo(20_000), "the foundation's procured kits");
            Assert.That(metrics.KitsRequisitioned, Is.EqualTo(r.Value));
            Assert.That(foundationStock[r.Tick], Is.Zero, "they leave the organisation at once");
            Assert.That(storeStock[r.Tick + lag] - storeStock[r.Tick + lag - 1], Is.GreaterThanOrEqualTo(r.Value - mostDeliveredInATick), "and reach civil affairs after the lag");
            for (int t = r.Tick; t < r.Tick + lag; t++)
            {
                Assert.That(storeStock[t] - (t == 0 ? 0 : storeStock[t - 1]), Is.LessThanOrEqualTo(0), "not before: tick " + t);
            }
        });
    }

    [Test]
    public void NoRequisitionAtAThresholdOfZero()
    {
        var sink = new ListSink();
        var metrics = new Simulation(Repo.BuiltIn("command.requisition_below_kits=0"), 2, sink).Run();
        Assert.That(sink.Events.Where(e => e.Kind == TraceKind.StockRequisitioned), Is.Empty);
        Assert.That(metrics.KitsRequisitioned, Is.Zero);
    }
}
