using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;

namespace CrisisSim.Core.Population;

/// <summary>
/// Donated goods on the road (traffic.donations_by_road): each tick, what the public brings for a site leaves the
/// staging area as one convoy of private cars (kits / traffic.kits_per_car vehicles), loads the roads of its route while
/// it is on them, like a unit's trip, and is stored at the site when it arrives. Convoys use the road network's trip
/// slots after the units'; when every slot is on the road the kits wait at the staging area for the next free one.
/// </summary>
internal sealed class DonationConvoys
{
    /// <summary>Convoys that can be on the road at once (a site's convoys leave once a tick, and trips last hours).</summary>
    public const int Slots = 1024;

    private readonly RoadNetwork _roads;
    private readonly RunMetrics _metrics;
    private readonly int _firstTrip;
    private readonly int _origin;
    private readonly double _kitsPerCar;
    private readonly int[] _site = new int[Slots];
    private readonly double[] _kits = new double[Slots];
    private readonly int[] _arriveTick = new int[Slots];
    private readonly bool[] _onRoad = new bool[Slots];
    private readonly double[] _waiting;
    private int _next;

    private DonationConvoys(Scenario parameters, RoadNetwork roads, RunMetrics metrics, int firstTrip, int origin)
    {
        _roads = roads;
        _metrics = metrics;
        _firstTrip = firstTrip;
        _origin = origin;
        _kitsPerCar = parameters.Traffic.KitsPerCar;
        _waiting = new double[parameters.Zones.Count];
    }

    /// <summary>The convoys of a run whose donations travel by road (traffic.donations_by_road), or null: they do not, or there is no staging area to leave from.</summary>
    public static DonationConvoys? For(Scenario parameters, RoadNetwork roads, RunMetrics metrics, int firstTrip)
    {
        int origin = parameters.Zones.FindIndex(z => z.Kind == ZoneKind.Staging);
        return parameters.Traffic.DonationsByRoad && origin >= 0 ? new DonationConvoys(parameters, roads, metrics, firstTrip, origin) : null;
    }

    /// <summary>
    /// Kits bound for <paramref name="site"/> leave now, or wait at the staging area for a free slot (or for a road to reopen). Returns false when
    /// the site is the staging area itself: there is no trip, and the caller stores them at once.
    /// </summary>
    public bool Send(int site, double kits, int tick, double tickHours)
    {
        if (site == _origin)
        {
            return false;
        }

        double load = _waiting[site] + kits;
        int slot = FreeSlot();
        if (slot < 0 || !_roads.Reachable(_origin, site))
        {
            _waiting[site] = load;
            return true;
        }

        _waiting[site] = 0;
        double vehicles = load / _kitsPerCar;
        double time = _roads.Depart(_firstTrip + slot, _origin, site, vehicles, tick * tickHours);
        _metrics.CongestionDelayH += (time - _roads.FreeTime(_origin, site)) * vehicles;
        _site[slot] = site;
        _kits[slot] = load;
        _arriveTick[slot] = tick + Math.Max(1, (int)Math.Ceiling((time / tickHours) - 1e-9));
        _onRoad[slot] = true;
        return true;
    }

    /// <summary>Convoys whose trip ends at <paramref name="tick"/> leave the road; <paramref name="work"/> stores their kits at their sites.</summary>
    public void Arrive(int tick, Actors.WorkPhase work)
    {
        for (int s = 0; s < Slots; s++)
        {
            if (_onRoad[s] && _arriveTick[s] <= tick)
            {
                _onRoad[s] = false;
                _roads.Arrive(_firstTrip + s);
                work.Store(_site[s], _kits[s]);
            }
        }
    }

    private int FreeSlot()
    {
        for (int k = 0; k < Slots; k++)
        {
            int s = (_next + k) % Slots;
            if (!_onRoad[s])
            {
                _next = (s + 1) % Slots;
                return s;
            }
        }

        return -1;
    }
}
