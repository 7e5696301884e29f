namespace CrisisSim.Core.Communication;

/// <summary>
/// The shared information platform: an append-only log of posts with one read cursor per reader.
/// A post is readable <c>latency</c> ticks after it is made; each reader reads oldest first with what its
/// one attention budget leaves beside its inbox, so when traffic exceeds it the backlog (and the age of what is read)
/// grows: information overload emerges rather than being imposed. Posts every reader has passed are
/// dropped, so memory is bounded by the slowest reader's backlog.
/// </summary>
public sealed class Platform
{
    private Message[] _log;
    private long _firstSeq;
    private long _nextSeq;
    private readonly long[] _cursor;
    private readonly bool[] _reader;

    /// <summary>Creates a platform for <paramref name="nodes"/> nodes; <paramref name="readers"/>[n] says whether node n reads it.</summary>
    /// <param name="nodes">Number of nodes.</param>
    /// <param name="readers">Whether each node reads the platform.</param>
    /// <param name="capacity">Initial room for posts (the log grows by doubling).</param>
    /// <param name="recycle">Optional platform of a finished run whose log is emptied and reused (a sweep worker's previous run).</param>
    public Platform(int nodes, bool[] readers, int capacity = 4096, Platform? recycle = null)
    {
        if (recycle is not null && recycle._log.Length >= capacity)
        {
            _log = recycle._log;
            Array.Clear(_log);
        }
        else
        {
            _log = new Message[capacity];
        }

        _cursor = new long[nodes];
        _reader = readers;
    }

    /// <summary>Posts not yet read by every reader.</summary>
    public long Backlog => _nextSeq - _firstSeq;

    /// <summary>Whether node <paramref name="node"/> reads the platform.</summary>
    public bool IsReader(int node) => _reader[node];

    /// <summary>Appends a post (its DeliverTick is the tick it becomes readable).</summary>
    public void Post(in Message post)
    {
        if (_nextSeq - _firstSeq == _log.Length)
        {
            Compact();
            if (_nextSeq - _firstSeq == _log.Length)
            {
                Grow();
            }
        }

        _log[_nextSeq % _log.Length] = post;
        _nextSeq++;
    }

    /// <summary>
    /// Whether node <paramref name="node"/> has a post of someone else's on one of its <paramref name="topics"/> (a bit
    /// per need; the chemicals' identity concerns everyone) readable at <paramref name="tick"/>; its own posts and posts
    /// on other topics are passed over and cost no reading. If so <paramref name="due"/> is the tick it became readable.
    /// </summary>
    public bool NextReadable(int node, int topics, int tick, out int due)
    {
        long seq = Math.Max(_cursor[node], _firstSeq);
        while (seq < _nextSeq)
        {
            ref var post = ref _log[seq % _log.Length];
            if (post.DeliverTick > tick)
            {
                break;
            }

            if (post.Origin != node && (post.Kind == MessageKind.HazardIdentified || (topics & (1 << post.Need)) != 0))
            {
                _cursor[node] = seq;
                due = post.DeliverTick;
                return true;
            }

            seq++;
        }

        _cursor[node] = seq;
        due = 0;
        return false;
    }

    /// <summary>Whether node <paramref name="node"/> has a readable post at <paramref name="tick"/>; if so returns it by reference and advances its cursor.</summary>
    public bool TryRead(int node, int tick, out Message post)
    {
        long seq = _cursor[node];
        if (seq < _firstSeq)
        {
            seq = _firstSeq;
        }

        if (seq >= _nextSeq || _log[seq % _log.Length].DeliverTick > tick)
        {
            post = default;
            return false;
        }

        post = _log[seq % _log.Length];
        _cursor[node] = seq + 1;
        return true;
    }

    /// <summary>Drops posts that every reader has passed.</summary>
    public void Compact()
    {
        long min = _nextSeq;
        for (int n = 0; n < _cursor.Length; n++)
        {
            if (_reader[n] && _cursor[n] < min)
            {
                min = _cursor[n];
            }
        }

        _firstSeq = Math.Max(_firstSeq, min);
    }

    private void Grow()
    {
        var bigger = new Message[_log.Length * 2];
        for (long s = _firstSeq; s < _nextSeq; s++)
        {
            bigger[s % bigger.Length] = _log[s % _log.Length];
        }

        _log = bigger;
    }
}
