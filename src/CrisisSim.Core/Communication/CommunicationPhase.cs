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
/// Phase 8, communication, under rule <typeparamref name="TRule"/>. Messages in flight reach inboxes; the platform's
/// verification desk checks waiting posts; each node gives its one attention budget (its capacity per hour) to its
/// inbox and, if it is a member and the platform works, to the platform's posts, oldest first, and passes on what it
/// learns as the rule says; the broadcaster releases on schedule. Information from the other side of the relationship
/// between the government and an organisation is acted on with probability that relationship's trust, judged once where
/// it crosses (not again at every relay); an organisation shares its own only as far as it trusts the government. The rule is a struct type argument, so its decisions are
/// compiled into this phase for each rule and cost no call.
/// </summary>
internal sealed class CommunicationPhase<TRule> : Messenger, ICommunicationPhase
    where TRule : struct, ICommunicationRule
{
    private readonly TRule _rule;
    private readonly double _hierarchyPerTick;
    private readonly double _liaisonPerTick;
    private readonly double _coordinatorPerTick;
    private readonly double _readingCost;
    private readonly double[] _attention;
    private readonly int[] _topics;
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
        // Command staff and reading capacity grow with the city, like traffic does (population.scale), but never shrink
        // below the base values: calls and reports come per zone and need as well as per unit, so a smaller city does
        // not send proportionally fewer messages (at 10^4 residents a scaled-down command read 2 a tick and never caught up).
        double scale = Math.Max(1, Parameters.Population.CapacityScale);
        var comm = Parameters.Communication;
        // Capacities are rates per hour: each tick adds its share to a node's attention, whole messages (and posts at
        // their reading cost) are read and the remainder is carried, so a 5-minute and a 10-minute tick read the same
        // number an hour.
        _hierarchyPerTick = comm.Hierarchy.CapacityPerH * scale * Dt;
        _liaisonPerTick = comm.Liaison.CapacityPerH * scale * Dt;
        _coordinatorPerTick = comm.Cluster.CapacityPerH * scale * Dt;
        _readingCost = comm.Platform.ReadingCost;
        _attention = new double[Nodes.Count];
        // A reader follows the platform's topics it acts on (a topic per need, like a channel of a chat group): its tasks'
        // needs and the needs they decide on (a rescue team follows the fire, which decides where it can search). The
        // command, the coordinators and the broadcaster follow every topic.
        _topics = new int[Nodes.Count];
        for (int n = 0; n < Nodes.Count; n++)
        {
            bool everything = n < Nodes.FirstActor || n >= Nodes.ActorEnd || n == Nodes.Broadcaster;
            _topics[n] = everything ? (1 << Nodes.NeedCount) - 1 : TaskTraits.DecisionNeeds(Nodes.TaskMask[n]);
        }
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
        Verify();
        Attend();
        ReleaseOfficialInformation();
        Platform.Compact();
    }

    public void ShareOwn(int node, MessageKind kind, int zone, int need, float value)
    {
        if (node < Nodes.FirstActor)
        {
            return; // the command's own knowledge travels by distribution, not as reports of its own
        }

        if (kind == MessageKind.NeedReport && !WorthPassingOn(node, zone, need, value))
        {
            return; // too little changed since it last passed this need on
        }

        if (!Nodes.Traits[node].UnderCommand && !WillingToShare(node))
        {
            return; // an organisation shares with the government only as far as it trusts it
        }

        var m = NewMessage(kind, Channel.Hierarchy, Direction.Up, node, zone, need, value);
        MaybeMisstate(node, ref m);
        var post = m;
        BeginShare();
        _rule.ShareOwn(this, node, ref m);
        if (_postsBeyondRule[node])
        {
            Post(node, ref post);
        }

        EndShare();
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

    /// <summary>
    /// Each node spends its attention for the tick: the oldest of its inbox's next message (cost 1) and, if it reads
    /// the platform and the platform works, its next readable post (cost communication.platform.reading_cost; its own
    /// posts cost nothing), until it cannot afford the oldest or has nothing left. What it could not afford is carried
    /// to the next tick; when it ran out of things to read only the fraction is carried: time a node had and did not
    /// need is not saved up for later.
    /// </summary>
    private void Attend()
    {
        bool platformUp = Schedule.UpAt(Tick);
        for (int n = 0; n < Nodes.Count; n++)
        {
            var inbox = Nodes.Inbox[n];
            bool readsPlatform = platformUp && Platform.IsReader(n);
            double perTick = n >= Nodes.ActorEnd ? _coordinatorPerTick : Nodes.Traits[n].UnderCommand ? _hierarchyPerTick : _liaisonPerTick;
            // The tolerance keeps a rate that is a whole number per tick from losing a message to rounding when the sum
            // of carried fractions falls an ulp short of a whole number.
            double budget = _attention[n] + perTick + 1e-9;
            bool waiting = false;
            while (true)
            {
                int postDue = 0;
                bool post = readsPlatform && Platform.NextReadable(n, _topics[n], Tick, out postDue);
                bool message = inbox.Count > 0;
                if (!post && !message)
                {
                    break;
                }

                bool readPost = post && (!message || postDue < inbox.Peek().DeliverTick);
                double cost = readPost ? _readingCost : 1;
                if (budget < cost)
                {
                    waiting = true;
                    break;
                }

                budget -= cost;
                if (readPost)
                {
                    Platform.TryRead(n, Tick, out var read);
                    Handle(n, in read);
                }
                else
                {
                    var m = inbox.Dequeue();
                    Handle(n, in m);
                }
            }

            _attention[n] = (waiting ? budget : budget - Math.Floor(budget)) - 1e-9;
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

    /// <summary>Node <paramref name="node"/> reads <paramref name="m"/>: trust gate, belief update, onward routing.</summary>
    private void Handle(int node, in Message m)
    {
        int crossing = Nodes.Relationship(m.From, node);
        if (m.Origin >= 0 && crossing >= 0 && !Nodes.Rng[node].Chance(Nodes.Trust[crossing]))
        {
            Emit(TraceKind.MessageDistrusted, m.From, node, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
            return;
        }

        Emit(TraceKind.MessageRead, m.From, node, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
        switch (m.Kind)
        {
            case MessageKind.NeedReport:
                bool fresh = m.ObservedTick >= Nodes.BeliefTick[Nodes.BeliefIndex(node, m.Zone, m.Need)];
                Nodes.Believe(node, m.Zone, m.Need, m.Value, m.ObservedTick, Nodes.Relationship(m.Origin, node), m.Misstated);
                if (m.Located)
                {
                    Nodes.Locate(node, m.Zone); // the report said where the trapped are
                }

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
        ChargeStaff(b, Parameters.Communication.Broadcast.StaffMinutes);
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
