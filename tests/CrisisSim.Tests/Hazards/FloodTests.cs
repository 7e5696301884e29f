using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Tests.Robustness;

namespace CrisisSim.Tests.Hazards;

/// <summary>The flood kind (docs/model.md, hazards): water by zone, roads cut to vehicles, the exposed trapped, boats.</summary>
public class FloodTests
{
    private const int LowTown = 0;
    private const int HighTown = 1;
    private const int Staging = 4;

    [Test]
    public void PeopleAreConservedAndEveryLawHoldsAtEveryTick([Values(1UL, 2UL, 3UL)] ulong seed)
    {
        var metrics = SimulationInvariants.RunChecked(new Simulation(HazardScenarios.Flood(), seed));
        Assert.That(metrics.DeathsCivilian, Is.GreaterThan(0), "the flood kills (else the laws were checked on nothing)");
    }

    [Test]
    public void WaterFollowsItsRiseAndRecessionAndCutsRoadsToVehiclesOnly()
    {
        var scenario = HazardScenarios.Flood();
        var sim = new Simulation(scenario, 1);
        bool sawCut = false;
        while (!sim.Done)
        {
            double hours = sim.Tick * sim.TickHours;
            sim.Step();
            double depth = scenario.Zones[LowTown].Flood.DepthAt(hours);
            Assert.That(sim.Zones.WaterDepthM[LowTown], Is.EqualTo(depth).Within(1e-12), $"depth at {hours} h");
            Assert.That(sim.Zones.WaterDepthM[HighTown], Is.Zero, "the high town stays dry");
            bool cut = depth >= 0.3;
            sawCut |= cut;
            Assert.That(sim.Roads.IsClosed(0), Is.EqualTo(cut), $"staging–low town closed exactly while the water is 0.3 m or more ({hours} h)");
            Assert.That(sim.Roads.Reachable(Staging, LowTown), Is.EqualTo(!cut), $"by road ({hours} h)");
            Assert.That(sim.Roads.Reachable(Staging, LowTown, boat: true), Is.True, $"by boat always ({hours} h)");
        }

        Assert.That(sawCut, Is.True);
    }

    [Test]
    public void TheExposedAreTrappedOrDrownedOnceWhenTheWaterReachesThemAndNobodyElse()
    {
        var sim = new Simulation(HazardScenarios.Flood("actors.boat_team.units=0", "actors.fire.units=0"), 7);
        while (sim.Zones.WaterDepthM[LowTown] < 0.5)
        {
            sim.Step();
        }

        // The tick the water reached 0.5 m: of 2,000, each exposed with 0.1 (200), of whom 0.2 drown (40); 0.3 of the rest displaced (540).
        int dead = sim.People.CountIn(LowTown, PersonState.Dead);
        int trapped = sim.People.CountIn(LowTown, PersonState.Trapped);
        Assert.That(dead + trapped, Is.InRange(200 - 45, 200 + 45), "exposed: binomial(2000, 0.1) within 3.5 sd");
        Assert.That(dead, Is.InRange(40 - 23, 40 + 23), "drowned: about 0.02 of 2,000");
        Assert.That(sim.People.CountIn(LowTown, PersonState.Displaced), Is.InRange(540 - 75, 540 + 75));
        Assert.That(sim.People.CountIn(HighTown, PersonState.Unaffected), Is.EqualTo(1000), "the dry town is untouched");

        // Water that stays deep traps nobody more: the zone is struck once.
        int before = sim.People.CountIn(LowTown, PersonState.Unaffected);
        sim.Step();
        sim.Step();
        Assert.That(sim.People.CountIn(LowTown, PersonState.Unaffected), Is.InRange(before - 5, before), "only a few leave (self-evacuation), none are trapped");
    }

    [Test]
    public void TheTrappedDieAfterTheirOwnMedianWhenNobodyComes()
    {
        var sim = new Simulation(HazardScenarios.Flood("actors.boat_team.units=0", "actors.fire.units=0", "hazard.flood.drowned_share=0", "zones.low_town.flood.exposed_share=0.3"), 3);
        while (sim.People.CountIn(LowTown, PersonState.Trapped) == 0)
        {
            sim.Step();
        }

        int trapped = sim.People.CountIn(LowTown, PersonState.Trapped);
        int at = sim.Tick;
        while ((sim.Tick - at) * sim.TickHours < 4 - 1e-9)
        {
            sim.Step();
        }

        double alive = sim.People.CountIn(LowTown, PersonState.Trapped) / (double)trapped;
        Assert.That(trapped, Is.GreaterThan(450), "about 600 trapped");
        Assert.That(alive, Is.InRange(0.40, 0.60), "half of them still alive after the median of 4 h");
    }

    [Test]
    public void OnlyBoatTeamsRescueInDeepWater()
    {
        // Roads stay open to vehicles (cut only at 5 m), so units without boats reach the low town: what stops them is
        // the depth at which rescue needs boats (0.8 m, from 2.6 h until the water falls below it at 12.4 h).
        var withoutBoats = new Simulation(HazardScenarios.Flood("actors.boat_team.units=0", "hazard.flood.road_cut_depth_m=5"), 5);
        var withBoats = new Simulation(HazardScenarios.Flood("hazard.flood.road_cut_depth_m=5"), 5);
        int rescuedInDeepWater = 0;
        int rescuedInShallowWater = 0;
        int boatsInDeepWater = 0;
        while (!withoutBoats.Done)
        {
            int before = withoutBoats.Metrics.Rescued;
            int boatsBefore = withBoats.Metrics.Rescued;
            withoutBoats.Step();
            withBoats.Step();
            bool deep = withoutBoats.Zones.WaterDepthM[LowTown] >= 0.8;
            int freed = withoutBoats.Metrics.Rescued - before;
            rescuedInDeepWater += deep ? freed : 0;
            rescuedInShallowWater += deep ? 0 : freed;
            boatsInDeepWater += deep ? withBoats.Metrics.Rescued - boatsBefore : 0;
        }

        Assert.That(rescuedInDeepWater, Is.Zero, "no unit without boats rescues in water of boat_depth_m or more");
        Assert.That(rescuedInShallowWater, Is.GreaterThan(0), "the same units do rescue where the water is shallower (so they were there to be stopped)");
        Assert.That(boatsInDeepWater, Is.GreaterThan(0), "boat teams rescue while the water is deep");
    }

    [Test]
    public void TheSameSeedGivesTheSameRun()
    {
        var a = new Simulation(HazardScenarios.Flood(), 11).Run();
        var b = new Simulation(HazardScenarios.Flood(), 11).Run();
        Assert.That((a.DeathsCivilian, a.Rescued, a.CongestionDelayH, a.UnmetRescueHours), Is.EqualTo((b.DeathsCivilian, b.Rescued, b.CongestionDelayH, b.UnmetRescueHours)));
    }
}
