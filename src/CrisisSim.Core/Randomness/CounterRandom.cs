namespace CrisisSim.Core.Randomness;

/// <summary>
/// Counter-based uniforms: a pure function of (stream seed, index, purpose). Used for properties of a
/// person (frailty) so that they do not depend on the order in which the model asks for them: the same
/// person is equally frail in every governance arm.
/// </summary>
public static class CounterRandom
{
    /// <summary>A uniform in (0, 1) for item <paramref name="index"/> and purpose <paramref name="purpose"/>.</summary>
    public static double Uniform(ulong streamSeed, long index, int purpose)
    {
        ulong z = SplitMix64.Mix(streamSeed ^ SplitMix64.Mix(((ulong)index * 8) + (ulong)purpose + 1));
        return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
    }
}
