using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.World;

/// <summary>
/// Roads between zones with congestion. Routes are the free-flow shortest paths (Floyd–Warshall,
/// computed once); the travel time of a trip is fixed when it departs, from the load on each road of its
/// route then, by the BPR function t = t0 · (1 + α (flow/capacity)^β). A trip loads its roads until it
/// arrives. Routes are stored flat (one int array) so a departure allocates nothing.
/// </summary>
public sealed class RoadNetwork
{
    private readonly int _zones;
    private readonly double[] _freeTime;
    private readonly double[] _capacity;
    private readonly double[] _load;
    private readonly int[] _routeStart;
    private readonly int[] _routeLength;
    private readonly int[] _routeRoads;
    private readonly double[] _freeRouteTime;
    private readonly double _alpha;
    private readonly double _beta;

    /// <summary>Builds the network for <paramref name="zoneIds"/> from <paramref name="scenario"/>'s roads.</summary>
    public RoadNetwork(Scenario scenario, IReadOnlyList<string> zoneIds)
    {
        _zones = zoneIds.Count;
        int roads = scenario.Roads.Count;
        _freeTime = new double[roads];
        _capacity = new double[roads];
        _load = new double[roads];
        _alpha = scenario.Traffic.BprAlpha;
        _beta = scenario.Traffic.BprBeta;
        var ends = new (int A, int B)[roads];
        for (int r = 0; r < roads; r++)
        {
            var road = scenario.Roads[r];
            ends[r] = (IndexOf(zoneIds, road.From), IndexOf(zoneIds, road.To));
            _freeTime[r] = road.TravelTimeH;
            _capacity[r] = road.CapacityVehiclesH * scenario.Population.CapacityScale; // a bigger city has more lanes, as it has more vehicles
        }

        // Floyd–Warshall over free-flow times; ties broken by lower road index for determinism.
        int n = _zones;
        var dist = new double[n * n];
        var firstRoad = new int[n * n];
        Array.Fill(dist, double.PositiveInfinity);
        Array.Fill(firstRoad, -1);
        var next = new int[n * n];
        Array.Fill(next, -1);
        for (int z = 0; z < n; z++)
        {
            dist[(z * n) + z] = 0;
        }

        for (int r = 0; r < roads; r++)
        {
            var (a, b) = ends[r];
            if (_freeTime[r] < dist[(a * n) + b])
            {
                dist[(a * n) + b] = dist[(b * n) + a] = _freeTime[r];
                next[(a * n) + b] = b;
                next[(b * n) + a] = a;
                firstRoad[(a * n) + b] = firstRoad[(b * n) + a] = r;
            }
        }

        var roadBetween = (int[])firstRoad.Clone();
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double via = dist[(i * n) + k] + dist[(k * n) + j];
                    if (via < dist[(i * n) + j] - 1e-12)
                    {
                        dist[(i * n) + j] = via;
                        next[(i * n) + j] = next[(i * n) + k];
                    }
                }
            }
        }

        _freeRouteTime = dist;
        _routeStart = new int[n * n];
        _routeLength = new int[n * n];
        var flat = new List<int>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                _routeStart[(i * n) + j] = flat.Count;
                int at = i;
                while (at != j && next[(at * n) + j] >= 0)
                {
                    int step = next[(at * n) + j];
                    flat.Add(roadBetween[(at * n) + step]);
                    at = step;
                }

                _routeLength[(i * n) + j] = flat.Count - _routeStart[(i * n) + j];
            }
        }

        _routeRoads = [.. flat];
    }

    /// <summary>Free-flow travel time between two zones.</summary>
    public double FreeTime(int from, int to) => _freeRouteTime[(from * _zones) + to];

    /// <summary>Travel time now, given current road loads.</summary>
    public double CongestedTime(int from, int to)
    {
        int pair = (from * _zones) + to;
        double total = 0;
        for (int i = 0; i < _routeLength[pair]; i++)
        {
            int r = _routeRoads[_routeStart[pair] + i];
            double flow = _load[r] / _freeTime[r];
            total += _freeTime[r] * (1 + (_alpha * Math.Pow(flow / _capacity[r], _beta)));
        }

        return total;
    }

    /// <summary>Adds <paramref name="vehicles"/> (negative to remove) to every road of the route.</summary>
    public void Load(int from, int to, double vehicles)
    {
        int pair = (from * _zones) + to;
        for (int i = 0; i < _routeLength[pair]; i++)
        {
            int r = _routeRoads[_routeStart[pair] + i];
            _load[r] = Math.Max(0, _load[r] + vehicles);
        }
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown zone '{id}'", nameof(id));
    }
}
