using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>
/// Phase 8, communication. Messages in flight reach inboxes; each node reads up to its capacity;
/// what it learns it passes on according to the rules in force; platform readers read up to their cap;
/// the broadcaster releases on schedule. Rules:
/// chain of command — department → district command → headquarters → departments with that task;
/// liaison — organisation ⇄ headquarters directly; platform — every integrated node posts and reads;
/// broadcast — official releases to everyone. Information from the other sector is acted on with
/// probability governance.trust.
/// </content>
public sealed partial class Simulation
{
    private int _nextReleaseTick;
    private int _hierarchyCapacity;
    private int _liaisonCapacity;
    private int _readingCap;
    private int _releaseInterval;

    private void Communicate()
    {
        DeliverDue();
        ProcessInboxes();
        ReadPlatform();
        ReleaseOfficialInformation();
        _platform.Compact();
    }

    private void DeliverDue()
    {
        foreach (var ring in _inFlight)
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
        var comm = _scenario.Communication;
        for (int n = 0; n < Nodes.Count; n++)
        {
            var inbox = Nodes.Inbox[n];
            int capacity = Nodes.Sector[n] == Sector.Government ? _hierarchyCapacity : _liaisonCapacity;
            for (int k = 0; k < capacity && inbox.Count > 0; k++)
            {
                var m = inbox.Dequeue();
                Handle(n, in m);
            }

            if (_trace is not null)
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
        }
    }

    private void ReadPlatform()
    {
        int cap = _readingCap;
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (!_platform.IsReader(n))
            {
                continue;
            }

            int read = 0;
            while (read < cap && _platform.TryRead(n, Tick, out var post))
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

    /// <summary>Node <paramref name="node"/> reads <paramref name="m"/>: trust gate, belief update, onward routing.</summary>
    private void Handle(int node, in Message m)
    {
        // Trust is judged once, where information crosses from one sector to the other (not again at every relay).
        if (m.Origin >= 0 && m.From >= 0 && Nodes.Sector[m.From] != Nodes.Sector[node] && !Nodes.Rng[node].Chance(_trust))
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
                    HeadquartersLearns(m.Zone, m.Need, m.Value, m.ObservedTick);
                }

                break;
            case MessageKind.Claim:
                Nodes.BelieveClaim(node, m.Origin, m.Zone, m.Need, m.Value, m.ObservedTick);
                break;
            case MessageKind.HazardIdentified:
                NoteHazardKnown(node);
                break;
        }

        if (m.Channel == Channel.Platform)
        {
            return; // the platform is read by all who need it: nothing is relayed from it
        }

        switch (m.Direction)
        {
            case Direction.Up when node == Nodes.DistrictCommand:
                Relay(in m, Channel.Hierarchy, Direction.Up, Nodes.Headquarters, -1);
                break;
            case Direction.Up when node == Nodes.Headquarters:
            case Direction.Direct when node == Nodes.Headquarters:
                Distribute(in m);
                break;
            case Direction.Down when m.Target != node && m.Target >= 0:
                Relay(in m, Channel.Hierarchy, Direction.Down, m.Target, m.Target);
                break;
        }
    }

    /// <summary>Headquarters passes what it learned to every node that acts on it, by the rule that links them.</summary>
    private void Distribute(in Message m)
    {
        for (int n = 2; n < Nodes.Count; n++)
        {
            if (n == m.Origin)
            {
                continue;
            }

            bool relevant = m.Kind == MessageKind.HazardIdentified || n == Nodes.Broadcaster || Nodes.Does(n, (TaskKind)m.Need);
            if (!relevant)
            {
                continue;
            }

            if (Nodes.Sector[n] == Sector.Government)
            {
                Relay(in m, Channel.Hierarchy, Direction.Down, n, n);
            }
            else if (_coGovernance && Nodes.Integrated[n])
            {
                switch (_rule)
                {
                    case CommunicationRule.Hierarchical:
                        Relay(in m, Channel.Hierarchy, Direction.Down, Nodes.DistrictCommand, n);
                        break;
                    case CommunicationRule.Liaison:
                        Relay(in m, Channel.Liaison, Direction.Direct, n, -1);
                        break;
                }
            }
        }

        // On a platform, what only headquarters hears (emergency calls) is posted for everyone.
        if (_coGovernance && _rule == CommunicationRule.Platform && m.Origin < 0)
        {
            var post = m;
            Post(Nodes.Headquarters, ref post);
        }
    }

    /// <summary>A node shares its own information (its units' observation, its claims, its findings) by the rules in force.</summary>
    private void ShareOwn(int node, MessageKind kind, int zone, int need, float value)
    {
        if (node < 2)
        {
            return;
        }

        var m = NewMessage(kind, Channel.Hierarchy, Direction.Up, node, zone, need, value);
        bool government = Nodes.Sector[node] == Sector.Government;
        bool platform = _coGovernance && _rule == CommunicationRule.Platform;
        if (government || (_coGovernance && Nodes.Integrated[node] && _rule == CommunicationRule.Hierarchical))
        {
            Send(ref m, node, Nodes.DistrictCommand, -1);
        }
        else if (_coGovernance && Nodes.Integrated[node] && _rule == CommunicationRule.Liaison)
        {
            m.Channel = Channel.Liaison;
            m.Direction = Direction.Direct;
            Send(ref m, node, Nodes.Headquarters, -1);
        }

        if (platform && Nodes.Integrated[node])
        {
            var post = NewMessage(kind, Channel.Platform, Direction.Direct, node, zone, need, value);
            Post(node, ref post);
        }
    }

    private void Relay(in Message m, Channel channel, Direction direction, int to, int target)
    {
        var copy = m;
        copy.Channel = channel;
        copy.Direction = direction;
        copy.Queued = false;
        int from = m.To;
        Send(ref copy, from, to, target);
    }

    private Message NewMessage(MessageKind kind, Channel channel, Direction direction, int origin, int zone, int need, float value) => new()
    {
        Kind = kind,
        Channel = channel,
        Direction = direction,
        Origin = origin,
        Zone = zone,
        Need = (byte)need,
        Value = value,
        ObservedTick = Tick,
        Target = -1,
    };

    private void Send(ref Message m, int from, int to, int target)
    {
        var settings = m.Channel == Channel.Liaison ? _scenario.Communication.Liaison : _scenario.Communication.Hierarchy;
        m.From = from;
        m.To = to;
        m.Target = target;
        Metrics.MessagesSent++;
        Metrics.CoordinationCost += settings.Cost;
        Emit(TraceKind.MessageSent, from, to, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
        if (_commRng.Chance(settings.Loss))
        {
            Metrics.MessagesLost++;
            Emit(TraceKind.MessageLost, from, to, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
            return;
        }

        m.DeliverTick = Tick + DurationTicks(settings.DelayH);
        _inFlight[(int)m.Channel].Enqueue(m);
    }

    private void Post(int node, ref Message m)
    {
        var settings = _scenario.Communication.Platform;
        m.From = node;
        m.To = -1;
        m.Channel = Channel.Platform;
        m.Direction = Direction.Direct;
        Metrics.MessagesSent++;
        Metrics.CoordinationCost += settings.Cost;
        Emit(TraceKind.MessageSent, node, -1, -1, m.Zone, m.Need, (int)Channel.Platform, m.Value, m.ObservedTick);
        int key = (m.Zone * Nodes.NeedCount) + m.Need;
        if (settings.HubFiltering && m.Kind == MessageKind.NeedReport && _lastPosted[key] == m.Value)
        {
            return; // the hub drops a post that repeats the newest known value
        }

        if (_commRng.Chance(settings.Loss))
        {
            Metrics.MessagesLost++;
            Emit(TraceKind.MessageLost, node, -1, -1, m.Zone, m.Need, (int)Channel.Platform, m.Value, m.ObservedTick);
            return;
        }

        if (m.Kind == MessageKind.NeedReport)
        {
            _lastPosted[key] = m.Value;
        }

        m.DeliverTick = Tick + DurationTicks(settings.LatencyH);
        _platform.Post(in m);
    }

    private static readonly int[] s_releasedNeeds = [(int)TaskKind.Rescue, (int)TaskKind.Medical, (int)TaskKind.Shelter, (int)TaskKind.Supplies, (int)TaskKind.Blood];

    /// <summary>The broadcaster releases what it believes about public needs (and the chemicals, if known) to everyone.</summary>
    private void ReleaseOfficialInformation()
    {
        if (Tick != _nextReleaseTick)
        {
            return;
        }

        int b = Nodes.Broadcaster;
        _nextReleaseTick += _releaseInterval;
        _lastReleaseTick = Tick;
        Metrics.MessagesSent++;
        Metrics.CoordinationCost += _scenario.Communication.Broadcast.Cost;
        Emit(TraceKind.Broadcast, b, -1, -1, -1, -1, (int)Channel.Broadcast, 0, Tick);
        bool hazard = Knows(b);
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (n == b || (Nodes.Sector[n] != Sector.Government && !Nodes.Rng[n].Chance(_trust)))
            {
                continue;
            }

            if (hazard)
            {
                NoteHazardKnown(n);
            }

            for (int z = 0; z < _zoneCount; z++)
            {
                foreach (int need in s_releasedNeeds)
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
                        HeadquartersLearns(z, need, Nodes.BeliefValue[i], Nodes.BeliefTick[i]);
                    }
                }
            }
        }
    }

    private void Emit(TraceKind kind, int node, int other, int unit, int zone, int need, int channel, double value, int observedTick)
    {
        _trace?.Record(new TraceEvent(Tick, kind, node, other, unit, zone, need, channel, value, observedTick));
    }
}
