using CrisisSim.Core.Engine;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// The flood kind (hazard.flood, zones.*.flood, actors.*.boats). Each tick every zone's water depth follows its
/// rise and recession; a road with water at either end above road_cut_depth_m is closed to vehicles (boat teams cross
/// it). The first tick the water in a zone reaches trapping_depth_m, each unaffected person there is exposed (in a
/// vehicle, underpass, basement or the metro) with probability exposed_share: the exposed drown at once with
/// probability drowned_share, or are trapped and die after an exponential time of median trapped_median_survival_h
/// unless freed; of the others, displaced_share leave their homes. In water deeper than boat_depth_m only units with
/// boats can rescue (WorkPhase, DispatchPhase).
/// </summary>
internal sealed class FloodHazard : HazardProcess
{
    private Xoshiro256StarStar _rng;
    private readonly bool[] _reached;
    private readonly bool[] _cut;

    public FloodHazard(RunState run)
        : base(run)
    {
        _rng = RandomStreams.Create(run.Seed, RandomStreams.Flood);
        _reached = new bool[run.ZoneCount];
        _cut = new bool[run.Roads.Count];
    }

    public override void Advance()
    {
        var flood = Parameters.Hazard.Flood;
        double now = Tick * Dt;
        for (int z = 0; z < ZoneCount; z++)
        {
            double depth = Parameters.Zones[z].Flood.DepthAt(now);
            Zones.WaterDepthM[z] = depth;
            if (!_reached[z] && depth >= flood.TrappingDepthM)
            {
                _reached[z] = true;
                Inundate(z);
            }
        }

        for (int r = 0; r < _cut.Length; r++)
        {
            var (a, b) = Roads.Ends(r);
            _cut[r] = Math.Max(Zones.WaterDepthM[a], Zones.WaterDepthM[b]) >= flood.RoadCutDepthM;
        }

        Roads.SetFlooded(_cut);
    }

    /// <summary>Hours a person trapped by the water survives: exponential with median trapped_median_survival_h, at the person's frailty.</summary>
    protected override double TrappedHours(int person) =>
        HarmPhase.ExponentialHours(person, Population.HarmPhase.FrailtyTrapped, Parameters.Hazard.Flood.TrappedMedianSurvivalH);

    private void Inundate(int z)
    {
        HazardPhase.MarkOnset();
        var flood = Parameters.Hazard.Flood;
        double exposed = Parameters.Zones[z].Flood.ExposedShare;
        Strike(ref _rng, z, exposed * flood.DrownedShare, exposed * (1 - flood.DrownedShare), 0, 0, (1 - exposed) * flood.DisplacedShare);
        PublicPhase.HearOfDisaster();
    }
}
