using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>
/// Phase 9, dispatch: each idle unit's node chooses a task and zone from its beliefs — the need it
/// believes, less the units it knows are committed — preferring the largest uncovered need per hour
/// of travel. Responsibility clarity decides whether others' known claims are respected (coordinated),
/// ignored (duplicate) or taken as covering the need entirely (gap). Organisations need authorisation
/// for cordoned zones and permission for each task.
/// </content>
public sealed partial class Simulation
{
    /// <summary>
    /// The order in which a unit with several tasks considers them (assumption: triage — saving lives first,
    /// then the hazard, then care of the displaced). Within a task the zone with the most uncovered need per
    /// hour of travel wins.
    /// </summary>
    private static readonly int[] s_triageOrder =
    [
        (int)TaskKind.Rescue, (int)TaskKind.Medical, (int)TaskKind.Fire, (int)TaskKind.Monitoring,
        (int)TaskKind.Shelter, (int)TaskKind.Supplies, (int)TaskKind.Blood,
    ];

    private float[] _othersClaims = [];

    private enum Coordination
    {
        Coordinated,
        Duplicate,
        Gap,
    }

    private void Dispatch()
    {
        SumOthersClaims();
        for (int u = 0; u < _scheduledEnd; u++)
        {
            if (Units.State[u] == UnitState.Idle)
            {
                TryDispatch(u);
            }
        }
    }

    /// <summary>Per node, zone and need: units it believes other nodes have committed (fixed for the tick: others' claims only change by messages).</summary>
    private void SumOthersClaims()
    {
        for (int n = 2; n < Nodes.Count; n++)
        {
            for (int z = 0; z < _zoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    float sum = 0;
                    for (int owner = 2; owner < Nodes.Count; owner++)
                    {
                        if (owner != n)
                        {
                            sum += Nodes.ClaimUnits[Nodes.ClaimIndex(n, owner, z, t)];
                        }
                    }

                    _othersClaims[Nodes.BeliefIndex(n, z, t)] = sum;
                }
            }
        }
    }

    private void TryDispatch(int u)
    {
        int node = Units.Owner[u];
        int from = Units.Zone[u];
        ref var rng = ref Nodes.Rng[node];
        double draw = rng.NextDouble();
        var coordination = draw < _clarity ? Coordination.Coordinated
            : draw < _clarity + ((1 - _clarity) / 2) ? Coordination.Duplicate
            : Coordination.Gap;
        bool authorised = Tick >= Nodes.AuthorisedTick[node];
        bool gapped = false;
        double bestScore = 0;
        int bestZone = -1;
        int bestTask = -1;
        foreach (int t in s_triageOrder)
        {
            if (bestZone >= 0)
            {
                break; // a more urgent task already has uncovered need: life-saving work comes first
            }

            if (!Nodes.Does(node, (TaskKind)t) || (t == (int)TaskKind.Supplies && Nodes.Stock[node] <= 0))
            {
                continue;
            }

            for (int z = 0; z < _zoneCount; z++)
            {
                if (Zones.Cordoned[z] && !authorised)
                {
                    continue;
                }

                if (!_permitted[Nodes.BeliefIndex(node, z, t)])
                {
                    NoteRefusal(u, node, z, t); // the authorities do not allow it: look elsewhere
                    continue;
                }

                int bi = Nodes.BeliefIndex(node, z, t);
                float believed = Nodes.BeliefValue[bi];
                if (Nodes.BeliefTick[bi] < 0 || believed <= 0)
                {
                    continue;
                }

                float others = _othersClaims[bi];
                if (coordination == Coordination.Gap && others > 0)
                {
                    gapped = true;
                    continue;
                }

                double claimed = Nodes.ClaimUnits[Nodes.ClaimIndex(node, node, z, t)] + (coordination == Coordination.Coordinated ? others : 0);
                double deficit = UnitsWanted(t, believed, Units.WorkRate[u]) - claimed;
                if (t == (int)TaskKind.Rescue)
                {
                    // Rescue is slowed by fire: a dispatcher discounts burning zones by what it believes of the fire.
                    deficit *= RescueFactor(Nodes.BeliefValue[Nodes.BeliefIndex(node, z, (int)TaskKind.Fire)]);
                }

                if (deficit <= 0)
                {
                    continue;
                }

                double score = deficit / (1 + Roads.FreeTime(from, z));
                if (score > bestScore)
                {
                    bestScore = score;
                    bestZone = z;
                    bestTask = t;
                }
            }
        }

        if (bestZone < 0)
        {
            if (gapped)
            {
                Metrics.CoordinationGaps++;
            }

            return;
        }

        Commit(u, bestZone, (TaskKind)bestTask);
    }

    private bool[] _refusalNoted = [];
    private bool[] _permitted = [];

    /// <summary>Records (once per organisation, zone and task) that a task it believes needed is not permitted.</summary>
    private void NoteRefusal(int unit, int node, int zone, int task)
    {
        int i = Nodes.BeliefIndex(node, zone, task);
        if (!_refusalNoted[i] && Nodes.BeliefValue[i] > 0)
        {
            _refusalNoted[i] = true;
            Emit(TraceKind.TaskRefused, node, -1, unit, zone, task, -1, 0, -1);
        }
    }

    /// <summary>
    /// Whether the authorities permit organisation <paramref name="node"/> to do <paramref name="task"/> in
    /// <paramref name="zone"/>: decided once per (organisation, zone, task) with probability
    /// legal.permitted_task_share, so a refused task stays refused.
    /// </summary>
    private bool PermittedDraw(int node, int zone, int task) =>
        Core.Randomness.CounterRandom.Uniform(_permissionSeed, (((long)node * 256) + zone) * Nodes.NeedCount + task, 0) < _scenario.Governance.Legal.PermittedTaskShare;

    /// <summary>How many units a believed need calls for, planning each unit to cover <see cref="PlanningHorizonH"/> hours.</summary>
    private double UnitsWanted(int task, float believed, double workRate) => (TaskKind)task switch
    {
        TaskKind.Fire => Math.Ceiling(believed / Math.Max(1e-9, _scenario.Hazard.Fire.SuppressionPerUnitH * PlanningHorizonH)),
        TaskKind.Monitoring => 2,
        _ => Math.Ceiling(believed / Math.Max(1e-9, workRate * PlanningHorizonH)),
    };

    private void Commit(int u, int zone, TaskKind task)
    {
        int node = Units.Owner[u];
        int from = Units.Zone[u];
        Units.Task[u] = task;
        Units.Target[u] = zone;
        ChangeOwnClaim(node, zone, (int)task, +1);
        Emit(TraceKind.TaskClaimed, node, -1, u, zone, (int)task, -1, 1, Tick);
        if (zone == from)
        {
            StartWork(u);
            return;
        }

        double congested = Roads.CongestedTime(from, zone);
        Metrics.CongestionDelayH += (congested - Roads.FreeTime(from, zone)) * Units.Vehicles[u];
        Units.ArriveTick[u] = Tick + Math.Max(1, DurationTicks(congested));
        Units.TripFrom[u] = from;
        Units.State[u] = UnitState.Travelling;
        Roads.Load(from, zone, Units.Vehicles[u]);
    }

    private void ReleaseClaim(int u) => ChangeOwnClaim(Units.Owner[u], Units.Target[u], (int)Units.Task[u], -1);

    private void ChangeOwnClaim(int node, int zone, int need, int delta)
    {
        int i = Nodes.ClaimIndex(node, node, zone, need);
        Nodes.ClaimUnits[i] = Math.Max(0, Nodes.ClaimUnits[i] + delta);
        Nodes.ClaimTick[i] = Tick;
        ShareOwn(node, MessageKind.Claim, zone, need, Nodes.ClaimUnits[i]);
    }
}
