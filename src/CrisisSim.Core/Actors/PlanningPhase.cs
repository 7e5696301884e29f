using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Phase 9, command planning (between communication and dispatch): headquarters' situation meeting. Every
/// command.planning_interval_h it compares, on its own beliefs (the needs it believes and the claims it has learned),
/// each need with the units it believes committed; it orders a node it commands to release the surplus where it
/// believes claims exceed what a need wants (duplicates), then assigns units of the nodes it commands to the largest
/// uncovered needs, in triage order, at most command.assignments_per_h decisions an hour (the fraction carried). The
/// orders are issued command.planning_time_h after the picture and travel down the chain of command as messages
/// (<see cref="MessageKind.Order"/>, <see cref="MessageKind.Release"/>): late, lossy, read at the receivers' capacity.
/// The same meeting decides requisitions (PlanningPhase.Requisition.cs); what a node does with an order it reads is in
/// PlanningPhase.Orders.cs. Headquarters plans in both governance modes, for the nodes it commands.
/// </summary>
internal sealed partial class PlanningPhase : Phase
{
    private readonly CommandSettings _command;
    private readonly bool _meets;
    private readonly int _issueDelayTicks;
    private readonly double _decisionsPerMeeting;
    private readonly MessageRing _decided;
    private readonly double[] _leadRate;
    private readonly float[] _deficit;
    private readonly int[] _available;
    private int _meetings;
    private int _nextMeetingTick;
    private double _carriedDecisions;

    public PlanningPhase(RunState run)
        : base(run)
    {
        _command = Parameters.Command;
        _meets = _command.Planning || _command.RequisitionBelowKits > 0;
        _nextMeetingTick = _meets ? 0 : int.MaxValue;
        _issueDelayTicks = DurationTicks(_command.PlanningTimeH);
        _decisionsPerMeeting = _command.AssignmentsPerH * _command.PlanningIntervalH;
        // The orders of the meetings whose issue is pending: sized so that the steady tick never grows the ring.
        int pending = (int)Math.Ceiling(_decisionsPerMeeting * (1 + Math.Ceiling(_command.PlanningTimeH / _command.PlanningIntervalH)));
        _decided = new MessageRing(Math.Max(16, pending + 16));
        _leadRate = LeadRates();
        _deficit = new float[ZoneCount * Nodes.NeedCount];
        _available = new int[Nodes.Count];
        _orderTarget = new float[Nodes.Count * ZoneCount * Nodes.NeedCount];
        _orderUntil = new int[Nodes.Count * ZoneCount * Nodes.NeedCount];
        _orderPicture = new int[Nodes.Count * ZoneCount * Nodes.NeedCount];
        Array.Fill(_orderUntil, -1);
        _ordersUntil = new int[Nodes.Count];
        Array.Fill(_ordersUntil, -1);
        _nothingToFollowTick = new int[Nodes.Count];
        Array.Fill(_nothingToFollowTick, -1);
        _orderValidTicks = Math.Max(1, DurationTicks(_command.PlanningIntervalH));
        (_requisitionKits, _requisitionTick, _requisitioned) = (new double[Nodes.Count], new int[Nodes.Count], new bool[Nodes.Count]);
        Array.Fill(_requisitionTick, int.MaxValue);
        _store = GovernmentStore();
    }

    /// <summary>Whether node <paramref name="n"/> is an actor headquarters commands (it owns units and receives orders).</summary>
    private bool Commanded(int n) => Nodes.IsActor(n) && Nodes.Traits[n].UnderCommand;

    /// <summary>Phase 9: requisitioned kits arrive, a meeting is held if one is due, decided orders whose time has come are issued.</summary>
    public void Plan()
    {
        DeliverRequisitions();
        if (Tick >= _nextMeetingTick)
        {
            int held = 0;
            while (Tick >= _nextMeetingTick)
            {
                held++; // meetings more often than ticks are held together, with their decisions added
                _nextMeetingTick = TicksFor(++_meetings * _command.PlanningIntervalH);
            }

            Meet(held);
        }

        while (_decided.Count > 0 && _decided.Peek().DeliverTick <= Tick)
        {
            var order = _decided.Dequeue();
            Emit(order.Kind == MessageKind.Order ? TraceKind.OrderIssued : TraceKind.ReleaseIssued, Nodes.Headquarters, order.Target, -1, order.Zone, order.Need, (int)Channel.Hierarchy, order.Value, order.ObservedTick);
            Comms.Order(ref order);
        }
    }

    private void Meet(int held)
    {
        if (_command.RequisitionBelowKits > 0)
        {
            Requisition();
        }

        if (!_command.Planning)
        {
            return;
        }

        // Decisions are a rate per hour of meetings: whole ones are taken, the fraction carried (as reading capacity is).
        int decisions = Whole(ref _carriedDecisions, _decisionsPerMeeting * held);
        CountAvailable();
        decisions = Release(decisions);
        Assign(decisions);
    }

    /// <summary>
    /// Per task, the work rate headquarters plans with: that of the commanded node doing the task with the most units
    /// (its lead department); 0 if no commanded node does it.
    /// </summary>
    private double[] LeadRates()
    {
        var rates = new double[Nodes.NeedCount];
        var most = new int[Nodes.NeedCount];
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            int units = Roster.Start[n + 1] - Roster.Start[n];
            for (int t = 0; t < Nodes.NeedCount; t++)
            {
                if (Commanded(n) && Nodes.Does(n, (TaskKind)t) && (rates[t] == 0 || units > most[t]))
                {
                    rates[t] = Roster.NodeWorkRate[n];
                    most[t] = units;
                }
            }
        }

        return rates;
    }

    /// <summary>
    /// Units headquarters believes each node it commands has free: those on site (it knows its own forces' strength)
    /// less the units it believes the node has committed.
    /// </summary>
    private void CountAvailable()
    {
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (!Commanded(n))
            {
                continue;
            }

            int present = 0;
            for (int u = Roster.Start[n]; u < Roster.Start[n + 1]; u++)
            {
                present += Units.State[u] is UnitState.Idle or UnitState.Travelling or UnitState.Working ? 1 : 0;
            }

            double claimed = 0;
            for (int z = 0; z < ZoneCount; z++)
            {
                for (int t = 0; t < Nodes.NeedCount; t++)
                {
                    claimed += Nodes.ClaimUnits[Nodes.ClaimIndex(Nodes.Headquarters, n, z, t)];
                }
            }

            _available[n] = Math.Max(0, present - (int)claimed);
        }
    }

    /// <summary>Units need <paramref name="t"/> in zone <paramref name="z"/> wants from headquarters' picture (0 if it believes none).</summary>
    private double Wanted(int z, int t)
    {
        int bi = Nodes.BeliefIndex(Nodes.Headquarters, z, t);
        float believed = Nodes.BeliefValue[bi];
        return Nodes.BeliefTick[bi] < 0 || believed <= 0 || _leadRate[t] <= 0 ? 0 : DispatchPhase.UnitsWanted(t, believed, _leadRate[t]);
    }

    /// <summary>Units headquarters believes every deciding node together has committed to need <paramref name="t"/> in zone <paramref name="z"/>.</summary>
    private float Claimed(int z, int t) => Nodes.OthersClaims[Nodes.BeliefIndex(Nodes.Headquarters, z, t)];

    /// <summary>
    /// Duplicates: where the claims headquarters knows exceed what a need it believes wants by a unit or more, the
    /// commanded node with the largest claim there is told to release the surplus. Returns the decisions left.
    /// </summary>
    private int Release(int decisions)
    {
        for (int z = 0; z < ZoneCount && decisions > 0; z++)
        {
            for (int t = 0; t < Nodes.NeedCount && decisions > 0; t++)
            {
                double wanted = Wanted(z, t);
                double surplus = Claimed(z, t) - wanted;
                if (wanted <= 0 || surplus < 1)
                {
                    continue; // a need believed gone is left to the units on site, which see the truth
                }

                int biggest = -1;
                float most = 0;
                for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
                {
                    float claim = Nodes.ClaimUnits[Nodes.ClaimIndex(Nodes.Headquarters, n, z, t)];
                    if (Commanded(n) && claim > most)
                    {
                        (biggest, most) = (n, claim);
                    }
                }

                if (biggest >= 0)
                {
                    Decide(MessageKind.Release, biggest, z, t, most - (float)Math.Min(Math.Floor(surplus), most));
                    decisions--;
                }
            }
        }

        return decisions;
    }

    /// <summary>
    /// Assignments: task by task in triage order, the zone with the largest uncovered need (units wanted less units
    /// believed committed; rescue discounted by the believed fire, as a dispatcher does) gets the commanded node doing
    /// the task with the most free units, for as many units as it lacks or the node has.
    /// </summary>
    private void Assign(int decisions)
    {
        foreach (int t in TaskTraits.TriageOrder)
        {
            if (decisions <= 0)
            {
                return;
            }

            for (int z = 0; z < ZoneCount; z++)
            {
                double deficit = Wanted(z, t) - Claimed(z, t);
                if (t == (int)TaskKind.Rescue)
                {
                    deficit *= WorkPhase.RescueFactor(Nodes.BeliefValue[Nodes.BeliefIndex(Nodes.Headquarters, z, (int)TaskKind.Fire)]);
                }

                _deficit[(z * Nodes.NeedCount) + t] = (float)deficit;
            }

            while (decisions > 0)
            {
                int zone = LargestDeficit(t);
                int node = zone >= 0 ? MostAvailable(t) : -1;
                if (node < 0)
                {
                    break;
                }

                int di = (zone * Nodes.NeedCount) + t;
                int units = (int)Math.Min(Math.Ceiling(_deficit[di]), _available[node]);
                _deficit[di] -= units;
                _available[node] -= units;
                Decide(MessageKind.Order, node, zone, t, Nodes.ClaimUnits[Nodes.ClaimIndex(Nodes.Headquarters, node, zone, t)] + units);
                decisions--;
            }
        }
    }

    private int LargestDeficit(int t)
    {
        int best = -1;
        float largest = 0;
        for (int z = 0; z < ZoneCount; z++)
        {
            float d = _deficit[(z * Nodes.NeedCount) + t];
            if (d > largest)
            {
                (best, largest) = (z, d);
            }
        }

        return best;
    }

    /// <summary>The commanded node doing task <paramref name="t"/> (with stock, for supplies) with the most free units, or -1.</summary>
    private int MostAvailable(int t)
    {
        int best = -1;
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (Commanded(n) && Nodes.Does(n, (TaskKind)t) && _available[n] > 0 && (t != (int)TaskKind.Supplies || Nodes.Stock[n] > 0)
                && (best < 0 || _available[n] > _available[best]))
            {
                best = n;
            }
        }

        return best;
    }

    /// <summary>An order decided now on the picture of now, to be issued command.planning_time_h later.</summary>
    private void Decide(MessageKind kind, int node, int zone, int task, float units)
    {
        _decided.Enqueue(new Message
        {
            Kind = kind,
            Channel = Channel.Hierarchy,
            Direction = Direction.Down,
            Origin = Nodes.Headquarters,
            Zone = zone,
            Need = (byte)task,
            Value = units,
            Target = node,
            ObservedTick = Tick,
            DeliverTick = Tick + _issueDelayTicks,
        });
    }
}
