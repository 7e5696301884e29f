using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.World;

/// <summary>
/// Roads between zones with congestion and closures. Routes are the free-flow shortest paths over the open roads
/// (Floyd–Warshall, computed at the start and again whenever a hazard closes or reopens a road: a landslide closes a
/// road to everyone for a time, water closes it to vehicles but not to boat teams, who cross it at
/// hazard.flood.boat_travel_factor times its free time). A trip keeps the route it departed on. The travel time of a trip is fixed when it departs, from the flow on each road of its
/// route then, by the BPR function t = t0 · (1 + α (flow/capacity)^β). A trip counts on a road only while it
/// is on it, by its planned times: on a road where it spends t hours, its v vehicles add v/t vehicles per hour,
/// so over any period a road's mean flow is the vehicles that passed it per hour. Routes and trips are stored
/// flat in arrays allocated once (one slot per unit), so a departure or a tick allocates nothing.
/// </summary>
public sealed class RoadNetwork
{
    private readonly int _zones;
    private readonly (int A, int B)[] _ends;
    private readonly double[] _freeTime;
    private readonly double[] _capacity;
    private readonly long[] _flow;
    private readonly double[] _closedUntilH;
    private readonly bool[] _flooded;
    private readonly double _boatFactor;
    private Routes _byRoad;
    private Routes _byBoat;
    private readonly double _alpha;
    private readonly double _beta;
    private readonly int _maxLinks;
    private readonly int[] _tripPair;
    private readonly int[] _tripLink;
    private readonly int[] _tripLength;
    private readonly int[] _tripRoads;
    private readonly double[] _linkExitH;
    private readonly long[] _linkFlow;
    private readonly int[] _active;
    private readonly int[] _activePlace;
    private int _activeCount;

    /// <summary>
    /// Flows are kept in fixed point (2^-20 vehicles per hour): a trip takes back exactly what it added, so a road
    /// with no trip on it has a flow of exactly 0 whatever the order of entries and exits.
    /// </summary>
    private const double FlowScale = 1 << 20;

    /// <summary>A road whose planned exit time is within this many hours of now is left now (ticks are sums of floating-point hours).</summary>
    private const double TimeTolerance = 1e-9;

    /// <summary>
    /// Builds the network of <paramref name="scenario"/>'s roads, numbering zones by their place in
    /// <paramref name="zoneIds"/> (a road end not in it is an <see cref="ArgumentException"/>). Road capacities
    /// are scaled by population.capacity_scale; routes are computed here, and again when a road closes or reopens.
    /// <paramref name="trips"/> is the number of trips that can be on the road at once (one per unit).
    /// </summary>
    public RoadNetwork(Scenario scenario, IReadOnlyList<string> zoneIds, int trips)
    {
        _zones = zoneIds.Count;
        int roads = scenario.Roads.Count;
        _freeTime = new double[roads];
        _capacity = new double[roads];
        _flow = new long[roads];
        _closedUntilH = new double[roads];
        _flooded = new bool[roads];
        _boatFactor = scenario.Hazard.Flood.BoatTravelFactor;
        _alpha = scenario.Traffic.BprAlpha;
        _beta = scenario.Traffic.BprBeta;
        _ends = new (int A, int B)[roads];
        for (int r = 0; r < roads; r++)
        {
            var road = scenario.Roads[r];
            _ends[r] = (IndexOf(zoneIds, road.From), IndexOf(zoneIds, road.To));
            _freeTime[r] = road.TravelTimeH;
            _capacity[r] = road.CapacityVehiclesH * scenario.Population.CapacityScale; // a bigger city has more lanes, as it has more vehicles
        }

        _byRoad = _byBoat = Routes.Over(_ends, _freeTime, _zones);
        // With closures a detour may pass every zone once: room for the longest simple route, else for the longest free one.
        _maxLinks = Math.Max(1, scenario.ClosesRoads ? _zones - 1 : _byRoad.Length.Max());
        _tripPair = new int[trips];
        Array.Fill(_tripPair, -1);
        _tripLink = new int[trips];
        _tripLength = new int[trips];
        _tripRoads = new int[trips * _maxLinks];
        _linkExitH = new double[trips * _maxLinks];
        _linkFlow = new long[trips * _maxLinks];
        _active = new int[trips];
        _activePlace = new int[trips];
    }

    /// <summary>
    /// Free-flow travel time (h) of the shortest open route between two zones, by road or (<paramref name="boat"/>) for a
    /// boat team; 0 within a zone, infinite when no open road leads there.
    /// </summary>
    public double FreeTime(int from, int to, bool boat = false) => (boat ? _byBoat : _byRoad).Time[(from * _zones) + to];

    /// <summary>Whether an open route leads from <paramref name="from"/> to <paramref name="to"/> (by road, or for a boat team).</summary>
    public bool Reachable(int from, int to, bool boat = false) => double.IsFinite(FreeTime(from, to, boat));

    /// <summary>Number of roads.</summary>
    public int Count => _freeTime.Length;

    /// <summary>The zones at the ends of road <paramref name="road"/>.</summary>
    public (int A, int B) Ends(int road) => _ends[road];

    /// <summary>Whether road <paramref name="road"/> is closed to vehicles now (by debris, or by water).</summary>
    public bool IsClosed(int road) => _closedUntilH[road] > 0 || _flooded[road];

    /// <summary>
    /// Debris closes road <paramref name="road"/> to everyone until <paramref name="untilH"/> hours (a later closure
    /// extends an earlier one); the routes are recomputed.
    /// </summary>
    public void Close(int road, double untilH)
    {
        if (untilH > _closedUntilH[road])
        {
            bool was = _closedUntilH[road] > 0;
            _closedUntilH[road] = untilH;
            if (!was)
            {
                Reroute();
            }
        }
    }

    /// <summary>Water closes each road <c>r</c> with <paramref name="flooded"/>[r] to vehicles, and has gone down from the others; the routes follow, recomputed once if any changed.</summary>
    public void SetFlooded(ReadOnlySpan<bool> flooded)
    {
        bool changed = false;
        for (int r = 0; r < _flooded.Length; r++)
        {
            changed |= _flooded[r] != flooded[r];
            _flooded[r] = flooded[r];
        }

        if (changed)
        {
            Reroute();
        }
    }

    /// <summary>Roads whose debris is cleared by <paramref name="nowH"/> hours reopen; the routes are recomputed if any did.</summary>
    public void ReopenCleared(double nowH)
    {
        bool any = false;
        for (int r = 0; r < _closedUntilH.Length; r++)
        {
            if (_closedUntilH[r] > 0 && _closedUntilH[r] <= nowH + TimeTolerance)
            {
                _closedUntilH[r] = 0;
                any = true;
            }
        }

        if (any)
        {
            Reroute();
        }
    }

    private void Reroute()
    {
        var byRoad = new double[_freeTime.Length];
        var byBoat = new double[_freeTime.Length];
        bool anyFlooded = false;
        for (int r = 0; r < byRoad.Length; r++)
        {
            bool debris = _closedUntilH[r] > 0;
            byRoad[r] = debris || _flooded[r] ? double.PositiveInfinity : _freeTime[r];
            byBoat[r] = debris ? double.PositiveInfinity : _flooded[r] ? _freeTime[r] * _boatFactor : _freeTime[r];
            anyFlooded |= _flooded[r];
        }

        _byRoad = Routes.Over(_ends, byRoad, _zones);
        _byBoat = anyFlooded ? Routes.Over(_ends, byBoat, _zones) : _byRoad;
    }

    /// <summary>Flow (vehicles per hour) on road <paramref name="road"/> now: the sum, over the trips on it, of their vehicles divided by the time they planned to spend on it.</summary>
    public double Flow(int road) => _flow[road] / FlowScale;

    /// <summary>Trips on the road now (departed, not yet arrived).</summary>
    public int TripsOnRoad => _activeCount;

    /// <summary>
    /// Trip <paramref name="trip"/> (a unit's index) leaves zone <paramref name="from"/> for <paramref name="to"/> at
    /// <paramref name="nowH"/> hours with <paramref name="vehicles"/> vehicles. Its time on each road of the route is fixed
    /// now, by the BPR function of that road's flow now, and so is when it enters and leaves each road; it counts on a
    /// road's flow only while it is on that road (<see cref="Advance"/> moves it on). A boat team (<paramref name="boat"/>)
    /// takes its own route, across flooded roads. Returns the whole trip's time (h); infinite when no open route leads there.
    /// </summary>
    public double Depart(int trip, int from, int to, double vehicles, double nowH, bool boat = false)
    {
        if (_tripPair[trip] >= 0)
        {
            throw new InvalidOperationException($"trip {trip} departs while it is still on the road");
        }

        var routes = boat ? _byBoat : _byRoad;
        int pair = (from * _zones) + to;
        if (!double.IsFinite(routes.Time[pair]))
        {
            throw new InvalidOperationException($"trip {trip} departs for zone {to}, which no open road reaches from zone {from}");
        }

        int slot = trip * _maxLinks;
        double at = nowH;
        double delay = 0;
        int links = routes.Length[pair];
        for (int i = 0; i < links; i++)
        {
            int r = routes.Roads[routes.Start[pair] + i];
            _tripRoads[slot + i] = r;
            double slower = boat && _flooded[r] ? _boatFactor : 1; // a boat crossing water takes boat_travel_factor times as long
            double time = LinkTime(r) * slower;
            delay += time - (_freeTime[r] * slower);
            at += time;
            _linkExitH[slot + i] = at;
            _linkFlow[slot + i] = (long)Math.Round(vehicles / time * FlowScale);
        }

        _tripPair[trip] = pair;
        _tripLink[trip] = 0;
        _tripLength[trip] = links;
        _activePlace[trip] = _activeCount;
        _active[_activeCount++] = trip;
        Enter(trip);
        return routes.Time[pair] + delay; // free time plus delays that are each >= 0: never below the free time by rounding
    }

    /// <summary>Moves every trip on the road on to the road it is on at <paramref name="nowH"/> hours: it leaves each road whose planned exit time has come and enters the next.</summary>
    public void Advance(double nowH)
    {
        for (int a = 0; a < _activeCount; a++)
        {
            int trip = _active[a];
            int slot = trip * _maxLinks;
            while (_tripLink[trip] < _tripLength[trip] && _linkExitH[slot + _tripLink[trip]] <= nowH + TimeTolerance)
            {
                Leave(trip);
                _tripLink[trip]++;
                Enter(trip);
            }
        }
    }

    /// <summary>Trip <paramref name="trip"/> ends (it arrived, or its unit was lost on the way): it leaves the road it is still on, if any.</summary>
    public void Arrive(int trip)
    {
        if (_tripPair[trip] < 0)
        {
            throw new InvalidOperationException($"trip {trip} arrives but never departed");
        }

        Leave(trip);
        _tripPair[trip] = -1;
        int place = _activePlace[trip];
        int last = _active[--_activeCount];
        _active[place] = last;
        _activePlace[last] = place;
    }

    /// <summary>BPR travel time (h) of road <paramref name="r"/> at its flow now.</summary>
    private double LinkTime(int r) => _freeTime[r] * (1 + (_alpha * Math.Pow(Flow(r) / _capacity[r], _beta)));

    /// <summary>The trip adds its flow to the road it is now on (none once past the last road).</summary>
    private void Enter(int trip)
    {
        int i = _tripLink[trip];
        if (i < _tripLength[trip])
        {
            _flow[_tripRoads[(trip * _maxLinks) + i]] += _linkFlow[(trip * _maxLinks) + i];
        }
    }

    /// <summary>The trip takes back exactly the flow it added to the road it is on; a negative flow would be a bookkeeping error.</summary>
    private void Leave(int trip)
    {
        int i = _tripLink[trip];
        if (i < _tripLength[trip])
        {
            int r = _tripRoads[(trip * _maxLinks) + i];
            _flow[r] -= _linkFlow[(trip * _maxLinks) + i];
            if (_flow[r] < 0)
            {
                throw new InvalidOperationException($"road {r}'s flow fell below 0 when trip {trip} left it: a trip left a road it had not entered");
            }
        }
    }

    /// <summary>The shortest routes between every pair of zones over roads of the given times (infinite: closed).</summary>
    private sealed record Routes(double[] Time, int[] Start, int[] Length, int[] Roads)
    {
        public static Routes Over((int A, int B)[] ends, double[] time, int zones)
        {
            var (dist, next, roadBetween) = DirectRoads(ends, time, zones);
            RelaxThroughEveryZone(dist, next, zones);
            var (start, length, roads) = FlattenRoutes(next, roadBetween, zones);
            return new Routes(dist, start, length, roads);
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
