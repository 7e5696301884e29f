namespace CrisisSim.Core.Population;

/// <summary>
/// Every resident as an agent, stored as a struct of arrays (about 40 bytes a person) so a city of a
/// million fits in tens of megabytes and a phase touches only the arrays it needs. People who need
/// something (trapped, injured, displaced) or can still be hit (unaffected) sit in per-zone buckets,
/// so work on a zone picks a person in O(1) and people with nothing to do cost nothing.
/// A person never leaves their home zone's buckets except into Sheltered, Treated, InTransit or Dead, which are
/// kept as counts by the zone they are in.
/// </summary>
public sealed class Residents
{
    /// <summary>Bucketed kinds: the states in which a person can be picked from their home zone.</summary>
    public enum Bucket
    {
        /// <summary>At home and unharmed: who the blast, rumour-driven self-evacuation and the information gap act on.</summary>
        Unaffected = 0,

        /// <summary>Out of their home without a shelter place: what shelter units guide to shelters.</summary>
        Displaced = 1,

        /// <summary>Injured, serious (triaged first).</summary>
        InjuredSerious = 2,

        /// <summary>Injured, minor: carried to hospital after the serious, never dies of the injury.</summary>
        InjuredMinor = 3,

        /// <summary>Trapped in rubble until freed; dies at a deadline drawn from the survival curve.</summary>
        Trapped = 4,
    }

    /// <summary>Number of bucket kinds.</summary>
    public const int BucketKinds = 5;

    /// <summary>Number of person states.</summary>
    public const int StateCount = 8;

    private readonly int[] _members;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketCount;
    private readonly int[] _slot;
    private readonly int[] _countByZoneState;

    /// <summary>Creates <paramref name="residentsPerZone"/>[z] unaffected residents in each zone z.</summary>
    /// <param name="residentsPerZone">Residents of each zone.</param>
    /// <param name="recycled">
    /// Optional residents of a finished run with the same number of people and zones, whose arrays are reset and
    /// reused instead of allocated (a sweep's worker saves a megabyte or more per run, and the garbage collections
    /// that would pause every worker). <paramref name="recycled"/> must not be used afterwards. Ignored when the sizes differ.
    /// </param>
    public Residents(int[] residentsPerZone, Residents? recycled = null)
    {
        ZoneCount = residentsPerZone.Length;
        long total = 0;
        foreach (int n in residentsPerZone)
        {
            total += n;
        }

        Count = checked((int)total);
        if (recycled is not null && recycled.Count == Count && recycled.ZoneCount == ZoneCount)
        {
            // Every array is either cleared here or fully written below, so nothing of the previous run survives.
            State = Cleared(recycled.State);
            HomeZone = recycled.HomeZone;
            Serious = Cleared(recycled.Serious);
            SinceTick = Cleared(recycled.SinceTick);
            DeadlineTick = recycled.DeadlineTick;
            _slot = recycled._slot;
            _members = recycled._members;
            _bucketStart = recycled._bucketStart;
            _bucketCount = Cleared(recycled._bucketCount);
            _countByZoneState = Cleared(recycled._countByZoneState);
            CurrentZone = recycled.CurrentZone;
        }
        else
        {
            State = new PersonState[Count];
            HomeZone = new byte[Count];
            Serious = new bool[Count];
            SinceTick = new int[Count];
            DeadlineTick = new int[Count];
            _slot = new int[Count];
            _members = new int[checked(Count * BucketKinds)];
            _bucketStart = new int[ZoneCount * BucketKinds];
            _bucketCount = new int[ZoneCount * BucketKinds];
            _countByZoneState = new int[ZoneCount * StateCount];
            CurrentZone = new byte[Count];
        }

        int offset = 0;
        for (int kind = 0; kind < BucketKinds; kind++)
        {
            for (int z = 0; z < ZoneCount; z++)
            {
                _bucketStart[(z * BucketKinds) + kind] = offset;
                offset += residentsPerZone[z];
            }
        }

        int person = 0;
        for (int z = 0; z < ZoneCount; z++)
        {
            for (int i = 0; i < residentsPerZone[z]; i++)
            {
                HomeZone[person] = (byte)z;
                CurrentZone[person] = (byte)z;
                DeadlineTick[person] = int.MaxValue;
                AddToBucket(person, z, Bucket.Unaffected);
                _countByZoneState[(z * StateCount) + (int)PersonState.Unaffected]++;
                person++;
            }
        }
    }

    private static T[] Cleared<T>(T[] array)
    {
        Array.Clear(array);
        return array;
    }

    /// <summary>Number of residents (constant: people are conserved across states).</summary>
    public int Count { get; }

    /// <summary>Number of zones.</summary>
    public int ZoneCount { get; }

    /// <summary>State of each person.</summary>
    public PersonState[] State { get; }

    /// <summary>Zone each person lived or worked in at time 0.</summary>
    public byte[] HomeZone { get; }

    /// <summary>Zone each person is in now (a shelter or hospital once moved).</summary>
    public byte[] CurrentZone { get; }

    /// <summary>Whether an injury is serious (life-threatening without treatment).</summary>
    public bool[] Serious { get; }

    /// <summary>Tick at which the person entered the current state.</summary>
    public int[] SinceTick { get; }

    /// <summary>Tick at which the person dies if still trapped or seriously injured and untreated; int.MaxValue if never.</summary>
    public int[] DeadlineTick { get; }

    /// <summary>People in <paramref name="state"/> currently in zone <paramref name="zone"/>.</summary>
    public int CountIn(int zone, PersonState state) => _countByZoneState[(zone * StateCount) + (int)state];

    /// <summary>People in <paramref name="state"/> in all zones.</summary>
    public int Total(PersonState state)
    {
        int sum = 0;
        for (int z = 0; z < ZoneCount; z++)
        {
            sum += _countByZoneState[(z * StateCount) + (int)state];
        }

        return sum;
    }

    /// <summary>Size of a bucket of home zone <paramref name="zone"/>.</summary>
    public int BucketSize(int zone, Bucket bucket) => _bucketCount[(zone * BucketKinds) + (int)bucket];

    /// <summary>The <paramref name="index"/>-th person of a bucket (order is arbitrary but deterministic).</summary>
    public int BucketMember(int zone, Bucket bucket, int index) => _members[_bucketStart[(zone * BucketKinds) + (int)bucket] + index];

    /// <summary>The members of a bucket as a span (valid until the bucket changes).</summary>
    public ReadOnlySpan<int> BucketMembers(int zone, Bucket bucket)
    {
        int b = (zone * BucketKinds) + (int)bucket;
        return new ReadOnlySpan<int>(_members, _bucketStart[b], _bucketCount[b]);
    }

    /// <summary>The most recently added person of a bucket, or -1 when it is empty.</summary>
    public int Last(int zone, Bucket bucket)
    {
        int b = (zone * BucketKinds) + (int)bucket;
        int n = _bucketCount[b];
        return n == 0 ? -1 : _members[_bucketStart[b] + n - 1];
    }

    /// <summary>
    /// The person of a bucket closest to death (the earliest <see cref="DeadlineTick"/>; of equal deadlines, the one
    /// first in the bucket), or -1 when it is empty: triage by urgency. A scan of the bucket, which is small (the
    /// trapped or the seriously injured of one zone).
    /// </summary>
    public int MostUrgent(int zone, Bucket bucket)
    {
        var members = BucketMembers(zone, bucket);
        int best = -1;
        int bestDeadline = int.MaxValue;
        foreach (int person in members)
        {
            int deadline = DeadlineTick[person];
            if (best < 0 || deadline < bestDeadline)
            {
                best = person;
                bestDeadline = deadline;
            }
        }

        return best;
    }

    /// <summary>
    /// Moves <paramref name="person"/> to <paramref name="state"/> in <paramref name="zone"/> at <paramref name="tick"/>.
    /// Moving a dead person is a model error and throws: death is absorbing.
    /// </summary>
    public void Move(int person, PersonState state, int zone, int tick)
    {
        var old = State[person];
        if (old == PersonState.Dead)
        {
            throw new InvalidOperationException($"person {person} is dead and cannot become {state}");
        }

        int home = HomeZone[person];
        if (BucketOf(old, Serious[person]) is { } oldBucket)
        {
            RemoveFromBucket(person, home, oldBucket);
        }

        _countByZoneState[(CurrentZone[person] * StateCount) + (int)old]--;
        State[person] = state;
        SinceTick[person] = tick;
        var newBucket = BucketOf(state, Serious[person]);
        int newZone = newBucket is null ? zone : home;
        if (newBucket is { } b)
        {
            AddToBucket(person, home, b);
        }

        CurrentZone[person] = (byte)newZone;
        _countByZoneState[(newZone * StateCount) + (int)state]++;
    }

    private static Bucket? BucketOf(PersonState state, bool serious) => state switch
    {
        PersonState.Unaffected => Bucket.Unaffected,
        PersonState.Displaced => Bucket.Displaced,
        PersonState.Injured => serious ? Bucket.InjuredSerious : Bucket.InjuredMinor,
        PersonState.Trapped => Bucket.Trapped,
        _ => null,
    };

    private void AddToBucket(int person, int zone, Bucket bucket)
    {
        int b = (zone * BucketKinds) + (int)bucket;
        int slot = _bucketCount[b]++;
        _members[_bucketStart[b] + slot] = person;
        _slot[person] = slot;
    }

    private void RemoveFromBucket(int person, int zone, Bucket bucket)
    {
        int b = (zone * BucketKinds) + (int)bucket;
        int last = --_bucketCount[b];
        int slot = _slot[person];
        int moved = _members[_bucketStart[b] + last];
        _members[_bucketStart[b] + slot] = moved;
        _slot[moved] = slot;
    }
}
