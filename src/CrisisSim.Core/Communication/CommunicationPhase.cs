using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Communication;

/// <summary>What the other phases ask of communication, whatever the rule.</summary>
internal interface ICommunicationPhase
{
    MessageRing[] InFlight { get; }

    Platform Platform { get; }

    int Pending { get; }

    /// <summary>Phase 8: messages arrive, are read, passed on; the platform is read; the broadcaster releases.</summary>
    void Communicate();

    /// <summary>A node shares its own information (its units' observation, its claims, its findings) by the rule in force.</summary>
    void ShareOwn(int node, MessageKind kind, int zone, int need, float value);

    /// <summary>Residents in <paramref name="zone"/> call the emergency number (the district command) about a need.</summary>
    void Call(int zone, int need, float value);

    /// <summary>Headquarters sends its order <paramref name="m"/> down the chain of command, through the district command to <c>m.Target</c>.</summary>
    void Order(ref Message m);
}

/// <summary>
/// Phase 8, communication, under rule <typeparamref name="TRule"/>. Messages in flight reach inboxes; each node reads
/// up to its capacity and passes on what it learns as the rule says; platform readers read up to their cap; the
/// broadcaster releases on schedule. Information from the other sector is acted on with probability governance.trust,
/// judged once where it crosses (not again at every relay). The rule is a struct type argument, so its decisions are
/// compiled into this phase for each rule and cost no call.
/// </summary>
internal sealed class CommunicationPhase<TRule> : Messenger, ICommunicationPhase
    where TRule : struct, ICommunicationRule
{
    private readonly TRule _rule;
    private readonly double _trust;
    private readonly double _hierarchyPerTick;
    private readonly double _liaisonPerTick;
    private readonly double _coordinatorPerTick;
    private readonly double _readingPerTick;
    private readonly double[] _inboxAllowance;
    private readonly double[] _readingAllowance;
    private readonly bool[] _postsBeyondRule;
    private readonly bool _headquartersPostsCalls;
    private readonly int _releaseInterval;
    private int _nextReleaseTick;

    public CommunicationPhase(RunState run, Simulation? recycle, TRule rule)
        : this(run, recycle, rule, rule.PlatformReaders(run.Nodes))
    {
    }

    private CommunicationPhase(RunState run, Simulation? recycle, TRule rule, bool[] ruleReaders)
        : base(run, recycle, Members(run, ruleReaders))
    {
        _rule = rule;
        // Members the rule does not put on the platform post what the rule would have them post: their own information,
        // and at headquarters the emergency calls only it hears (as under the platform rule).
        _postsBeyondRule = new bool[Nodes.Count];
        for (int n = 0; n < Nodes.Count; n++)
        {
            _postsBeyondRule[n] = Platform.IsReader(n) && !ruleReaders[n];
        }

        _headquartersPostsCalls = _postsBeyondRule[Actors.Nodes.Headquarters];
        _trust = Parameters.Governance.Trust;
        // Command staff and reading capacity grow with the city, like traffic does (population.scale), but never shrink
        // below the base values: calls and reports come per zone and need as well as per unit, so a smaller city does
        // not send proportionally fewer messages (at 10^4 residents a scaled-down command read 2 a tick and never caught up).
        double scale = Math.Max(1, Parameters.Population.CapacityScale);
        var comm = Parameters.Communication;
        // Capacities are rates per hour: each tick adds its share to a node's allowance, whole messages are read and the
        // fraction is carried, so a 5-minute and a 10-minute tick read the same number of messages an hour.
        _hierarchyPerTick = comm.Hierarchy.CapacityPerH * scale * Dt;
        _liaisonPerTick = comm.Liaison.CapacityPerH * scale * Dt;
        _coordinatorPerTick = comm.Cluster.CapacityPerH * scale * Dt;
        _readingPerTick = comm.Platform.ReadingCapPerH * scale * Dt;
        _inboxAllowance = new double[Nodes.Count];
        _readingAllowance = new double[Nodes.Count];
        _nextReleaseTick = Nodes.Broadcaster >= 0 ? TicksFor(comm.Broadcast.FirstReleaseH) : int.MaxValue;
        _releaseInterval = Math.Max(1, DurationTicks(comm.Broadcast.IntervalH));
    }

    /// <summary>The rule's platform readers and the members of communication.platform.members.</summary>
    private static bool[] Members(RunState run, bool[] ruleReaders)
    {
        var members = run.Parameters.Communication.Platform.Members;
        var readers = (bool[])ruleReaders.Clone();
        for (int n = 0; n < readers.Length; n++)
        {
            bool government = run.Nodes.Traits[n].UnderCommand;
            readers[n] |= members == PlatformMembers.All || (members == PlatformMembers.Government && government);
        }

        return readers;
    }

    public void Communicate()
    {
        DeliverDue();
        ProcessInboxes();
        ReadPlatform();
        ReleaseOfficialInformation();
        Platform.Compact();
    }

    public void ShareOwn(int node, MessageKind kind, int zone, int need, float value)
    {
        if (node < Nodes.FirstActor)
        {
            return; // the command's own knowledge travels by distribution, not as reports of its own
        }

        var m = NewMessage(kind, Channel.Hierarchy, Direction.Up, node, zone, need, value);
        _rule.ShareOwn(this, node, ref m);
        if (_postsBeyondRule[node])
        {
            var post = NewMessage(kind, Channel.Platform, Direction.Direct, node, zone, need, value);
            Post(node, ref post);
        }
    }

    public void Call(int zone, int need, float value)
    {
        var m = NewMessage(MessageKind.NeedReport, Channel.Call, Direction.Up, -1, zone, need, value);
        Send(ref m, Nodes.DistrictCommand, Nodes.DistrictCommand, -1);
    }

    private void DeliverDue()
    {
        foreach (var ring in InFlight)
        {
            while (ring.Count > 0 && ring.Peek().DeliverTick <= Tick)
            {
                var m = ring.Dequeue();
                Nodes.Inbox[m.To].Enqueue(m);
            }
        }
    }

    private void ProcessInboxes()
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            var inbox = Nodes.Inbox[n];
            int capacity = Allowance(ref _inboxAllowance[n], n >= Nodes.ActorEnd ? _coordinatorPerTick : Nodes.Traits[n].UnderCommand ? _hierarchyPerTick : _liaisonPerTick);
            for (int k = 0; k < capacity && inbox.Count > 0; k++)
            {
                var m = inbox.Dequeue();
                Handle(n, in m);
            }

            if (Run.Traced)
            {
                NoteWaiting(n, inbox);
            }
        }
    }

    private void NoteWaiting(int n, MessageRing inbox)
    {
        for (int i = 0; i < inbox.Count; i++)
        {
            ref var waiting = ref inbox.At(i);
            if (!waiting.Queued)
            {
                waiting.Queued = true;
                Emit(TraceKind.MessageDelayed, waiting.From, n, -1, waiting.Zone, waiting.Need, (int)waiting.Channel, waiting.Value, waiting.ObservedTick);
            }
        }
    }

    private void ReadPlatform()
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (!Platform.IsReader(n))
            {
                continue;
            }

            int cap = Allowance(ref _readingAllowance[n], _readingPerTick);
            int read = 0;
            while (read < cap && Platform.TryRead(n, Tick, out var post))
            {
                if (post.Origin == n)
                {
                    continue; // one's own post costs no reading
                }

                Handle(n, in post);
                read++;
            }
        }
    }

    /// <summary>
    /// The whole messages a node may read this tick: its carried fraction plus this tick's share of its hourly rate.
    /// Only the fraction is carried: time a node had and did not need is not saved up for later.
    /// </summary>
    private static int Allowance(ref double carried, double perTick)
    {
        // The tolerance keeps a rate that is a whole number per tick from losing a message to rounding when the sum of
        // carried fractions falls an ulp short of a whole number.
        double allowance = carried + perTick + 1e-9;
        int whole = (int)allowance;
        carried = allowance - whole - 1e-9;
        return whole;
    }

    /// <summary>Node <paramref name="node"/> reads <paramref name="m"/>: trust gate, belief update, onward routing.</summary>
    private void Handle(int node, in Message m)
    {
        if (m.Origin >= 0 && m.From >= 0 && Nodes.Traits[m.From].UnderCommand != Nodes.Traits[node].UnderCommand && !Nodes.Rng[node].Chance(_trust))
        {
            Emit(TraceKind.MessageDistrusted, m.From, node, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
            return;
        }

        Emit(TraceKind.MessageRead, m.From, node, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
        switch (m.Kind)
        {
            case MessageKind.NeedReport:
                bool fresh = m.ObservedTick >= Nodes.BeliefTick[Nodes.BeliefIndex(node, m.Zone, m.Need)];
                Nodes.Believe(node, m.Zone, m.Need, m.Value, m.ObservedTick);
                if (fresh && node == Nodes.Headquarters)
                {
                    RecordPhase.HeadquartersLearns(m.Zone, m.Need, m.Value, m.ObservedTick);
                }

                break;
            case MessageKind.Claim:
                Nodes.BelieveClaim(node, m.Origin, m.Zone, m.Need, m.Value, m.ObservedTick);
                break;
            case MessageKind.HazardIdentified:
                RecordPhase.NoteHazardKnown(node);
                break;
            case MessageKind.Order or MessageKind.Release when node == m.Target:
                PlanningPhase.ReadOrder(node, in m);
                break;
        }

        if (m.Channel == Channel.Platform)
        {
            return; // the platform is read by all who need it: nothing is relayed from it
        }

        _rule.Route(this, node, in m);
        if (_headquartersPostsCalls && node == Actors.Nodes.Headquarters && m.Origin < 0)
        {
            var post = m; // what only headquarters hears (emergency calls) is posted for the members
            Post(Actors.Nodes.Headquarters, ref post);
        }
    }

    /// <summary>The broadcaster releases what it believes about public needs (and the chemicals, if known) to everyone.</summary>
    private void ReleaseOfficialInformation()
    {
        if (Tick != _nextReleaseTick)
        {
            return;
        }

        int b = Nodes.Broadcaster;
        _nextReleaseTick += _releaseInterval;
        PublicPhase.HearOfficialRelease();
        Metrics.MessagesSent++;
        Metrics.CoordinationCost += Parameters.Communication.Broadcast.Cost;
        Emit(TraceKind.Broadcast, b, -1, -1, -1, -1, (int)Channel.Broadcast, 0, Tick);
        bool hazard = Knows(b);
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (n == b || (!Nodes.Traits[n].UnderCommand && !Nodes.Rng[n].Chance(Parameters.Public.TrustInReleases)))
            {
                continue;
            }

            if (hazard)
            {
                RecordPhase.NoteHazardKnown(n);
            }

            Release(b, n);
        }
    }

    private void Release(int b, int n)
    {
        for (int z = 0; z < ZoneCount; z++)
        {
            foreach (int need in TaskTraits.ReleasedNeeds)
            {
                int i = Nodes.BeliefIndex(b, z, need);
                if (Nodes.BeliefTick[i] < 0)
                {
                    continue;
                }

                bool fresh = Nodes.BeliefTick[i] >= Nodes.BeliefTick[Nodes.BeliefIndex(n, z, need)];
                Nodes.Believe(n, z, need, Nodes.BeliefValue[i], Nodes.BeliefTick[i]);
                if (fresh && n == Nodes.Headquarters)
                {
                    RecordPhase.HeadquartersLearns(z, need, Nodes.BeliefValue[i], Nodes.BeliefTick[i]);
                }
            }
        }
    }
}
