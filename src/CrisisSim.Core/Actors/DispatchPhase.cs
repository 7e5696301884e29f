using System.Runtime.CompilerServices;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Phase 9, dispatch: each idle unit's node chooses a task and zone from its beliefs — the need it
/// believes, less the units it knows are committed — preferring the largest uncovered need per hour
/// of travel. Responsibility clarity decides whether others' known claims are respected (coordinated),
/// ignored (duplicate) or taken as covering the need entirely (gap). Organisations need authorisation
/// for cordoned zones and permission for each task.
/// </summary>
internal sealed class DispatchPhase : Phase
{
    /// <summary>Hours of work a dispatcher plans one unit to cover when it decides how many units a need wants (assumption).</summary>
    public const double PlanningHorizonH = 2;

    /// <summary>Monitoring units a contaminated zone wants: a pair, one to measure and one to confirm (assumption).</summary>
    public const int MonitoringUnitsWanted = 2;

    /// <summary>
    /// Stride of the zone in the counter of the permission draws: above the 200 zones a scenario may have, so every
    /// (node, zone, task) has its own counter.
    /// </summary>
    private const long PermissionZoneStride = 256;

    private readonly double _clarity;
    private readonly ulong _permissionSeed;
    private readonly bool[] _refusalNoted;
    private readonly bool[] _permitted;

    public DispatchPhase(RunState run)
        : base(run)
    {
        _clarity = Parameters.Governance.ResponsibilityClarity;
        _permissionSeed = RandomStreams.DeriveSeed(run.Seed, "permission");
        int beliefs = Nodes.Count * ZoneCount * Nodes.NeedCount;
        _othersClaims = new float[beliefs];
        _refusalNoted = new bool[beliefs];
        _permitted = new bool[beliefs];
        for (int n = 0; n < Nodes.Count; n++)
        {
            for (int z = 0; z < ZoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    _permitted[Nodes.BeliefIndex(n, z, t)] = !Nodes.Traits[n].AsksPermission || PermittedDraw(n, z, t);
                }
            }
        }
    }

    private readonly float[] _othersClaims;

    private enum Coordination
    {
        Coordinated,
        Duplicate,
        Gap,
    }

    public void Dispatch()
    {
        if (!SkipIdleWork)
        {
            SumOthersClaims();
            for (int u = 0; u < UnitCount; u++)
            {
                if (Units.State[u] == UnitState.Idle)
                {
                    DispatchIdleUnits++;
                    DispatchSearches++;
                    TryDispatch(u);
                }
            }

            return;
        }

        // Most idle units belong to nodes that believe every need they may serve is covered. A node is surveyed once
        // (at its first idle unit); while it is saturated, its idle units only make their coordination draw, so the
        // random stream and the gap count are exactly those of the full search. Claims only grow during Dispatch and
        // beliefs do not change, so a saturated node stays saturated for the rest of the tick.
        for (int node = Nodes.FirstActor; node < Nodes.ActorEnd; node++)
        {
            int end = Math.Min(Roster.Start[node + 1], UnitCount);
            bool surveyed = false;
            bool saturated = false;
            bool mayGap = false;
            for (int u = Roster.Start[node]; u < end; u++)
            {
                if (Units.State[u] != UnitState.Idle)
                {
                    continue;
                }

                DispatchIdleUnits++;
                if (!surveyed)
                {
                    (saturated, mayGap) = SurveyNode(node);
                    surveyed = true;
                }

                if (saturated)
                {
                    PassOver(u, mayGap);
                }
                else
                {
                    DispatchSearches++;
                    if (TryDispatch(u))
                    {
                        (saturated, mayGap) = SurveyNode(node); // proved saturated; the survey says whether gaps are possible
                    }
                }
            }
        }
    }

    /// <summary>Idle units Dispatch has considered so far (for the tests of the optimisation).</summary>
    public long DispatchIdleUnits { get; private set; }

    /// <summary>Full searches of tasks and zones Dispatch has made so far.</summary>
    public long DispatchSearches { get; private set; }

    /// <summary>
    /// Whether none of <paramref name="node"/>'s idle units can find uncovered need this tick, even in the most
    /// demanding coordination (duplicate: only its own claims count) — and whether a unit drawing "gap" would see a
    /// need others have claimed. A pending refusal notice counts as not saturated, so the full search records it.
    /// </summary>
    private (bool Saturated, bool MayGap) SurveyNode(int node)
    {
        bool authorised = Tick >= Nodes.AuthorisedTick[node];
        bool mayGap = false;
        var othersClaims = OthersClaims;
        foreach (int t in TaskTraits.TriageOrder)
        {
            if (!Nodes.Does(node, (TaskKind)t) || (t == (int)TaskKind.Supplies && Nodes.Stock[node] <= 0))
            {
                continue;
            }

            for (int z = 0; z < ZoneCount; z++)
            {
                if (Zones.Cordoned[z] && !authorised)
                {
                    continue;
                }

                int bi = Nodes.BeliefIndex(node, z, t);
                if (!_permitted[bi])
                {
                    if (!_refusalNoted[bi] && Nodes.BeliefValue[bi] > 0)
                    {
                        return (false, false);
                    }

                    continue;
                }

                float believed = Nodes.BeliefValue[bi];
                if (Nodes.BeliefTick[bi] < 0 || believed <= 0)
                {
                    continue;
                }

                mayGap |= othersClaims[bi] > 0;
                if (Deficit(node, z, t, believed, Roster.NodeWorkRate[node], 0) > 0)
                {
                    return (false, false);
                }
            }
        }

        return (true, mayGap);
    }

    /// <summary>An idle unit of a saturated node: its coordination draw is made (and a gap counted) as the search would.</summary>
    private void PassOver(int u, bool mayGap)
    {
        double draw = Nodes.Rng[Units.Owner[u]].NextDouble();
        if (mayGap && Coordinate(draw) == Coordination.Gap)
        {
            Metrics.CoordinationGaps++;
        }
    }

    private Coordination Coordinate(double draw) =>
        draw < _clarity ? Coordination.Coordinated
        : draw < _clarity + ((1 - _clarity) / 2) ? Coordination.Duplicate
        : Coordination.Gap;

    /// <summary>Units a need still wants from <paramref name="node"/>'s point of view, counting <paramref name="others"/> of other nodes' claims.</summary>
    private double Deficit(int node, int z, int t, float believed, double workRate, double others)
    {
        double claimed = Nodes.ClaimUnits[Nodes.ClaimIndex(node, node, z, t)] + others;
        double deficit = UnitsWanted(t, believed, workRate) - claimed;
        if (t == (int)TaskKind.Rescue)
        {
            // Rescue is slowed by fire: a dispatcher discounts burning zones by what it believes of the fire.
            deficit *= WorkPhase.RescueFactor(Nodes.BeliefValue[Nodes.BeliefIndex(node, z, (int)TaskKind.Fire)]);
        }

        return deficit;
    }

    /// <summary>
    /// Per node, zone and need: units it believes other nodes have committed (fixed during Dispatch: others' claims only
    /// change by messages). The fast path reads the running sums of <see cref="Nodes.OthersClaims"/>; the reference path
    /// recomputes them every tick.
    /// </summary>
    private float[] OthersClaims => SkipIdleWork ? Nodes.OthersClaims : _othersClaims;

    private void SumOthersClaims()
    {
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            for (int z = 0; z < ZoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    float sum = 0;
                    for (int owner = Nodes.FirstActor; owner < Nodes.ActorEnd; owner++)
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

    /// <summary>
    /// Searches for the best task and zone for idle unit <paramref name="u"/> and commits it. Returns whether the search
    /// proves its node saturated: nothing found in duplicate coordination at the node's lowest work rate.
    /// </summary>
    private bool TryDispatch(int u)
    {
        int node = Units.Owner[u];
        var coordination = Coordinate(Nodes.Rng[node].NextDouble());
        bool authorised = Tick >= Nodes.AuthorisedTick[node];
        var best = new Choice { Zone = -1, Task = -1 };
        foreach (int t in TaskTraits.TriageOrder)
        {
            if (best.Zone >= 0)
            {
                break; // a more urgent task already has uncovered need: life-saving work comes first
            }

            if (Nodes.Does(node, (TaskKind)t) && (t != (int)TaskKind.Supplies || Nodes.Stock[node] > 0))
            {
                SearchZones(u, t, coordination, authorised, ref best);
            }
        }

        if (best.Zone < 0)
        {
            if (best.Gapped)
            {
                Metrics.CoordinationGaps++;
            }

            return coordination == Coordination.Duplicate && Units.WorkRate[u] <= Roster.NodeWorkRate[node];
        }

        Commit(u, best.Zone, (TaskKind)best.Task);
        return false;
    }

    /// <summary>The zone where task <paramref name="t"/> has the most uncovered need per hour of travel, if it beats <paramref name="best"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SearchZones(int u, int t, Coordination coordination, bool authorised, ref Choice best)
    {
        int node = Units.Owner[u];
        int from = Units.Zone[u];
        var othersClaims = OthersClaims;
        for (int z = 0; z < ZoneCount; z++)
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

            float others = othersClaims[bi];
            if (coordination == Coordination.Gap && others > 0)
            {
                best.Gapped = true;
                continue;
            }

            double deficit = Deficit(node, z, t, believed, Units.WorkRate[u], coordination == Coordination.Coordinated ? others : 0);
            if (deficit <= 0)
            {
                continue;
            }

            double score = deficit / (1 + Roads.FreeTime(from, z));
            if (score > best.Score)
            {
                best.Score = score;
                best.Zone = z;
                best.Task = t;
            }
        }
    }

    /// <summary>The best task and zone found so far, and whether a need was passed over as someone else's (a gap).</summary>
    private struct Choice
    {
        public double Score;
        public int Zone;
        public int Task;
        public bool Gapped;
    }


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
        CounterRandom.Uniform(_permissionSeed, (((long)node * PermissionZoneStride) + zone) * Nodes.NeedCount + task, 0) < Parameters.Governance.Legal.PermittedTaskShare;

    /// <summary>How many units a believed need calls for, planning each unit to cover <see cref="PlanningHorizonH"/> hours.</summary>
    private double UnitsWanted(int task, float believed, double workRate) => (TaskKind)task switch
    {
        TaskKind.Fire => Math.Ceiling(believed / Math.Max(1e-9, Parameters.Hazard.Fire.SuppressionPerUnitH * PlanningHorizonH)),
        TaskKind.Monitoring => MonitoringUnitsWanted,
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
            WorkPhase.StartWork(u);
            return;
        }

        double congested = Roads.CongestedTime(from, zone);
        Metrics.CongestionDelayH += (congested - Roads.FreeTime(from, zone)) * Units.Vehicles[u];
        Units.ArriveTick[u] = Tick + Math.Max(1, DurationTicks(congested));
        Units.TripFrom[u] = from;
        Units.State[u] = UnitState.Travelling;
        Roads.Load(from, zone, Units.Vehicles[u]);
    }

    /// <summary>Unit <paramref name="u"/> is no longer committed: its node's claim on its task and zone falls by one.</summary>
    public void ReleaseClaim(int u) => ChangeOwnClaim(Units.Owner[u], Units.Target[u], (int)Units.Task[u], -1);

    private void ChangeOwnClaim(int node, int zone, int need, int delta)
    {
        int i = Nodes.ClaimIndex(node, node, zone, need);
        Nodes.ClaimUnits[i] = Math.Max(0, Nodes.ClaimUnits[i] + delta);
        Nodes.ClaimTick[i] = Tick;
        Comms.ShareOwn(node, MessageKind.Claim, zone, need, Nodes.ClaimUnits[i]);
    }
}
