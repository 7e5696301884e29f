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
/// of travel. Each actor's mandate for each (zone, task), drawn once per run, decides whether others' known claims
/// are respected (clear), ignored (duplicate: it believes the need is its alone) or taken as covering the need
/// entirely (gap: it believes the need is someone else's), until the misassignment is noticed and corrected.
/// Organisations need authorisation for cordoned zones and permission for each task. An idle unit whose node has an
/// open order from the command (<see cref="PlanningPhase"/>) follows it before its node's own choice.
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

    private readonly ulong _permissionSeed;
    private readonly ulong _commitmentSeed;
    private readonly double[] _commitmentKept;
    private readonly bool[] _refusalNoted;
    private readonly bool[] _permitted;
    private readonly Mandate[] _mandate;
    private readonly int[] _mandateCorrectedTick;
    private readonly bool[] _gapNoted;

    public DispatchPhase(RunState run)
        : base(run)
    {
        _permissionSeed = RandomStreams.DeriveSeed(run.Seed, "permission");
        _commitmentSeed = RandomStreams.DeriveSeed(run.Seed, "commitment");
        _commitmentKept = new double[Nodes.Count];
        Array.Fill(_commitmentKept, 1);
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            _commitmentKept[n] = Parameters.Actors[n - Nodes.FirstActor].CommitmentKept;
        }

        ulong mandateSeed = RandomStreams.DeriveSeed(run.Seed, "mandate");
        int beliefs = Nodes.Count * ZoneCount * Nodes.NeedCount;
        _othersClaims = new float[beliefs];
        _refusalNoted = new bool[beliefs];
        _permitted = new bool[beliefs];
        _mandate = new Mandate[beliefs];
        _mandateCorrectedTick = new int[beliefs];
        _gapNoted = new bool[beliefs];
        for (int n = 0; n < Nodes.Count; n++)
        {
            for (int z = 0; z < ZoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    int bi = Nodes.BeliefIndex(n, z, t);
                    _permitted[bi] = !Nodes.Traits[n].AsksPermission || !Nodes.Integrated[n] || PermittedDraw(n, z, t); // the command permits only those it integrates
                    DrawMandate(mandateSeed, bi, n, z, t);
                }
            }
        }
    }

    private readonly float[] _othersClaims;

    /// <summary>What an actor believes its responsibility for a need in a zone is.</summary>
    private enum Mandate : byte
    {
        /// <summary>It knows who does what: the units it knows others have committed count against the need.</summary>
        Clear,

        /// <summary>It believes the need is its alone: others' claims are ignored, so it may duplicate them.</summary>
        Duplicate,

        /// <summary>It believes the need is someone else's: once anyone else has claimed it, it stays away (a gap).</summary>
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
                    if (!PlanningPhase.FollowOrder(u))
                    {
                        DispatchSearches++;
                        TryDispatch(u);
                    }
                }
            }

            return;
        }

        // Most idle units belong to nodes that believe every need they may serve is covered. Mandates are fixed for the
        // tick, claims only grow during Dispatch and beliefs do not change, so once a unit at its node's lowest work
        // rate finds nothing, no later idle unit of that node can find anything this tick: the search is skipped.
        for (int node = Nodes.FirstActor; node < Nodes.ActorEnd; node++)
        {
            int end = Math.Min(Roster.Start[node + 1], UnitCount);
            bool saturated = false;
            for (int u = Roster.Start[node]; u < end; u++)
            {
                if (Units.State[u] != UnitState.Idle)
                {
                    continue;
                }

                DispatchIdleUnits++;
                if (PlanningPhase.FollowOrder(u))
                {
                    continue; // the command's order comes before the node's own choice
                }

                if (!saturated)
                {
                    DispatchSearches++;
                    saturated = TryDispatch(u);
                }
            }
        }
    }

    /// <summary>Idle units Dispatch has considered so far (for the tests of the optimisation).</summary>
    public long DispatchIdleUnits { get; private set; }

    /// <summary>Full searches of tasks and zones Dispatch has made so far.</summary>
    public long DispatchSearches { get; private set; }

    /// <summary>The mandate of belief entry <paramref name="bi"/> now: a misassignment counts until it is corrected.</summary>
    private Mandate MandateOf(int bi) => Tick >= _mandateCorrectedTick[bi] ? Mandate.Clear : _mandate[bi];

    /// <summary>
    /// Draws, once per run, node <paramref name="node"/>'s mandate for task <paramref name="task"/> in
    /// <paramref name="zone"/>: clear with probability governance.responsibility_clarity, otherwise a duplicate or a gap
    /// (half each), which is noticed and corrected after an exponential time of mean
    /// governance.responsibility_review_h. Counter-based draws, so the mandates depend on the seed alone (not on the
    /// tick length or on what else the run draws).
    /// </summary>
    private void DrawMandate(ulong seed, int bi, int node, int zone, int task)
    {
        var governance = Parameters.Governance;
        long counter = (((long)node * PermissionZoneStride) + zone) * Nodes.NeedCount + task;
        double draw = CounterRandom.Uniform(seed, counter, 0);
        double clarity = governance.ResponsibilityClarity;
        _mandate[bi] = draw < clarity ? Mandate.Clear : draw < clarity + ((1 - clarity) / 2) ? Mandate.Duplicate : Mandate.Gap;
        if (_mandate[bi] == Mandate.Clear)
        {
            return;
        }

        double hours = -Math.Log(1 - CounterRandom.Uniform(seed, counter, 1)) * governance.ResponsibilityReviewH;
        _mandateCorrectedTick[bi] = double.IsFinite(hours) && hours < Run.TickCount * Dt ? TicksFor(hours) : int.MaxValue;
    }

    /// <summary>Units a need still wants from <paramref name="node"/>'s point of view, counting <paramref name="others"/> of other nodes' claims.</summary>
    private double Deficit(int node, int z, int t, float believed, double workRate, double others)
    {
        double claimed = Nodes.ClaimUnits[Nodes.ClaimIndex(node, node, z, t)] + others;
        double deficit = UnitsWanted(t, believed, workRate) - claimed;
        if (t == (int)TaskKind.Rescue)
        {
            // Rescue is slowed by fire: a dispatcher discounts burning zones by what it believes of the fire (so rescue
            // decides on the fire, TaskTraits.DecidesOn, and its readers follow the fire's topic on the platform).
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
    /// proves its node saturated for the rest of the tick: nothing found at the node's lowest work rate.
    /// </summary>
    private bool TryDispatch(int u)
    {
        int node = Units.Owner[u];
        bool authorised = Tick >= Nodes.AuthorisedTick[node];
        var best = new Choice { Zone = -1, Task = -1 };
        _passedCutOff = false;
        foreach (int t in TaskTraits.TriageOrder)
        {
            if (best.Zone >= 0)
            {
                break; // a more urgent task already has uncovered need: life-saving work comes first
            }

            if (Nodes.Does(node, (TaskKind)t) && (t != (int)TaskKind.Supplies || Nodes.Stock[node] > 0))
            {
                SearchZones(u, t, authorised, ref best);
            }
        }

        if (best.Zone < 0)
        {
            // A need passed over because no open road leads there from this unit's zone may be within reach of another
            // unit of the node: the node is not proven saturated.
            return !_passedCutOff && Units.WorkRate[u] <= Roster.NodeWorkRate[node];
        }

        Commit(u, best.Zone, (TaskKind)best.Task);
        return false;
    }

    /// <summary>The zone where task <paramref name="t"/> has the most uncovered need per hour of travel, if it beats <paramref name="best"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SearchZones(int u, int t, bool authorised, ref Choice best)
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
            var mandate = MandateOf(bi);
            if (mandate == Mandate.Gap && others > 0)
            {
                NoteGap(bi);
                continue;
            }

            double deficit = Deficit(node, z, t, believed, Units.WorkRate[u], mandate == Mandate.Clear ? others : 0);
            if (deficit <= 0)
            {
                continue;
            }

            if (t == (int)TaskKind.Rescue && !WorkPhase.CanRescueIn(u, z))
            {
                continue; // the water is too deep for a unit without boats
            }

            if (!Roads.Reachable(from, z, Units.Boat[u]))
            {
                _passedCutOff = true; // no open road from here (a landslide, water)
                continue;
            }

            double score = deficit / (1 + Roads.FreeTime(from, z, Units.Boat[u]));
            if (score > best.Score)
            {
                best.Score = score;
                best.Zone = z;
                best.Task = t;
            }
        }
    }

    /// <summary>Whether the search under way passed over a need only because no open road leads there from the unit's zone.</summary>
    private bool _passedCutOff;

    /// <summary>The best task and zone found so far.</summary>
    private struct Choice
    {
        public double Score;
        public int Zone;
        public int Task;
    }

    /// <summary>An idle unit passed over a need it believes is someone else's: counted once per (actor, zone, task).</summary>
    private void NoteGap(int bi)
    {
        if (!_gapNoted[bi])
        {
            _gapNoted[bi] = true;
            Metrics.CoordinationGaps++;
        }
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
    public double UnitsWanted(int task, float believed, double workRate) => (TaskKind)task switch
    {
        TaskKind.Fire => Math.Ceiling(believed / Math.Max(1e-9, Parameters.Hazard.Fire.SuppressionPerUnitH * PlanningHorizonH)),
        TaskKind.Monitoring => MonitoringUnitsWanted,
        TaskKind.Rescue when Parameters.Population.RescueUnitsPerTrapped > 0 =>
            Math.Min(Math.Ceiling(believed / Math.Max(1e-9, workRate * PlanningHorizonH)), Math.Ceiling(believed * Parameters.Population.RescueUnitsPerTrapped)), // no more than the worksites have room for
        _ => Math.Ceiling(believed / Math.Max(1e-9, workRate * PlanningHorizonH)),
    };

    public void Commit(int u, int zone, TaskKind task)
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

        if (BreaksCommitment(u, node))
        {
            // Claimed, but the unit never sets off: its claim stands until it was due, then it is withdrawn (ArrivalPhase).
            Units.NoShow[u] = true;
            Units.ArriveTick[u] = Tick + Math.Max(1, DurationTicks(Roads.FreeTime(from, zone, Units.Boat[u])));
            Units.State[u] = UnitState.Travelling;
            return;
        }

        double congested = Roads.Depart(u, from, zone, Units.Vehicles[u], Tick * Dt, Units.Boat[u]);
        Metrics.CongestionDelayH += (congested - Roads.FreeTime(from, zone, Units.Boat[u])) * Units.Vehicles[u];
        Units.ArriveTick[u] = Tick + Math.Max(1, DurationTicks(congested));
        Units.State[u] = UnitState.Travelling;
    }

    /// <summary>
    /// Whether unit <paramref name="u"/> breaks this commitment (actors.*.commitment_kept): a counter-based draw per unit
    /// and commitment, so it depends on the seed and the unit's history alone, not on the tick length.
    /// </summary>
    private bool BreaksCommitment(int u, int node)
    {
        double kept = _commitmentKept[node];
        if (kept >= 1)
        {
            return false;
        }

        long counter = ((long)u << 24) + Units.Commitments[u]++;
        return CounterRandom.Uniform(_commitmentSeed, counter, 0) >= kept;
    }

    /// <summary>
    /// The command has told node <paramref name="node"/> what to do about <paramref name="task"/> in
    /// <paramref name="zone"/> (a tasking or release order): a misassigned mandate there is corrected from now.
    /// </summary>
    public void Clarify(int node, int zone, int task)
    {
        int bi = Nodes.BeliefIndex(node, zone, task);
        _mandateCorrectedTick[bi] = Math.Min(_mandateCorrectedTick[bi], Tick);
    }

    /// <summary>Unit <paramref name="u"/> is no longer committed: its node's claim on its task and zone falls by one.</summary>
    public void ReleaseClaim(int u) => ChangeOwnClaim(Units.Owner[u], Units.Target[u], (int)Units.Task[u], -1);

    private void ChangeOwnClaim(int node, int zone, int need, int delta)
    {
        int i = Nodes.ClaimIndex(node, node, zone, need);
        Nodes.ClaimUnits[i] += delta; // one +1 per commitment, one -1 per release of it: never below 0 (ReviewBugTests)
        if (Nodes.ClaimUnits[i] < 0)
        {
            throw new InvalidOperationException($"node {node} released a claim on need {need} in zone {zone} that it never made");
        }

        Nodes.ClaimTick[i] = Tick;
        Comms.ShareOwn(node, MessageKind.Claim, zone, need, Nodes.ClaimUnits[i]);
    }
}
