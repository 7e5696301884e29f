using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Tests.Robustness;

namespace CrisisSim.Tests.Hazards;

/// <summary>The earthquake kind (docs/model.md, hazards): collapse by shaking and vulnerability, aftershocks, landslides.</summary>
public class EarthquakeTests
{
    private const int Village = 0;
    private const int Town = 1;
    private const int City = 2;
    private const int Staging = 5;
    private const int VillageRoad = 0;

    [Test]
    public void PeopleAreConservedAndEveryLawHoldsAtEveryTick([Values(1UL, 2UL, 3UL)] ulong seed)
    {
        var metrics = SimulationInvariants.RunChecked(new Simulation(HazardScenarios.Quake(), seed));
        Assert.That(metrics.Rescued, Is.GreaterThan(0), "people are trapped and freed (else the laws were checked on little)");
    }

    [Test]
    public void TheMainShockCollapsesBuildingsByShakingTimesVulnerability()
    {
        var sim = new Simulation(HazardScenarios.Quake(), 4);
        sim.Step();

        // Village: 3,000 × collapse 1 × 0.2 = 600 in collapses: 60 killed, 180 trapped. Town: 5,000 × 0.5 × 0.1 = 250: 25 killed, 75 trapped.
        Assert.That(sim.People.CountIn(Village, PersonState.Dead), Is.InRange(60 - 27, 60 + 27));
        Assert.That(sim.People.CountIn(Village, PersonState.Trapped), Is.InRange(180 - 45, 180 + 45));
        Assert.That(sim.People.CountIn(Town, PersonState.Dead), Is.InRange(25 - 18, 25 + 18));
        Assert.That(sim.People.CountIn(Town, PersonState.Trapped), Is.InRange(75 - 30, 75 + 30));

        // Displaced: the collapses' unhurt (0.3 of them) and the standing buildings' displaced_by_damage × shaking.
        double village = 3000 * ((0.2 * 0.3) + (0.8 * 0.4));
        Assert.That(sim.People.CountIn(Village, PersonState.Displaced), Is.InRange(village * 0.9, village * 1.1));
        Assert.That(sim.People.CountIn(City, PersonState.Unaffected), Is.EqualTo(4000), "no shaking, no harm");
    }

    [Test]
    public void AnAftershockStrikesOnlyThoseStillInTheirBuildings()
    {
        var sim = new Simulation(HazardScenarios.Quake(), 9);
        int aftershock = (int)Math.Round(2 / sim.TickHours);
        while (sim.Tick < aftershock)
        {
            sim.Step();
        }

        var before = (PersonState[])sim.People.State.Clone();
        int unaffected = sim.People.CountIn(Village, PersonState.Unaffected);
        sim.Step();
        int struck = 0;
        for (int p = 0; p < before.Length; p++)
        {
            var now = sim.People.State[p];
            if (before[p] == PersonState.Displaced)
            {
                Assert.That(now, Is.AnyOf(PersonState.Displaced, PersonState.Sheltered), $"person {p}, out of doors before the aftershock, is not struck by it");
            }

            if (before[p] == PersonState.Unaffected && (now == PersonState.Trapped || now == PersonState.Dead))
            {
                struck++;
            }
        }

        Assert.That(struck, Is.GreaterThan(0), $"the aftershock (strength 0.3) collapses more buildings on the {unaffected} still unaffected in the village");
    }

    [Test]
    public void ALandslideCutsTheRoadUntilItIsClearedAndNobodyReachesTheVillageMeanwhile()
    {
        var scenario = HazardScenarios.Quake();
        scenario.Hazard.Earthquake.Shocks.RemoveAt(1); // the main shock alone: the road is cut at 0 h (risk 1) and cleared at 6 h
        var sim = new Simulation(scenario, 2);
        while (sim.Tick * sim.TickHours < 6 - 1e-9)
        {
            sim.Step();
            Assert.That(sim.Roads.IsClosed(VillageRoad), Is.True);
            Assert.That(sim.Roads.Reachable(Staging, Village), Is.False);
            for (int u = 0; u < sim.Units.Zone.Length; u++)
            {
                Assert.That(sim.Units.State[u] != UnitState.Absent && sim.Units.Zone[u] == Village, Is.False, $"unit {u} is in the cut-off village at tick {sim.Tick - 1}");
            }
        }

        sim.Step();
        Assert.That(sim.Roads.IsClosed(VillageRoad), Is.False, "cleared at 6 h");
        var metrics = sim.Run();
        Assert.That(metrics.Rescued, Is.GreaterThan(0), "once the road is open the village's trapped are reached");
    }

    [Test]
    public void ARoadWithoutLandslideRiskIsNeverCut()
    {
        var sim = new Simulation(HazardScenarios.Quake("roads.0.landslide_risk=0"), 2);
        while (!sim.Done)
        {
            sim.Step();
            for (int r = 0; r < sim.Roads.Count; r++)
            {
                Assert.That(sim.Roads.IsClosed(r), Is.False);
            }
        }
    }

    [Test]
    public void TheSameSeedGivesTheSameRunAndTheQuakeHasItsOwnStream()
    {
        var a = new Simulation(HazardScenarios.Quake(), 21).Run();
        var b = new Simulation(HazardScenarios.Quake(), 21).Run();
        Assert.That((a.DeathsCivilian, a.Rescued, a.RescueTimeMeanH), Is.EqualTo((b.DeathsCivilian, b.Rescued, b.RescueTimeMeanH)));

        // Who the main shock strikes depends on the earthquake stream alone: an explosion at the same tick, drawing from
        // the hazard stream for the city's residents first, changes nobody's fate in the quake's zones.
        var quake = new Simulation(HazardScenarios.Quake(), 21);
        var both = HazardScenarios.Quake("zones.city.blast.killed=0.1", "zones.city.blast.displaced=0.3");
        both.Hazard.Explosions = [new CrisisSim.Core.Scenarios.ExplosionSettings { TimeH = 0, Strength = 1, Zone = "city" }];
        var withExplosion = new Simulation(both, 21);
        quake.Step();
        withExplosion.Step();
        Assert.That(withExplosion.People.CountIn(City, PersonState.Dead), Is.GreaterThan(0), "the explosion struck the city");
        for (int p = 0; p < quake.People.Count; p++)
        {
            if (quake.People.HomeZone[p] != City)
            {
                Assert.That(withExplosion.People.State[p], Is.EqualTo(quake.People.State[p]), $"person {p} outside the city");
            }
        }
    }
}
