using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Communication;

/// <summary>
/// The mechanics every communication rule uses: sending a message on a channel (its delay, loss and cost), relaying
/// one, posting on the platform, and the chain of command's own routing. A rule decides who sends what to whom; the
/// messenger carries it. <see cref="CommunicationPhase{TRule}"/> adds the phase itself.
/// </summary>
internal abstract class Messenger : Phase
{
    /// <summary>A misstated report is the value seen times a factor log-uniform between 1/this and this (assumption).</summary>
    public const double ReportErrorRange = 4;

    private Xoshiro256StarStar _rng;
    private readonly ulong _errorSeed;
    private readonly long[] _reportsShared;
    private readonly ulong _sharingSeed;
    private readonly long[] _sharingDraws;
    private readonly MessageRing[] _inFlight;
    private readonly float[] _lastPosted;
    private readonly float[] _lastPassedOn;
    private readonly double[] _reportError;
    private readonly MessageRing _verifying;
    private double _verificationAllowance;
    private bool _sharing;
    private bool _shareCounted;
    private readonly int _postOpensTick;

    protected Messenger(RunState run, Simulation? recycle, bool[] platformReaders)
        : base(run)
    {
        _rng = RandomStreams.Create(run.Seed, RandomStreams.Communication);
        // One ring per channel, and one for the hops at the command post (shorter than the hierarchy's, so a ring of
        // their own keeps every ring in delivery order).
        int channels = Enum.GetValues<Channel>().Length;
        int rings = channels + 1;
        var old = recycle?.State.Communication;
        _inFlight = new MessageRing[rings];
        _postOpensTick = TicksFor(Parameters.Command.PostOpensH);
        for (int c = 0; c < rings; c++)
        {
            var ring = old is not null && old.InFlight.Length == rings ? old.InFlight[c] : null;
            _inFlight[c] = MessageRing.Reuse(ring, Math.Max(1024, MessageRing.SizedForScale(256, Parameters.Population.Scale)));
        }

        // Posts come from every unit's observations and claims, so the log is sized with the city (it still grows if
        // needed); nobody posts on a platform without readers.
        int logSize = Array.IndexOf(platformReaders, true) >= 0 ? MessageRing.SizedForScale(4096, Parameters.Population.Scale) : 16;
        Platform = new Platform(Nodes.Count, platformReaders, logSize, old?.Platform);
        Schedule = new PlatformSchedule(Parameters.Communication.Platform, run.Seed, run.TickCount * run.Dt, run.TicksFor);
        _verifying = MessageRing.Reuse(null, 1024);
        _errorSeed = RandomStreams.DeriveSeed(run.Seed, "report-errors");
        _reportsShared = new long[Nodes.Count];
        _sharingSeed = RandomStreams.DeriveSeed(run.Seed, "willingness-to-share");
        _sharingDraws = new long[Nodes.Count];
        _lastPosted = new float[ZoneCount * Nodes.NeedCount];
        Array.Fill(_lastPosted, float.NaN);
        _lastPassedOn = new float[Nodes.Count * ZoneCount * Nodes.NeedCount];
        Array.Fill(_lastPassedOn, float.NaN);
        _reportError = new double[Nodes.Count];
        for (int i = 0; i < Parameters.Actors.Count; i++)
        {
            _reportError[Nodes.FirstActor + i] = Parameters.Actors[i].ReportError;
        }
    }

    /// <summary>When the platform works (set-up lag and outages).</summary>
    public PlatformSchedule Schedule { get; }

    /// <summary>The deciding nodes, for the rules.</summary>
    public Nodes Network => Nodes;

    /// <summary>Messages on their way, one ring per channel (a sweep worker's next run reuses them).</summary>
    public MessageRing[] InFlight => _inFlight;

    /// <summary>The shared platform (no readers unless the rule has it).</summary>
    public Platform Platform { get; }

    /// <summary>Messages on their way, waiting in inboxes, or on the platform not yet read by all.</summary>
    public int Pending
    {
        get
        {
            int pending = 0;
            foreach (var ring in _inFlight)
            {
                pending += ring.Count;
            }

            foreach (var inbox in Nodes.Inbox)
            {
                pending += inbox.Count;
            }

            return pending + _verifying.Count + (int)Math.Min(int.MaxValue, Platform.Backlog);
        }
    }

    /// <summary>
    /// What node <paramref name="node"/> passes on of what its units saw: with probability actors.*.report_error it
    /// misstates the value (times a factor log-uniform in [1/<see cref="ReportErrorRange"/>, <see cref="ReportErrorRange"/>]).
    /// Counter-based draws keyed by (node, its n-th report), so one actor's errors never shift another's.
    /// </summary>
    protected void MaybeMisstate(int node, ref Message m)
    {
        double error = _reportError[node];
        if (m.Kind != MessageKind.NeedReport || error <= 0 || m.Value <= 0)
        {
            return;
        }

        long counter = (_reportsShared[node]++ * Nodes.Count) + node;
        if (CounterRandom.Uniform(_errorSeed, counter, 0) >= error)
        {
            return;
        }

        m.Value = (float)(m.Value * Math.Pow(ReportErrorRange, (2 * CounterRandom.Uniform(_errorSeed, counter, 1)) - 1));
        m.Misstated = true;
    }

    /// <summary>
    /// Whether the relationship with organisation <paramref name="organisation"/> carries one more piece of information
    /// from one side to the other now: with probability its trust (willingness to share). Counter-based draws keyed by
    /// (organisation, its n-th draw), so one relationship's draws never shift another's.
    /// </summary>
    public bool WillingToShare(int organisation)
    {
        long counter = (_sharingDraws[organisation]++ * Nodes.Count) + organisation;
        return CounterRandom.Uniform(_sharingSeed, counter, 0) < Nodes.Trust[organisation];
    }

    /// <summary>
    /// Everything sent or posted until <see cref="EndShare"/> is one piece of information a node shares: it counts once
    /// in messages_sent however many channels carry it (each copy still costs its staff time).
    /// </summary>
    protected void BeginShare()
    {
        _sharing = true;
        _shareCounted = false;
    }

    /// <summary>Ends what <see cref="BeginShare"/> began.</summary>
    protected void EndShare() => _sharing = false;

    private void CountSent(int from, double staffMinutes, in Message m)
    {
        if (!_sharing || !_shareCounted)
        {
            Metrics.MessagesSent++;
            _shareCounted = true;
            if (m.Misstated && m.Origin == from)
            {
                Metrics.WrongReports++; // counted where it is first passed on, not again at relays
            }
        }

        ChargeStaff(from, staffMinutes);
    }

    /// <summary>Node <paramref name="node"/> spends <paramref name="staffMinutes"/> of staff time on coordination (an actor pays it from its field work).</summary>
    protected void ChargeStaff(int node, double staffMinutes)
    {
        double hours = staffMinutes / 60;
        Metrics.CoordinationCost += hours;
        if (Nodes.IsActor(node))
        {
            Nodes.CoordinationDueH[node] += hours;
        }
    }

    /// <summary>A new message from <paramref name="origin"/>, observed now.</summary>
    public Message NewMessage(MessageKind kind, Channel channel, Direction direction, int origin, int zone, int need, float value) => new()
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
        Located = kind == MessageKind.NeedReport && need == (int)TaskKind.Rescue && (origin < 0 || Nodes.IsLocated(origin, zone)),
    };

    /// <summary>A copy of <paramref name="m"/> goes on from the node that read it to <paramref name="to"/>.</summary>
    public void Relay(in Message m, Channel channel, Direction direction, int to, int target)
    {
        var copy = m;
        copy.Channel = channel;
        copy.Direction = direction;
        copy.Queued = false;
        int from = m.To;
        Send(ref copy, from, to, target);
    }

    /// <summary>Sends <paramref name="m"/> on its channel: it costs, may be lost, and arrives after the channel's delay.</summary>
    public void Send(ref Message m, int from, int to, int target)
    {
        var settings = Settings(m.Channel);
        m.From = from;
        m.To = to;
        m.Target = target;
        CountSent(from, settings.StaffMinutes, in m);
        Emit(TraceKind.MessageSent, from, to, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
        if (_rng.Chance(settings.Loss))
        {
            Metrics.MessagesLost++;
            Emit(TraceKind.MessageLost, from, to, -1, m.Zone, m.Need, (int)m.Channel, m.Value, m.ObservedTick);
            return;
        }

        if (AtCommandPost(in m))
        {
            m.DeliverTick = Tick + DurationTicks(Parameters.Command.PostDelayH);
            _inFlight[^1].Enqueue(m);
            return;
        }

        m.DeliverTick = Tick + DurationTicks(settings.DelayH);
        _inFlight[(int)m.Channel].Enqueue(m);
    }

    /// <summary>
    /// Whether <paramref name="m"/> is a hop of the chain of command between an actor's node and the district command
    /// once the on-site command post is open (command.post_opens_h): it then takes command.post_delay_h.
    /// </summary>
    private bool AtCommandPost(in Message m) =>
        m.Channel == Channel.Hierarchy && Tick >= _postOpensTick && (m.From == Nodes.DistrictCommand ? Nodes.IsActor(m.To) : m.To == Nodes.DistrictCommand && Nodes.IsActor(m.From));

    /// <summary>Headquarters sends its order <paramref name="m"/> through the district command to <c>m.Target</c>.</summary>
    public void Order(ref Message m)
    {
        m.Channel = Channel.Hierarchy;
        m.Direction = Direction.Down;
        Send(ref m, Nodes.Headquarters, Nodes.DistrictCommand, m.Target);
    }

    /// <summary>
    /// Node <paramref name="node"/> posts <paramref name="m"/> on the platform, if it works now (a hub may drop a repeat;
    /// with verification the post waits for the verification desk).
    /// </summary>
    public void Post(int node, ref Message m)
    {
        if (!Schedule.UpAt(Tick))
        {
            return; // not set up yet, or down: there is nothing to post on
        }

        var settings = Parameters.Communication.Platform;
        m.From = node;
        m.To = -1;
        m.Channel = Channel.Platform;
        m.Direction = Direction.Direct;
        CountSent(node, settings.StaffMinutes, in m);
        Emit(TraceKind.MessageSent, node, -1, -1, m.Zone, m.Need, (int)Channel.Platform, m.Value, m.ObservedTick);
        int key = (m.Zone * Nodes.NeedCount) + m.Need;
        if (settings.HubFiltering && m.Kind == MessageKind.NeedReport && _lastPosted[key] == m.Value)
        {
            return; // the hub drops a post that repeats the newest known value
        }

        if (_rng.Chance(settings.Loss))
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
        if (settings.VerificationPerH > 0)
        {
            _verifying.Enqueue(m);
            return;
        }

        Platform.Post(in m);
    }

    /// <summary>
    /// The verification desk checks waiting posts, first come first checked, up to verification_per_h an hour (the
    /// fraction carried like a reader's capacity): a wrong post is caught with probability verification_catch and
    /// removed; the others become readable when checked (or at their latency, if later). Nothing is checked while the
    /// platform is down.
    /// </summary>
    protected void Verify()
    {
        var settings = Parameters.Communication.Platform;
        if (settings.VerificationPerH <= 0 || !Schedule.UpAt(Tick))
        {
            return;
        }

        int whole = Whole(ref _verificationAllowance, settings.VerificationPerH * Dt);
        for (int k = 0; k < whole && _verifying.Count > 0; k++)
        {
            var post = _verifying.Dequeue();
            if (post.Misstated && _rng.Chance(settings.VerificationCatch))
            {
                Metrics.PostsRejected++;
                Emit(TraceKind.PostRejected, post.From, -1, -1, post.Zone, post.Need, (int)Channel.Platform, post.Value, post.ObservedTick);
                continue;
            }

            post.DeliverTick = Math.Max(post.DeliverTick, Tick);
            Platform.Post(in post);
        }
    }

    /// <summary>Node <paramref name="node"/> sends its own <paramref name="m"/> up the chain of command (to the district command).</summary>
    public void SendUpTheChain(ref Message m, int node) => Send(ref m, node, Nodes.DistrictCommand, -1);

    /// <summary>Node <paramref name="node"/> sends its own <paramref name="m"/> to headquarters by liaison.</summary>
    public void SendByLiaison(ref Message m, int node)
    {
        m.Channel = Channel.Liaison;
        m.Direction = Direction.Direct;
        Send(ref m, node, Nodes.Headquarters, -1);
    }

    /// <summary>
    /// Whether node <paramref name="node"/> passes on what its units now see of <paramref name="need"/> in
    /// <paramref name="zone"/>: when it is worth a report against what it last passed on (<see cref="Newsworthiness"/>),
    /// as its units judge their radio calls. Its own belief follows every call; what it passes on follows the need,
    /// not the tick: units arriving at a hospital every tick, each seeing its blood stock a unit lower, are one report.
    /// </summary>
    protected bool WorthPassingOn(int node, int zone, int need, float value)
    {
        ref float last = ref _lastPassedOn[(((node * ZoneCount) + zone) * Nodes.NeedCount) + need];
        if (!Newsworthiness.Worth(value, last, Parameters.Communication.ReportThreshold))
        {
            return false;
        }

        last = value;
        return true;
    }

    /// <summary>
    /// Whether headquarters passes <paramref name="m"/> to node <paramref name="n"/>: everyone hears of the chemicals,
    /// the broadcaster hears everything, the others what their tasks act on or decide on (a rescue team, of the fire);
    /// never back to its origin.
    /// </summary>
    public bool Concerns(int n, in Message m) =>
        n != m.Origin && (m.Kind == MessageKind.HazardIdentified || n == Nodes.Broadcaster || (TaskTraits.DecisionNeeds(Nodes.TaskMask[n]) & (1 << m.Need)) != 0);

    /// <summary>
    /// Headquarters passes <paramref name="m"/> to every actor it concerns: departments down the chain of command,
    /// integrated organisations as <typeparamref name="TRule"/> says.
    /// </summary>
    public void DistributeDown<TRule>(TRule rule, in Message m)
        where TRule : struct, ICommunicationRule
    {
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (!Concerns(n, in m))
            {
                continue;
            }

            if (Nodes.Traits[n].UnderCommand)
            {
                Relay(in m, Channel.Hierarchy, Direction.Down, n, n);
            }
            else if (Nodes.Integrated[n] && WillingToShare(n))
            {
                rule.ToOrganisation(this, n, in m); // the government shares with an organisation as far as it trusts it
            }
        }
    }

    /// <summary>
    /// The chain of command's routing after node <paramref name="node"/> read <paramref name="m"/>: the district command
    /// passes reports up to headquarters, headquarters distributes what came up (or directly) by the rule, and a
    /// message on its way down goes on to its target.
    /// </summary>
    public void RouteByCommand<TRule>(TRule rule, int node, in Message m)
        where TRule : struct, ICommunicationRule
    {
        switch (m.Direction)
        {
            case Direction.Up when node == Nodes.DistrictCommand:
                Relay(in m, Channel.Hierarchy, Direction.Up, Nodes.Headquarters, -1);
                break;
            case Direction.Up when node == Nodes.Headquarters:
            case Direction.Direct when node == Nodes.Headquarters:
                rule.Distribute(this, in m);
                break;
            case Direction.Down when m.Target != node && m.Target >= 0:
                Relay(in m, Channel.Hierarchy, Direction.Down, m.Target, m.Target);
                break;
        }
    }

    private ChannelSettings Settings(Channel channel) => channel switch
    {
        Channel.Liaison => Parameters.Communication.Liaison,
        Channel.Cluster => Parameters.Communication.Cluster,
        _ => Parameters.Communication.Hierarchy,
    };
}
