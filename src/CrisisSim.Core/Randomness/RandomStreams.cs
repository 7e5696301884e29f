namespace CrisisSim.Core.Randomness;

/// <summary>
/// Derives independent random streams for one run from its seed: one per subsystem and one per actor
/// group. A stream's identity depends only on (run seed, stream name), never on the order in which
/// subsystems ask, so switching the governance mode leaves the hazard and population streams untouched:
/// the basis for paired (common-random-number) comparisons.
/// </summary>
public static class RandomStreams
{
    /// <summary>Stream name of the hazard subsystem: who is hit by each explosion, residents and responders (fire and flare-ups are deterministic).</summary>
    public const string Hazard = "hazard";

    /// <summary>Stream name of the earthquake: who is hit by each shock, then which roads it cuts (its own stream, so adding a quake shifts no other draw).</summary>
    public const string Earthquake = "earthquake";

    /// <summary>Stream name of the flood: who is trapped, drowned or displaced as the water reaches them.</summary>
    public const string Flood = "flood";

    /// <summary>Stream name of the population: the seed of each person's counter-based frailty (who is hit is drawn from the hazard stream; responders hit by a blast from their node's stream).</summary>
    public const string Population = "population";

    /// <summary>Stream name of the public: self-evacuation and volunteer convergence (rumour and donations are deterministic).</summary>
    public const string Public = "public";

    /// <summary>Stream name of message delivery (loss on each hop or post).</summary>
    public const string Communication = "communication";

    /// <summary>Creates the generator of stream <paramref name="name"/> for a run seeded with <paramref name="runSeed"/>.</summary>
    public static Xoshiro256StarStar Create(ulong runSeed, string name) => new(DeriveSeed(runSeed, name));

    /// <summary>The stream seed for (run seed, stream name): SplitMix64 of the run seed mixed with a stable FNV-1a hash of the name.</summary>
    public static ulong DeriveSeed(ulong runSeed, string name) => SplitMix64.Mix(SplitMix64.Mix(runSeed) ^ StableHash(name));

    /// <summary>The seed of replicate <paramref name="replicate"/> under a master seed, derived before any run is dispatched.</summary>
    public static ulong DeriveReplicateSeed(ulong masterSeed, int replicate) =>
        SplitMix64.Mix(SplitMix64.Mix(masterSeed) + (0x9E3779B97F4A7C15UL * (ulong)(replicate + 1))) >> 1;

    /// <summary>64-bit FNV-1a of the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong StableHash(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        return h;
    }
}
