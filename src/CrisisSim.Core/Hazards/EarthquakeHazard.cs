using CrisisSim.Core.Engine;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// The earthquake kind (hazard.earthquake, zones.*.quake, roads[*].landslide_risk). At each shock, every unaffected
/// person in a zone is in a building that collapses with probability shaking × vulnerability × strength; in a collapse
/// they are killed, trapped, seriously or lightly injured, or get out and are displaced, by the collapse shares; in a
/// standing building they leave it as unsafe with probability displaced_by_damage × shaking × strength. An aftershock
/// strikes only those still unaffected (the people already out of their homes are not in buildings). Then each road
/// at risk is cut with probability landslide_risk × strength × the larger shaking of its ends, until cleared.
/// Nobody learns of the trapped from the shock itself: the calls of the public and the units' reports tell them.
/// </summary>
internal sealed class EarthquakeHazard(RunState run) : HazardProcess(run)
{
    private Xoshiro256StarStar _rng = RandomStreams.Create(run.Seed, RandomStreams.Earthquake);

    public override void Advance()
    {
        Roads.ReopenCleared(Tick * Dt);
        foreach (var shock in Parameters.Hazard.Earthquake.Shocks)
        {
            if (TicksFor(shock.TimeH) == Tick)
            {
                Shake(shock.Strength);
            }
        }
    }

    private void Shake(double strength)
    {
        HazardPhase.MarkOnset();
        var q = Parameters.Hazard.Earthquake;
        double escaped = Math.Max(0, 1 - q.KilledInCollapse - q.TrappedInCollapse - q.SeriousInCollapse - q.MinorInCollapse);
        for (int z = 0; z < ZoneCount; z++)
        {
            var zone = Parameters.Zones[z].Quake;
            double collapse = Math.Min(1, zone.Shaking * zone.Vulnerability * strength);
            double unsafeHome = (1 - collapse) * Math.Min(1, q.DisplacedByDamage * zone.Shaking * strength);
            Strike(ref _rng, z, collapse * q.KilledInCollapse, collapse * q.TrappedInCollapse, collapse * q.SeriousInCollapse,
                collapse * q.MinorInCollapse, (collapse * escaped) + unsafeHome);
        }

        CutRoads(strength, q.RoadClearanceH);
        PublicPhase.HearOfDisaster();
    }

    private void CutRoads(double strength, double clearanceH)
    {
        for (int r = 0; r < Roads.Count; r++)
        {
            double risk = Parameters.Roads[r].LandslideRisk;
            if (risk <= 0)
            {
                continue;
            }

            var (a, b) = Roads.Ends(r);
            double shaking = Math.Max(Parameters.Zones[a].Quake.Shaking, Parameters.Zones[b].Quake.Shaking);
            if (_rng.NextDouble() < risk * strength * shaking)
            {
                Roads.Close(r, (Tick * Dt) + clearanceH);
            }
        }
    }
}
