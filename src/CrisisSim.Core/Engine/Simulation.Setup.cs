using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Setup: units from actor schedules and convergence pools, channels, the platform, accumulators.</content>
public sealed partial class Simulation
{
    private int[] _unitStart = [];
    private int[] _poolStart = [];
    private int[] _poolEnd = [];
    private int[] _nextScheduled = [];
    private int[] _nextPooled = [];
    private int _scheduledEnd;
    private double[] _nodeWorkRate = [];
    private MessageRing[] _inFlight = [];
    private Platform _platform = null!;
    private float[] _lastPosted = [];
    private float[] _lastCalled = [];
    private int _lastCallTick;
    private int[] _episodeStart = [];
    private bool[] _episodeKnownHq = [];
    private bool[] _episodeServed = [];
    private int[] _rescueHistogram = [];
    private double _infoLatencySum;
    private int _infoLatencyCount;
    private double _responseLatencySum;
    private int _responseLatencyCount;
    private TickRecord _current;

    private Units CreateUnits(Scenario scenario)
    {
        double scale = scenario.Population.CapacityScale;
        int actors = scenario.Actors.Count;
        int nodes = actors + 2;
        _unitStart = new int[nodes + 1];
        _poolStart = new int[nodes];
        _poolEnd = new int[nodes];
        _nextScheduled = new int[nodes];
        _nextPooled = new int[nodes];
        _nodeWorkRate = new double[nodes];
        var scheduled = new int[actors];
        var pooled = new int[actors];
        int total = 0;
        for (int i = 0; i < actors; i++)
        {
            var a = scenario.Actors[i];
            scheduled[i] = (int)Math.Round(a.Units * scale);
            pooled[i] = a.Convergence ? (int)Math.Round(a.ConvergencePool * scale) : 0;
            total += scheduled[i] + pooled[i];
        }

        var units = new Units(total);
        int u = 0;
        for (int i = 0; i < actors; i++)
        {
            var a = scenario.Actors[i];
            int node = i + 2;
            int baseZone = Array.IndexOf(ZoneIds, a.Base);
            double vehicles = a.PrivateVehicles ? scenario.Traffic.PrivateVehiclesPerUnit : scenario.Traffic.VehiclesPerUnit;
            _unitStart[node] = u;
            _nextScheduled[node] = u;
            _nodeWorkRate[node] = a.WorkRatePerH; // every unit of an actor works at the actor's rate
            for (int k = 0; k < scheduled[i] + pooled[i]; k++, u++)
            {
                units.Owner[u] = node;
                units.Zone[u] = baseZone;
                units.Target[u] = baseZone;
                units.Members[u] = a.MembersPerUnit;
                units.WorkRate[u] = a.WorkRatePerH;
                units.Vehicles[u] = vehicles;
                if (k < scheduled[i])
                {
                    // Scheduled arrivals spread evenly from arrival_start_h to arrival_end_h, in unit order.
                    double f = scheduled[i] == 1 ? 0 : k / (double)(scheduled[i] - 1);
                    units.AvailableTick[u] = TicksFor(a.ArrivalStartH + (f * (a.ArrivalEndH - a.ArrivalStartH)));
                }
                else
                {
                    units.AvailableTick[u] = int.MaxValue;
                }
            }

            _poolStart[node] = _unitStart[node] + scheduled[i];
            _poolEnd[node] = u;
            _nextPooled[node] = _poolStart[node];
        }

        _unitStart[nodes] = u;
        _scheduledEnd = u;
        return units;
    }

    private void InitialisePhases(Simulation? recycle)
    {
        int channels = Enum.GetValues<Channel>().Length;
        _inFlight = new MessageRing[channels];
        for (int c = 0; c < channels; c++)
        {
            var old = recycle is not null && recycle._inFlight.Length == channels ? recycle._inFlight[c] : null;
            _inFlight[c] = MessageRing.Reuse(old, Math.Max(1024, MessageRing.SizedForScale(256, _scenario.Population.Scale)));
        }

        var readers = new bool[Nodes.Count];
        if (_coGovernance && _rule == CommunicationRule.Platform)
        {
            for (int n = 0; n < Nodes.Count; n++)
            {
                readers[n] = Nodes.Integrated[n];
            }
        }

        _platform = new Platform(Nodes.Count, readers, recycle: recycle?._platform);

        // Command staff and reading capacity grow with the city, like traffic does (population.scale), but never shrink
        // below the base values: calls and reports come per zone and need as well as per unit, so a smaller city does
        // not send proportionally fewer messages (at 10^4 residents a scaled-down command read 2 a tick and never caught up).
        double scale = Math.Max(1, _scenario.Population.CapacityScale);
        var comm = _scenario.Communication;
        _hierarchyCapacity = Math.Max(1, (int)Math.Round(comm.Hierarchy.CapacityPerTick * scale));
        _liaisonCapacity = Math.Max(1, (int)Math.Round(comm.Liaison.CapacityPerTick * scale));
        _readingCap = Math.Max(1, (int)Math.Round(comm.Platform.ReadingCapPerTick * scale));
        _othersClaims = new float[Nodes.Count * _zoneCount * Nodes.NeedCount];
        _refusalNoted = new bool[Nodes.Count * _zoneCount * Nodes.NeedCount];
        _permitted = new bool[Nodes.Count * _zoneCount * Nodes.NeedCount];
        for (int n = 0; n < Nodes.Count; n++)
        {
            for (int z = 0; z < _zoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    _permitted[Nodes.BeliefIndex(n, z, t)] = Nodes.Sector[n] != Sector.Organisation || PermittedDraw(n, z, t);
                }
            }
        }
        _lastPosted = new float[_zoneCount * Nodes.NeedCount];
        Array.Fill(_lastPosted, float.NaN);
        _lastCalled = new float[_zoneCount * Nodes.NeedCount]; // zero: residents call when a need appears, not to report its absence
        _lastCallTick = int.MinValue / 2;
        _view = new float[_zoneCount * Nodes.NeedCount];
        Array.Fill(_view, float.NaN);
        _viewChangedTick = new int[_zoneCount];
        _quietTick = new int[Units.Capacity];
        Array.Fill(_quietTick, int.MinValue);
        _quietZone = new int[Units.Capacity];
        _episodeStart = new int[_zoneCount * Nodes.NeedCount];
        Array.Fill(_episodeStart, -1);
        _episodeKnownHq = new bool[_zoneCount * Nodes.NeedCount];
        _episodeServed = new bool[_zoneCount * Nodes.NeedCount];
        _rescueHistogram = new int[TickCount + 2];
        _nextReleaseTick = Nodes.Broadcaster >= 0 ? TicksFor(_scenario.Communication.Broadcast.FirstReleaseH) : int.MaxValue;
        _releaseInterval = Math.Max(1, DurationTicks(_scenario.Communication.Broadcast.IntervalH));
        _disclosureTick = _scenario.Hazard.Toxic.Present ? TicksFor(Math.Min(_scenario.Hazard.Toxic.DisclosedAtH, 1e7)) : int.MaxValue;

        if (_scenario.Hazard.Fire.Origin.Length > 0)
        {
            int origin = Array.IndexOf(ZoneIds, _scenario.Hazard.Fire.Origin);
            Zones.Fire[origin] = _scenario.Hazard.Fire.InitialIntensity;
            // The first call: the fire service (every node doing fire) learns of the fire at time 0.
            for (int n = 0; n < Nodes.Count; n++)
            {
                if (Nodes.Does(n, TaskKind.Fire) && Nodes.Sector[n] == Sector.Government)
                {
                    Nodes.Believe(n, origin, (int)TaskKind.Fire, (float)Zones.Fire[origin], 0);
                }
            }

            Nodes.Believe(Nodes.Headquarters, origin, (int)TaskKind.Fire, (float)Zones.Fire[origin], 0);
        }

        if (!_scenario.Hazard.Toxic.Present)
        {
            Array.Fill(Nodes.HazardKnownTick, 0); // no chemicals: nothing to be uninformed about
            Metrics.HazardKnownAtDispatchH = 0;
        }

        // Government nodes are authorised everywhere from the start.
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (!Nodes.NeedsAuthorisation[n])
            {
                Nodes.AuthorisedTick[n] = 0;
            }

            Nodes.ProcuredTick[n] = Nodes.ProcuredKits[n] > 0 ? TicksFor(_scenario.Actors.Count > n - 2 && n >= 2 ? _scenario.Actors[n - 2].ProcurementLagH : 0) : int.MaxValue;
        }
    }
}
