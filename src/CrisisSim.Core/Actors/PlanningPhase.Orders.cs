using CrisisSim.Core.Communication;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// What a commanded node does with the command's orders. A tasking order (have k units on a need in a zone) stays open
/// for one planning interval from its reading, or until the node's own claim there reaches k, a newer order replaces
/// it, or the node learns, from an observation newer than the order's picture, that the need is gone; while it is open the node's idle units of that task go there first, before the node's own choice (Dispatch).
/// A release order (keep at most k units there) recalls the surplus at once: the recalled units become idle where
/// they are and their claims fall, shared as usual. Either order also settles the node's mandate for that need and
/// zone (a misassigned one is corrected: the command has said whose it is).
/// </summary>
internal sealed partial class PlanningPhase
{
    private readonly float[] _orderTarget;
    private readonly int[] _orderUntil;
    private readonly int[] _orderPicture;
    private readonly int[] _ordersUntil;
    private readonly int[] _nothingToFollowTick;
    private readonly int _orderValidTicks;

    /// <summary>Node <paramref name="node"/>, the order's target, reads order <paramref name="m"/> (phase 8).</summary>
    public void ReadOrder(int node, in Message m)
    {
        int t = m.Need;
        if (!Nodes.Does(node, (TaskKind)t) || !Nodes.Traits[node].UnderCommand)
        {
            return; // an order for a task the node does not do, or from a command it is not under, is ignored
        }

        int bi = Nodes.BeliefIndex(node, m.Zone, t);
        DispatchPhase.Clarify(node, m.Zone, t);
        if (m.Kind == MessageKind.Release)
        {
            _orderUntil[bi] = -1;
            Recall(node, m.Zone, t, Nodes.ClaimUnits[Nodes.ClaimIndex(node, node, m.Zone, t)] - m.Value);
            return;
        }

        _orderTarget[bi] = m.Value;
        _orderPicture[bi] = m.ObservedTick;
        _orderUntil[bi] = Tick + _orderValidTicks;
        _ordersUntil[node] = Math.Max(_ordersUntil[node], _orderUntil[bi]);
    }

    /// <summary>
    /// Idle unit <paramref name="u"/> follows an open order of its node, if it can (its task, authorised for the zone,
    /// stock for supplies): committed to the ordered zone and task. Returns whether it did.
    /// </summary>
    public bool FollowOrder(int u)
    {
        int node = Units.Owner[u];
        if (Tick > _ordersUntil[node] || _nothingToFollowTick[node] == Tick)
        {
            return false;
        }

        bool authorised = Tick >= Nodes.AuthorisedTick[node];
        bool cutOff = false;
        foreach (int t in TaskTraits.TriageOrder)
        {
            if (!Nodes.Does(node, (TaskKind)t) || (t == (int)TaskKind.Supplies && Nodes.Stock[node] <= 0))
            {
                continue;
            }

            for (int z = 0; z < ZoneCount; z++)
            {
                int bi = Nodes.BeliefIndex(node, z, t);
                if (_orderUntil[bi] < Tick || (Zones.Cordoned[z] && !authorised))
                {
                    continue;
                }

                if (!Roads.Reachable(Units.Zone[u], z, Units.Boat[u]))
                {
                    cutOff = true; // no open road from this unit's zone: the order waits for a unit that can get there
                    continue;
                }

                if (t == (int)TaskKind.Rescue && !WorkPhase.CanRescueIn(u, z))
                {
                    continue; // too deep for this unit without boats
                }

                if (t == (int)TaskKind.Rescue && WorkPhase.RescueFactor(Nodes.BeliefValue[Nodes.BeliefIndex(node, z, (int)TaskKind.Fire)]) <= 0)
                {
                    continue; // the node believes the zone burns too hard to search: it holds the order until the fire falls
                }

                int own = Nodes.ClaimIndex(node, node, z, t);
                if (Nodes.ClaimUnits[own] >= _orderTarget[bi] || (Nodes.BeliefTick[bi] > _orderPicture[bi] && Nodes.BeliefValue[bi] <= 0))
                {
                    _orderUntil[bi] = -1; // fulfilled, or overtaken by what the node has seen since the picture
                    continue;
                }

                DispatchPhase.Commit(u, z, (TaskKind)t);
                if (Nodes.ClaimUnits[own] >= _orderTarget[bi])
                {
                    _orderUntil[bi] = -1;
                }

                return true;
            }
        }

        // Claims only grow and orders do not change during Dispatch: no other idle unit of the node can follow one now,
        // unless this one was only cut off from an order (another unit may be elsewhere).
        if (!cutOff)
        {
            _nothingToFollowTick[node] = Tick;
        }

        return false;
    }

    /// <summary>Node <paramref name="node"/> recalls <paramref name="surplus"/> of its units committed to task <paramref name="t"/> in zone <paramref name="z"/>.</summary>
    private void Recall(int node, int z, int t, float surplus)
    {
        for (int u = Roster.Start[node]; u < Roster.Start[node + 1] && surplus >= 1; u++)
        {
            if (Units.Target[u] != z || (int)Units.Task[u] != t || Units.State[u] is not (UnitState.Travelling or UnitState.Working))
            {
                continue;
            }

            if (Units.State[u] == UnitState.Travelling && !Units.NoShow[u])
            {
                Roads.Arrive(u); // turned back: the trip ends and the unit stays where it set out from
            }

            Units.NoShow[u] = false;

            DispatchPhase.ReleaseClaim(u);
            Units.State[u] = UnitState.Idle;
            Units.Target[u] = Units.Zone[u];
            Emit(TraceKind.UnitRecalled, node, Nodes.Headquarters, u, z, t, -1, 0, -1);
            surplus -= 1;
        }
    }
}
