namespace CrisisSim.Core.Randomness;

/// <summary>
/// The owned pseudo-random generator: xoshiro256** (Blackman &amp; Vigna, 2018), seeded through SplitMix64.
/// A mutable struct kept in a field so that drawing a number never allocates; its sequence is fixed by
/// its algorithm, not by the .NET version (unlike <see cref="System.Random"/>).
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> with SplitMix64.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 1; // the all-zero state is the one state xoshiro must avoid
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/> (p ≤ 0 never, p ≥ 1 always, and no draw is skipped).</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 1)
        {
            return 0;
        }

        ulong range = (ulong)n;
        UInt128 m = (UInt128)NextUInt64() * range;
        ulong low = (ulong)m;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * range;
                low = (ulong)m;
            }
        }

        return (int)(m >> 64);
    }

    /// <summary>
    /// A draw from Binomial(n, p). Exact by inversion (Kachitvichyanukul &amp; Schmeiser's BINV) when
    /// n·min(p, 1−p) &lt; 25 — its cost grows with the mean, not with n, so a tiny rate over a large
    /// population costs one or two draws; otherwise the normal approximation, rounded and clamped to [0, n].
    /// </summary>
    public int Binomial(int n, double p)
    {
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Binomial(n, 1 - p);
        }

        double variance = n * p * (1 - p);
        if (n * p < 25)
        {
            double q = 1 - p;
            double s = p / q;
            double a = (n + 1) * s;
            double r = Math.Pow(q, n);
            double u = NextDouble();
            int k = 0;
            while (u > r && k < n)
            {
                u -= r;
                k++;
                r *= (a / k) - s;
            }

            return k;
        }

        double z = StandardNormal();
        double x = Math.Round((n * p) + (z * Math.Sqrt(variance)));
        return (int)Math.Clamp(x, 0, n);
    }

    /// <summary>A standard normal draw (Box–Muller, one value per call so the stream stays simple).</summary>
    public double StandardNormal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): the standard seeder for the xoshiro family.</summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> and returns the next mixed value.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
