using System.Globalization;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// Checks what types and ranges cannot: references between zones, roads and actors, consistency of
/// times and shares, connectivity, and a size limit. Every problem names the key path and position.
/// </summary>
public static class ScenarioValidator
{
    /// <summary>
    /// Throws <see cref="ScenarioException"/> listing every problem in <paramref name="bound"/>, not just the
    /// first, in a fixed order: time, population, size, roads, hazards, actors, connectivity.
    /// </summary>
    public static void Validate(Bound<Scenario> bound)
    {
        var s = bound.Value;
        var problems = new Problems(bound, s.Zones.Select(z => z.Id).ToList());
        CheckTime(s, problems);
        CheckSurvival(s, problems);
        CheckSize(s, problems);
        CheckRoads(s, problems);
        CheckExplosions(s, problems);
        CheckFireAndToxicZones(s, problems);
        CheckEarthquakeAndFlood(s, problems);
        CheckActors(s, problems);
        CheckConnected(s, problems);
        if (problems.Errors.Count > 0)
        {
            throw new ScenarioException(problems.Errors);
        }
    }

    private static void CheckTime(Scenario s, Problems problems)
    {
        if (s.Time.HorizonH * 60 < s.Time.TickMinutes)
        {
            problems.Fail("time.horizon_h", string.Create(CultureInfo.InvariantCulture, $"the horizon ({s.Time.HorizonH} h) is shorter than one tick ({s.Time.TickMinutes} min)"));
        }
    }

    private static void CheckSurvival(Scenario s, Problems problems)
    {
        var p = s.Population;
        if (!(p.TrappedSurvivalDay1 >= p.TrappedSurvivalDay2 && p.TrappedSurvivalDay2 >= p.TrappedSurvivalDay5))
        {
            problems.Fail("population.trapped_survival_day2", "survival of trapped people cannot rise with time: expected day1 ≥ day2 ≥ day5");
        }
    }

    /// <summary>Refuses a scenario whose scaled units or residents would not fit in memory (units reported first).</summary>
    private static void CheckSize(Scenario s, Problems problems)
    {
        var p = s.Population;
        long residents = 0;
        foreach (var z in s.Zones)
        {
            residents += (long)Math.Round(z.Residents * p.Scale);
        }

        long units = 0;
        foreach (var a in s.Actors)
        {
            units += (long)Math.Round(a.Units * p.CapacityScale) + (a.Convergence ? (long)Math.Round(a.ConvergencePool * p.CapacityScale) : 0);
        }

        if (units > ScenarioLoader.MaxUnits)
        {
            problems.Fail("population.scale", string.Create(CultureInfo.InvariantCulture,
                $"the actors would field {units} units (scheduled units and convergence pools, times the scale; about {units * 80 / (1024 * 1024)} MiB); at most {ScenarioLoader.MaxUnits} are supported"));
        }

        if (residents > ScenarioLoader.MaxResidents)
        {
            problems.Fail("population.scale", string.Create(CultureInfo.InvariantCulture,
                $"the scenario would hold {residents} residents (about {residents * 40 / (1024 * 1024)} MiB); at most {ScenarioLoader.MaxResidents} are supported"));
        }
    }

    private static void CheckRoads(Scenario s, Problems problems)
    {
        for (int i = 0; i < s.Roads.Count; i++)
        {
            var r = s.Roads[i];
            problems.CheckZone($"roads.{i}.from", r.From);
            problems.CheckZone($"roads.{i}.to", r.To);
            if (r.From == r.To)
            {
                problems.Fail($"roads.{i}.to", $"a road must join two different zones, but both ends are '{r.From}'");
            }
        }
    }

    /// <summary>
    /// Checks each explosion's zone, then, for every zone, that the explosion's strength times the zone's
    /// blast shares hits at most all of its people and kills at most all responders present.
    /// </summary>
    private static void CheckExplosions(Scenario s, Problems problems)
    {
        for (int i = 0; i < s.Hazard.Explosions.Count; i++)
        {
            var e = s.Hazard.Explosions[i];
            problems.CheckZone($"hazard.explosions.{i}.zone", e.Zone);
            foreach (var z in s.Zones)
            {
                var b = z.Blast;
                double total = e.Strength * (b.Killed + b.Trapped + b.Serious + b.Minor + b.Displaced);
                if (total > 1 + 1e-9)
                {
                    problems.Fail($"zones.{z.Id}.blast", string.Create(CultureInfo.InvariantCulture,
                        $"explosion {i} (strength {e.Strength}) would hit {total:0.###} of the zone's people; the blast shares times the strength must add up to at most 1"));
                }

                if (e.Strength * b.RespondersKilled > 1 + 1e-9)
                {
                    problems.Fail($"zones.{z.Id}.blast.responders_killed", string.Create(CultureInfo.InvariantCulture,
                        $"explosion {i} (strength {e.Strength}) would kill more than all responders present"));
                }
            }
        }
    }

    /// <summary>Checks the zones the fire starts and flares up in (no origin is allowed) and the contaminated zones.</summary>
    private static void CheckFireAndToxicZones(Scenario s, Problems problems)
    {
        problems.CheckZone("hazard.fire.origin", s.Hazard.Fire.Origin, allowEmpty: true);
        for (int i = 0; i < s.Hazard.Fire.FlareUps.Count; i++)
        {
            problems.CheckZone($"hazard.fire.flareups.{i}.zone", s.Hazard.Fire.FlareUps[i].Zone);
        }

        for (int i = 0; i < s.Hazard.Toxic.Zones.Count; i++)
        {
            problems.CheckZone($"hazard.toxic.zones.{i}", s.Hazard.Toxic.Zones[i]);
        }
    }

    /// <summary>Checks that a collapse's outcome shares add up to at most 1 and that every zone's water falls only after it rises.</summary>
    private static void CheckEarthquakeAndFlood(Scenario s, Problems problems)
    {
        var q = s.Hazard.Earthquake;
        double collapse = q.KilledInCollapse + q.TrappedInCollapse + q.SeriousInCollapse + q.MinorInCollapse;
        if (collapse > 1 + 1e-9)
        {
            problems.Fail("hazard.earthquake", string.Create(CultureInfo.InvariantCulture,
                $"killed_in_collapse, trapped_in_collapse, serious_in_collapse and minor_in_collapse add up to {collapse:0.###}; they are shares of the same people and must add up to at most 1"));
        }

        foreach (var z in s.Zones.Where(z => z.Flood.Floods && z.Flood.RecedeStartH < z.Flood.RiseStartH))
        {
            problems.Fail($"zones.{z.Id}.flood.recede_start_h", string.Create(CultureInfo.InvariantCulture,
                $"the water would start to fall ({z.Flood.RecedeStartH} h) before it starts to rise ({z.Flood.RiseStartH} h); expected recede_start_h >= rise_start_h"));
        }
    }

    /// <summary>Checks each actor in turn, then that at most one of them is the official broadcaster.</summary>
    private static void CheckActors(Scenario s, Problems problems)
    {
        int broadcasters = 0;
        foreach (var a in s.Actors)
        {
            CheckActor(a, problems);
            if (a.Tasks.Contains(TaskKind.Information))
            {
                broadcasters++;
            }
        }

        if (broadcasters > 1)
        {
            problems.Fail("actors", "at most one actor may have the task 'information' (the official broadcaster)");
        }
    }

    private static void CheckActor(ActorSettings a, Problems problems)
    {
        string path = $"actors.{a.Id}";
        problems.CheckZone(path + ".base", a.Base);
        if (a.ArrivalEndH < a.ArrivalStartH)
        {
            problems.Fail(path + ".arrival_end_h", string.Create(CultureInfo.InvariantCulture, $"the last arrival ({a.ArrivalEndH} h) is before the first ({a.ArrivalStartH} h)"));
        }

        if (a.Tasks.Count == 0)
        {
            problems.Fail(path + ".tasks", "an actor needs at least one task");
        }

        if (a.Tasks.Distinct().Count() != a.Tasks.Count)
        {
            problems.Fail(path + ".tasks", "a task is listed twice");
        }

        if (a.Tasks.Contains(TaskKind.Information) && a.Sector != Sector.Government)
        {
            problems.Fail(path + ".tasks", "only a government actor can release official information");
        }

        if (a.Convergence && a.ConvergencePool == 0)
        {
            problems.Fail(path + ".convergence_pool", "a converging actor needs a convergence_pool above 0");
        }
    }

    /// <summary>Reports every zone that no chain of roads joins to the first zone.</summary>
    private static void CheckConnected(Scenario s, Problems problems)
    {
        var zoneIds = problems.ZoneIds;
        if (zoneIds.Count == 0)
        {
            return;
        }

        var reached = new bool[zoneIds.Count];
        var queue = new Queue<int>();
        reached[0] = true;
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            int z = queue.Dequeue();
            foreach (var r in s.Roads)
            {
                int a = zoneIds.IndexOf(r.From);
                int b = zoneIds.IndexOf(r.To);
                if (a < 0 || b < 0)
                {
                    continue;
                }

                int other = a == z ? b : b == z ? a : -1;
                if (other >= 0 && !reached[other])
                {
                    reached[other] = true;
                    queue.Enqueue(other);
                }
            }
        }

        for (int i = 0; i < reached.Length; i++)
        {
            if (!reached[i])
            {
                problems.Fail($"zones.{zoneIds[i]}", $"zone '{zoneIds[i]}' is not connected by roads to zone '{zoneIds[0]}'; every zone must be reachable");
            }
        }
    }

    /// <summary>The problems found so far, each positioned at the key it names, and the zone ids references are checked against.</summary>
    private sealed class Problems(Bound<Scenario> bound, List<string> zoneIds)
    {
        public List<ScenarioError> Errors { get; } = [];

        public List<string> ZoneIds => zoneIds;

        public void Fail(string path, string message) => Errors.Add(new ScenarioError(bound.PositionOf(path), path, message));

        /// <summary>Reports <paramref name="id"/> at <paramref name="path"/> unless it names a zone (or is empty and <paramref name="allowEmpty"/>), suggesting the nearest id.</summary>
        public void CheckZone(string path, string id, bool allowEmpty = false)
        {
            if (allowEmpty && id.Length == 0)
            {
                return;
            }

            if (!zoneIds.Contains(id))
            {
                string? hint = SchemaBinder.Suggest(id, zoneIds);
                Fail(path, $"no zone '{id}' is defined" + (hint is null ? $"; zones are: {string.Join(", ", zoneIds)}" : $"; did you mean '{hint}'?"));
            }
        }
    }
}
