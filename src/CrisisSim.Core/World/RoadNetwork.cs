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

    /// <summary>
    /// Builds the network of <paramref name="scenario"/>'s roads, numbering zones by their place in
    /// <paramref name="zoneIds"/> (a road end not in it is an <see cref="ArgumentException"/>). Road capacities
    /// are scaled by population.capacity_scale; routes are computed here, once.
    /// </summary>
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

        var (dist, next, roadBetween) = DirectRoads(ends, _freeTime, _zones);
        RelaxThroughEveryZone(dist, next, _zones);
        _freeRouteTime = dist;
        (_routeStart, _routeLength, _routeRoads) = FlattenRoutes(next, roadBetween, _zones);
    }

    /// <summary>Free-flow travel time (h) of the shortest route between two zones; 0 within a zone, infinite when no road leads there.</summary>
    public double FreeTime(int from, int to) => _freeRouteTime[(from * _zones) + to];

    /// <summary>Travel time (h) of the route between two zones for a trip departing now: each road's free time, slowed by the BPR function of its current load.</summary>
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

    /// <summary>Adds <paramref name="vehicles"/> (negative to remove) to every road of the route; a road's load never goes below 0.</summary>
    public void Load(int from, int to, double vehicles)
    {
        int pair = (from * _zones) + to;
        for (int i = 0; i < _routeLength[pair]; i++)
        {
            int r = _routeRoads[_routeStart[pair] + i];
            _load[r] = Math.Max(0, _load[r] + vehicles);
        }
    }

    /// <summary>
    /// The starting point of Floyd–Warshall over the <paramref name="n"/> zones, as n×n arrays indexed
    /// <c>from * n + to</c>: the time of the fastest single road (0 from a zone to itself, infinite without a
    /// road), the next zone on the way (-1 for none) and that road's index; of equally fast parallel roads the
    /// lower index wins, for determinism.
    /// </summary>
    private static (double[] Dist, int[] Next, int[] RoadBetween) DirectRoads((int A, int B)[] ends, double[] freeTime, int n)
    {
        var dist = new double[n * n];
        var roadBetween = new int[n * n];
        Array.Fill(dist, double.PositiveInfinity);
        Array.Fill(roadBetween, -1);
        var next = new int[n * n];
        Array.Fill(next, -1);
        for (int z = 0; z < n; z++)
        {
            dist[(z * n) + z] = 0;
        }

        for (int r = 0; r < ends.Length; r++)
        {
            var (a, b) = ends[r];
            if (freeTime[r] < dist[(a * n) + b])
            {
                dist[(a * n) + b] = dist[(b * n) + a] = freeTime[r];
                next[(a * n) + b] = b;
                next[(b * n) + a] = a;
                roadBetween[(a * n) + b] = roadBetween[(b * n) + a] = r;
            }
        }

        return (dist, next, roadBetween);
    }

    /// <summary>Floyd–Warshall proper: shortens <paramref name="dist"/> and redirects <paramref name="next"/> through each zone in turn; a detour must be faster by more than 1e-12 h, so ties keep the earlier route.</summary>
    private static void RelaxThroughEveryZone(double[] dist, int[] next, int n)
    {
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
    }

    /// <summary>
    /// Follows <paramref name="next"/> from every zone to every zone and writes the roads of each route, in
    /// order, into one array: route <c>from * n + to</c> is <c>Length[pair]</c> roads from <c>Start[pair]</c>.
    /// </summary>
    private static (int[] Start, int[] Length, int[] Roads) FlattenRoutes(int[] next, int[] roadBetween, int n)
    {
        var start = new int[n * n];
        var length = new int[n * n];
        var flat = new List<int>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                start[(i * n) + j] = flat.Count;
                int at = i;
                while (at != j && next[(at * n) + j] >= 0)
                {
                    int step = next[(at * n) + j];
                    flat.Add(roadBetween[(at * n) + step]);
                    at = step;
                }

                length[(i * n) + j] = flat.Count - start[(i * n) + j];
            }
        }

        return (start, length, [.. flat]);
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
