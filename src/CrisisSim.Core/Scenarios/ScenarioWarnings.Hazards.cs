namespace CrisisSim.Core.Scenarios;

public static partial class ScenarioWarnings
{
    /// <summary>The needs the earthquake and the flood create (the explosion's are in ScenarioWarnings.Needs.cs).</summary>
    private sealed partial class NeedSources
    {
        /// <summary>zones.ID.quake.vulnerability of the first zone with residents that a shock collapses buildings in, when <paramref name="share"/> of the collapse outcomes is above 0.</summary>
        private string? Quake(Func<EarthquakeSettings, double> share) =>
            _s.Hazard.Earthquake.Shocks.Any(k => k.Strength > 0) && share(_s.Hazard.Earthquake) > 0
                ? Zone(z => z.Quake.Shaking * z.Quake.Vulnerability > 0 && People(z) > 0, "quake.vulnerability") : null;

        /// <summary>zones.ID.flood.exposed_share of the first zone whose water traps exposed residents who do not all drown.</summary>
        private string? FloodTraps() =>
            _s.Hazard.Flood.DrownedShare < 1 ? Zone(z => Traps(z) && z.Flood.ExposedShare > 0, "flood.exposed_share") : null;

        /// <summary>zones.ID.flood.peak_depth_m of the first zone whose water displaces residents.</summary>
        private string? FloodDisplaces() =>
            _s.Hazard.Flood.DisplacedShare > 0 ? Zone(z => Traps(z) && z.Flood.ExposedShare < 1, "flood.peak_depth_m") : null;

        /// <summary>Whether the water in <paramref name="z"/> reaches the trapping depth and there are people to trap.</summary>
        private bool Traps(ZoneSettings z) => z.Flood.Floods && z.Flood.PeakDepthM >= _s.Hazard.Flood.TrappingDepthM && People(z) > 0;
    }

    /// <summary>
    /// The first zone whose water traps people and rises past hazard.flood.boat_depth_m when no actor with the rescue
    /// task fields boats: nobody can rescue there once the water is that deep.
    /// </summary>
    private static string? NoBoats(Scenario s)
    {
        var flood = s.Hazard.Flood;
        bool boats = s.Actors.Any(a => a.Boats && a.Tasks.Contains(TaskKind.Rescue) && Fields(s, a));
        var deep = s.Zones.FirstOrDefault(z => z.Flood.Floods && z.Flood.ExposedShare > 0 && z.Residents > 0
            && z.Flood.PeakDepthM >= flood.TrappingDepthM && z.Flood.PeakDepthM >= flood.BoatDepthM);
        return boats || deep is null ? null : $"zones.{deep.Id}.flood.peak_depth_m";
    }
}
