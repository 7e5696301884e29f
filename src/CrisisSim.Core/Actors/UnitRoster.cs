using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// The field units of a run and who owns which. Each actor node owns one contiguous range of units: first its
/// scheduled units, in arrival order (arrival_start_h to arrival_end_h), then its convergence pool (volunteers who
/// turn up as the public's attention allows). Cursors say which scheduled unit arrives next and which pooled unit
/// converges next, so arrivals touch nothing else.
/// </summary>
public sealed class UnitRoster
{
    /// <summary>Builds every unit of every actor, scaled by <c>population.scale</c> (in scale_mode city).</summary>
    /// <param name="scenario">The run's parameters.</param>
    /// <param name="zoneIds">Zone ids in scenario order.</param>
    /// <param name="ticksFor">The tick at which a time in hours falls.</param>
    public UnitRoster(Scenario scenario, string[] zoneIds, Func<double, int> ticksFor)
    {
        double scale = scenario.Population.CapacityScale;
        int actors = scenario.Actors.Count;
        int nodes = Nodes.FirstActor + actors;
        Start = new int[nodes + 1];
        PoolStart = new int[nodes];
        PoolEnd = new int[nodes];
        NextScheduled = new int[nodes];
        NextPooled = new int[nodes];
        NodeWorkRate = new double[nodes];
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

        Units = new Units(total);
        int u = 0;
        for (int i = 0; i < actors; i++)
        {
            u = Enlist(scenario, i, zoneIds, scheduled[i], pooled[i], u, ticksFor);
        }

        Start[nodes] = u;
        Count = u;
    }

    /// <summary>Creates actor <paramref name="i"/>'s units from unit <paramref name="u"/> on: scheduled ones in arrival order, then its pool; returns the next free unit.</summary>
    private int Enlist(Scenario scenario, int i, string[] zoneIds, int scheduled, int pooled, int u, Func<double, int> ticksFor)
    {
        var a = scenario.Actors[i];
        int node = Nodes.FirstActor + i;
        int baseZone = Array.IndexOf(zoneIds, a.Base);
        double vehicles = a.PrivateVehicles ? scenario.Traffic.PrivateVehiclesPerUnit : scenario.Traffic.VehiclesPerUnit;
        // An actor that does not respond (governance.organisations: absent) keeps its units, absent for the whole run.
        bool responds = SectorTraits.Effective(a.Sector, scenario.Governance.Organisations).Responds;
        Start[node] = u;
        NextScheduled[node] = u;
        NodeWorkRate[node] = a.WorkRatePerH; // every unit of an actor works at the actor's rate
        for (int k = 0; k < scheduled + pooled; k++, u++)
        {
            Units.Owner[u] = node;
            Units.Zone[u] = baseZone;
            Units.Target[u] = baseZone;
            Units.Members[u] = a.MembersPerUnit;
            Units.WorkRate[u] = a.WorkRatePerH;
            Units.Vehicles[u] = vehicles;
            Units.Boat[u] = a.Boats;
            if (k < scheduled && responds)
            {
                // Scheduled arrivals spread evenly from arrival_start_h to arrival_end_h, in unit order.
                double f = scheduled == 1 ? 0 : k / (double)(scheduled - 1);
                Units.AvailableTick[u] = ticksFor(a.ArrivalStartH + (f * (a.ArrivalEndH - a.ArrivalStartH)));
            }
            else
            {
                Units.AvailableTick[u] = int.MaxValue;
            }
        }

        PoolStart[node] = Start[node] + scheduled;
        PoolEnd[node] = u;
        NextPooled[node] = responds ? PoolStart[node] : PoolEnd[node]; // an exhausted pool: nobody converges
        return u;
    }

    /// <summary>The units, as a struct of arrays.</summary>
    public Units Units { get; }

    /// <summary>Units of every node, scheduled and pooled; the phases loop over units 0 to Count.</summary>
    public int Count { get; }

    /// <summary>First unit of each node (and, at index node count, <see cref="Count"/>); the command nodes own none.</summary>
    public int[] Start { get; }

    /// <summary>First pooled unit of each node (its scheduled units end here).</summary>
    public int[] PoolStart { get; }

    /// <summary>End of each node's pool (exclusive).</summary>
    public int[] PoolEnd { get; }

    /// <summary>The node's next scheduled unit to arrive.</summary>
    public int[] NextScheduled { get; }

    /// <summary>The node's next pooled unit to converge.</summary>
    public int[] NextPooled { get; }

    /// <summary>The work rate of each node's units (per hour): the lowest a unit of the node can have.</summary>
    public double[] NodeWorkRate { get; }
}
