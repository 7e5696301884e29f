using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Metrics;

/// <summary>
/// What a traced run records besides its events, read from the run state after a tick and changing nothing in it: each
/// zone's state (<see cref="ZoneRecord"/>) and where each node's units are (<see cref="UnitGroup"/>).
/// </summary>
internal static class TraceSnapshot
{
    /// <summary>Each zone's state at the end of the last simulated tick, one record per zone in scenario order.</summary>
    public static void Zones(RunState run, Span<ZoneRecord> into)
    {
        if (into.Length != run.ZoneCount)
        {
            throw new ArgumentException($"expected room for {run.ZoneCount} zones, found {into.Length}", nameof(into));
        }

        var people = run.People;
        var record = run.Record;
        for (int z = 0; z < run.ZoneCount; z++)
        {
            into[z] = new ZoneRecord
            {
                Fire = run.Zones.Fire[z],
                Contaminated = run.Zones.Contaminated[z] ? 1 : 0,
                Unaffected = people.CountIn(z, PersonState.Unaffected),
                Displaced = people.CountIn(z, PersonState.Displaced),
                Injured = people.CountIn(z, PersonState.Injured) + people.CountIn(z, PersonState.InTransit),
                Trapped = people.CountIn(z, PersonState.Trapped),
                Sheltered = people.CountIn(z, PersonState.Sheltered),
                Treated = people.CountIn(z, PersonState.Treated),
                Dead = people.CountIn(z, PersonState.Dead),
                RespondersDead = record.RespondersDeadIn(z),
                Kits = run.Zones.Kits[z],
                NeedRescue = record.PersonsInNeed(z, (int)TaskKind.Rescue),
                NeedMedical = record.PersonsInNeed(z, (int)TaskKind.Medical),
                NeedShelter = record.PersonsInNeed(z, (int)TaskKind.Shelter),
                NeedSupplies = record.PersonsInNeed(z, (int)TaskKind.Supplies),
                HqKnowsRescue = record.HeadquartersKnows(z, (int)TaskKind.Rescue) ? 1 : 0,
                HqKnowsMedical = record.HeadquartersKnows(z, (int)TaskKind.Medical) ? 1 : 0,
                HqKnowsShelter = record.HeadquartersKnows(z, (int)TaskKind.Shelter) ? 1 : 0,
                HqKnowsSupplies = record.HeadquartersKnows(z, (int)TaskKind.Supplies) ? 1 : 0,
            };
        }
    }

    /// <summary>
    /// The units present (idle, travelling, working, carrying; not the absent or lost), grouped by node, state, zone and
    /// target, in that order; a unit that is not on the road has no target (-1).
    /// </summary>
    public static void Units(RunState run, List<UnitGroup> into)
    {
        into.Clear();
        var units = run.Units;
        var groups = new SortedDictionary<(int Node, UnitState State, int Zone, int Target), (int Units, int Members)>();
        for (int u = 0; u < run.Roster.Count; u++)
        {
            var state = units.State[u];
            if (state is UnitState.Absent or UnitState.Lost)
            {
                continue;
            }

            int target = state is UnitState.Travelling or UnitState.Carrying ? units.Target[u] : -1;
            var key = (units.Owner[u], state, units.Zone[u], target);
            var (n, members) = groups.GetValueOrDefault(key);
            groups[key] = (n + 1, members + units.Members[u]);
        }

        foreach (var (key, value) in groups)
        {
            into.Add(new UnitGroup(key.Node, key.State, key.Zone, key.Target, value.Units, value.Members));
        }
    }
}
