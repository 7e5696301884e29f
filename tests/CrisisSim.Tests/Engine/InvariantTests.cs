using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>Conservation and sanity laws checked at every tick over many seeds and every governance arm.</summary>
public class InvariantTests
{
    private static readonly string[][] s_arms =
    [
        ["governance.mode=single-government"],
        ["governance.mode=co-governance", "governance.communication=hierarchical"],
        ["governance.mode=co-governance", "governance.communication=liaison"],
        ["governance.mode=co-governance", "governance.communication=platform", "communication.platform.hub_filtering=true"],
        ["governance.mode=single-government", "traffic.casualties_by_road=true"],
    ];

    [Test]
    public void InvariantsHoldAtEveryTickOverManySeeds([Range(0, 4)] int arm)
    {
        var scenario = Repo.BuiltIn([.. s_arms[arm], "time.horizon_h=72", "population.scale=0.3"]);
        for (ulong seed = 1; seed <= 6; seed++)
        {
            var sim = new Simulation(scenario, seed);
            var wasDead = new bool[sim.People.Count];
            int deadBefore = 0;
            int respondersBefore = 0;
            while (!sim.Done)
            {
                sim.Step();
                CheckTick(sim, wasDead, ref deadBefore, ref respondersBefore, seed);
            }
        }
    }

    private static void CheckTick(Simulation sim, bool[] wasDead, ref int deadBefore, ref int respondersBefore, ulong seed)
    {
        string where = $"seed {seed}, tick {sim.Tick - 1}";
        var people = sim.People;
        int total = 0;
        foreach (PersonState state in Enum.GetValues<PersonState>())
        {
            total += people.Total(state);
        }

        Assert.That(total, Is.EqualTo(people.Count), $"people are conserved across states ({where})");
        var r = sim.Current;
        Assert.That(r.Unaffected + r.Displaced + r.Injured + r.Trapped + r.Sheltered + r.Treated + r.Dead, Is.EqualTo(people.Count), $"the tick record adds up ({where})");

        for (int p = 0; p < people.Count; p++)
        {
            if (wasDead[p])
            {
                Assert.That(people.State[p], Is.EqualTo(PersonState.Dead), $"person {p} came back from the dead ({where})");
            }

            wasDead[p] = people.State[p] == PersonState.Dead;
        }

        Assert.That(r.Dead, Is.GreaterThanOrEqualTo(deadBefore), $"deaths never decrease ({where})");
        Assert.That(r.RespondersDead, Is.GreaterThanOrEqualTo(respondersBefore), $"responder deaths never decrease ({where})");
        deadBefore = r.Dead;
        respondersBefore = r.RespondersDead;

        var zones = sim.Zones;
        for (int z = 0; z < sim.ZoneIds.Length; z++)
        {
            Assert.That(zones.Kits[z], Is.GreaterThanOrEqualTo(0), $"kits at {sim.ZoneIds[z]} ({where})");
            Assert.That(zones.Kits[z], Is.LessThanOrEqualTo(zones.StorageKits[z] + 1e-9), $"kits within storage at {sim.ZoneIds[z]} ({where})");
            Assert.That(zones.Blood[z], Is.GreaterThanOrEqualTo(0), $"blood at {sim.ZoneIds[z]} ({where})");
            Assert.That(zones.Fire[z], Is.InRange(0.0, 1.0), $"fire at {sim.ZoneIds[z]} ({where})");
            Assert.That(zones.BedsUsed[z], Is.InRange(0, zones.Beds[z]), $"beds at {sim.ZoneIds[z]} ({where})");
            Assert.That(people.CountIn(z, PersonState.Sheltered), Is.LessThanOrEqualTo(zones.ShelterCapacity[z]), $"shelter capacity at {sim.ZoneIds[z]} ({where})");
            Assert.That(people.CountIn(z, PersonState.Treated) + people.CountIn(z, PersonState.InTransit), Is.EqualTo(zones.BedsUsed[z] + zones.BedsFreed[z]), $"one bed per admitted casualty, in use or freed by a discharge, and one reserved per casualty on the way, at {sim.ZoneIds[z]} ({where})");
        }

        var nodes = sim.Nodes;
        for (int n = 0; n < nodes.Count; n++)
        {
            Assert.That(nodes.Stock[n], Is.GreaterThanOrEqualTo(0), $"stock of {nodes.Ids[n]} ({where})");
            for (int z = 0; z < sim.ZoneIds.Length; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    Assert.That(nodes.ClaimUnits[nodes.ClaimIndex(n, n, z, t)], Is.GreaterThanOrEqualTo(0), $"claims of {nodes.Ids[n]} ({where})");
                }
            }
        }

        var units = sim.Units;
        for (int u = 0; u < units.Capacity; u++)
        {
            Assert.That(units.Members[u], Is.GreaterThanOrEqualTo(0), $"unit {u} members ({where})");
            if (units.State[u] == UnitState.Lost)
            {
                Assert.That(units.Members[u], Is.EqualTo(0), $"a lost unit has no members ({where})");
            }
        }
    }

    [TestCase]
    [TestCase("traffic.casualties_by_road=true")]
    public void OwnClaimsEqualTheUnitsCommitted(params string[] more)
    {
        var sim = new Simulation(Repo.BuiltIn(["governance.mode=co-governance", "governance.communication=platform", .. more]), 3);
        while (!sim.Done)
        {
            sim.Step();
            var committed = new Dictionary<(int Node, int Zone, int Task), int>();
            for (int u = 0; u < sim.Units.Capacity; u++)
            {
                if (sim.Units.State[u] is UnitState.Travelling or UnitState.Working)
                {
                    var key = (sim.Units.Owner[u], sim.Units.Target[u], (int)sim.Units.Task[u]);
                    committed[key] = committed.GetValueOrDefault(key) + 1;
                }
            }

            for (int n = 0; n < sim.Nodes.Count; n++)
            {
                for (int z = 0; z < sim.ZoneIds.Length; z++)
                {
                    for (int t = 0; t < Nodes.NeedCount; t++)
                    {
                        Assert.That(sim.Nodes.ClaimUnits[sim.Nodes.ClaimIndex(n, n, z, t)], Is.EqualTo(committed.GetValueOrDefault((n, z, t))),
                            $"claims of {sim.Nodes.Ids[n]} at zone {sim.ZoneIds[z]}, task {t}, tick {sim.Tick - 1}");
                    }
                }
            }
        }
    }
}
