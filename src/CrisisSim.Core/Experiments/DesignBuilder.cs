using System.Globalization;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Expands a design into its points, deterministically from the master seed (the "design" stream).
/// Factorial: arms outermost, then factors in file order, the last varying fastest. LHS: N points.
/// Morris: r trajectories of k+1 points, each step moving one factor by Δ = p / (2(p−1)) of its range.
/// Sobol (Saltelli 2010): N blocks of k+2 points — A_j, B_j, then A_j with factor i taken from B_j.
/// </summary>
public static class DesignBuilder
{
    /// <summary>Most points a design may expand to, even with --allow-large (factorial points are computed from their index, not stored).</summary>
    public const long MaxPoints = 10_000_000;

    /// <summary>
    /// Most cells (points × factors) of a sampled design (lhs, morris, sobol), even with --allow-large: the unit
    /// matrix is held in memory (8 bytes a cell, about 160 MB at the limit).
    /// </summary>
    public const long MaxSampledCells = 20_000_000;

    /// <summary>The number of levels of a factorial factor, computed without listing them.</summary>
    public static long LevelCount(Factor f)
    {
        if (f.Levels is not null)
        {
            return f.Levels.Count;
        }

        double span = (f.Max - f.Min) / f.Step;
        if (!(span >= 0) || span > MaxPoints)
        {
            return long.MaxValue; // refused by the loader (a range this long cannot be a factor)
        }

        long steps = (long)Math.Floor(span + 1e-9);
        if (f.WholeNumbers && f.Step < 1)
        {
            // Rounded to whole numbers, a step below 1 hits every whole number from the first level to the last once.
            return Round(f.Min + (steps * f.Step)) - Round(f.Min) + 1;
        }

        return steps + 1;
    }

    /// <summary>Level <paramref name="i"/> (0-based) of a factorial factor, as override text.</summary>
    public static string Level(Factor f, long i)
    {
        if (f.Levels is not null)
        {
            return f.Levels[(int)i];
        }

        return f.WholeNumbers && f.Step < 1
            ? (Round(f.Min) + i).ToString(CultureInfo.InvariantCulture)
            : Format(f.Min + (i * f.Step), f.WholeNumbers);
    }

    /// <summary>Whether <paramref name="text"/> is one of the levels of a factorial factor (found without listing them).</summary>
    public static bool HasLevel(Factor f, string text)
    {
        if (f.Levels is not null)
        {
            return f.Levels.Contains(text);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
        {
            return false;
        }

        long count = LevelCount(f);
        double guess = f.WholeNumbers && f.Step < 1 ? x - Round(f.Min) : (x - f.Min) / f.Step;
        long near = (long)Math.Round(Math.Clamp(guess, -1, count));
        for (long i = Math.Max(0, near - 1); i <= Math.Min(count - 1, near + 1); i++)
        {
            if (Level(f, i) == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The number of points the design expands to, computed arithmetically with overflow checks (never by
    /// expanding it); <see cref="long.MaxValue"/> when it does not fit in a long.
    /// </summary>
    public static long CountPoints(DesignSpec d)
    {
        long k = d.Factors.Count;
        try
        {
            return d.Kind switch
            {
                DesignKind.Factorial => d.Factors.Aggregate((long)Math.Max(1, d.Arms.Count), (n, f) => checked(n * LevelCount(f))),
                DesignKind.Lhs => d.Samples,
                DesignKind.Morris => checked(d.Trajectories * (k + 1)),
                DesignKind.Sobol => checked(d.Samples * (k + 2)),
                _ => 0,
            };
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>
    /// The points of <paramref name="spec"/>, as a list that computes each point when it is read: factorial points
    /// from their index (nothing is stored), sampled designs from their unit matrix (built on first read).
    /// Refuses a design beyond <see cref="MaxPoints"/> or <see cref="MaxSampledCells"/> (the loader checks first).
    /// </summary>
    public static IReadOnlyList<DesignPoint> Build(ExperimentSpec spec)
    {
        var d = spec.Design;
        long count = CountPoints(d);
        if (count > MaxPoints || (d.Kind != DesignKind.Factorial && count * Math.Max(1, d.Factors.Count) > MaxSampledCells))
        {
            throw new ArgumentException($"the design has {count} points, more than can be expanded", nameof(spec));
        }

        if (d.Kind == DesignKind.Factorial)
        {
            return Cached(new FactorialPoints(d, (int)count));
        }

        var unit = new Lazy<double[][]>(() =>
        {
            var rng = RandomStreams.Create(spec.MasterSeed, "design");
            return d.Kind switch
            {
                DesignKind.Lhs => LatinHypercube(d.Samples, d.Factors.Count, ref rng),
                DesignKind.Morris => MorrisTrajectories(d.Trajectories, d.Levels, d.Factors.Count, ref rng),
                DesignKind.Sobol => SaltelliMatrix(d.Samples, d.Factors.Count, ref rng),
                _ => throw new ArgumentOutOfRangeException(nameof(spec)),
            };
        });
        return Cached(new SampledPoints(d, (int)count, unit));
    }

    /// <summary>Designs up to this many points keep each point once read, so the runs of a point share it.</summary>
    private const int CachedPointLimit = 1_000_000;

    private static IReadOnlyList<DesignPoint> Cached(IReadOnlyList<DesignPoint> points) =>
        points.Count <= CachedPointLimit ? new CachedPoints(points) : points;

    /// <summary>The levels a factorial factor takes, as text (listed: use <see cref="LevelCount"/> and <see cref="Level"/> for large ranges).</summary>
    public static IReadOnlyList<string> FactorialLevels(Factor f)
    {
        if (f.Levels is not null)
        {
            return f.Levels;
        }

        long count = LevelCount(f);
        if (count > MaxPoints)
        {
            throw new ArgumentException($"the range of {f.Path} has more than {MaxPoints} levels", nameof(f));
        }

        var levels = new List<string>((int)count);
        for (long i = 0; i < count; i++)
        {
            levels.Add(Level(f, i));
        }

        return levels;
    }

    /// <summary>A number as override text: invariant, shortest round-trip, whole numbers without a point.</summary>
    public static string Format(double value, bool whole) => whole
        ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
        : Math.Round(value, 12).ToString("R", CultureInfo.InvariantCulture);

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Factorial points by index: arms outermost, then factors in file order, the last varying fastest.</summary>
    private sealed class FactorialPoints(DesignSpec d, int count) : IReadOnlyList<DesignPoint>
    {
        private readonly long[] _counts = [.. d.Factors.Select(LevelCount)];
        private readonly IReadOnlyList<Arm> _arms = d.Arms.Count > 0 ? d.Arms : [new Arm("", [], default)];

        public int Count => count;

        public DesignPoint this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                long rest = index;
                var values = new string[_counts.Length];
                for (int f = _counts.Length - 1; f >= 0; f--)
                {
                    values[f] = Level(d.Factors[f], rest % _counts[f]);
                    rest /= _counts[f];
                }

                var arm = _arms[(int)rest];
                var overrides = arm.Assignments.Select(a => $"{a.Key}={a.Value}").ToList();
                for (int f = 0; f < values.Length; f++)
                {
                    overrides.Add($"{d.Factors[f].Path}={values[f]}");
                }

                return new DesignPoint(index, arm.Name, values, overrides);
            }
        }

        public IEnumerator<DesignPoint> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A point list that keeps each point once computed (filled as read).</summary>
    private sealed class CachedPoints(IReadOnlyList<DesignPoint> inner) : IReadOnlyList<DesignPoint>
    {
        private readonly DesignPoint?[] _cache = new DesignPoint?[inner.Count];

        public int Count => _cache.Length;

        public DesignPoint this[int index]
        {
            get
            {
                var p = Volatile.Read(ref _cache[index]);
                if (p is null)
                {
                    p = inner[index];
                    Volatile.Write(ref _cache[index], p);
                }

                return p;
            }
        }

        public IEnumerator<DesignPoint> GetEnumerator()
        {
            for (int i = 0; i < _cache.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Points of a sampled design, scaled from the unit matrix when read.</summary>
    private sealed class SampledPoints(DesignSpec d, int count, Lazy<double[][]> unit) : IReadOnlyList<DesignPoint>
    {
        public int Count => count;

        public DesignPoint this[int index]
        {
            get
            {
                var row = unit.Value[index];
                var values = new string[d.Factors.Count];
                var overrides = new string[d.Factors.Count];
                for (int f = 0; f < values.Length; f++)
                {
                    var factor = d.Factors[f];
                    values[f] = Format(factor.Min + (row[f] * (factor.Max - factor.Min)), factor.WholeNumbers);
                    overrides[f] = $"{factor.Path}={values[f]}";
                }

                return new DesignPoint(index, "", values, overrides);
            }
        }

        public IEnumerator<DesignPoint> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>N points in [0,1)^k: each factor's N strata hit exactly once, in an independent random order.</summary>
    public static double[][] LatinHypercube(int n, int k, ref Xoshiro256StarStar rng)
    {
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[k];
        }

        var perm = new int[n];
        for (int f = 0; f < k; f++)
        {
            for (int i = 0; i < n; i++)
            {
                perm[i] = i;
            }

            for (int i = n - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (perm[i], perm[j]) = (perm[j], perm[i]);
            }

            for (int i = 0; i < n; i++)
            {
                rows[i][f] = (perm[i] + rng.NextDouble()) / n;
            }
        }

        return rows;
    }

    /// <summary>Morris trajectories on a p-level grid in [0,1]^k: a random base point, then each factor in random order moved by +Δ.</summary>
    public static double[][] MorrisTrajectories(int r, int p, int k, ref Xoshiro256StarStar rng)
    {
        double delta = p / (2.0 * (p - 1));
        int baseLevels = p / 2; // base values 0 … 1−Δ on the grid, so x + Δ stays in [0, 1]
        var rows = new List<double[]>();
        var order = new int[k];
        for (int t = 0; t < r; t++)
        {
            var x = new double[k];
            for (int f = 0; f < k; f++)
            {
                x[f] = rng.NextInt(baseLevels) / (double)(p - 1);
                order[f] = f;
            }

            for (int i = k - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            rows.Add((double[])x.Clone());
            foreach (int f in order)
            {
                x[f] += delta;
                rows.Add((double[])x.Clone());
            }
        }

        return [.. rows];
    }

    /// <summary>Saltelli's scheme: for j in 0…N−1 the rows A_j, B_j, then A_j with column i replaced by B_j's, for each i.</summary>
    public static double[][] SaltelliMatrix(int n, int k, ref Xoshiro256StarStar rng)
    {
        var rows = new double[n * (k + 2)][];
        for (int j = 0; j < n; j++)
        {
            var a = new double[k];
            var b = new double[k];
            for (int f = 0; f < k; f++)
            {
                a[f] = rng.NextDouble();
            }

            for (int f = 0; f < k; f++)
            {
                b[f] = rng.NextDouble();
            }

            int at = j * (k + 2);
            rows[at] = a;
            rows[at + 1] = b;
            for (int i = 0; i < k; i++)
            {
                var ab = (double[])a.Clone();
                ab[i] = b[i];
                rows[at + 2 + i] = ab;
            }
        }

        return rows;
    }

    /// <summary>
    /// Every run of a design, in run_id order (replicate-major: run i is point i mod P of replicate i div P),
    /// computed when read: the run list is never stored, whatever its size.
    /// </summary>
    public sealed class RunList(IReadOnlyList<DesignPoint> points, int replicates, ulong masterSeed) : IReadOnlyList<RunSpec>
    {
        /// <summary>Most runs a run list holds (its count is an int).</summary>
        public const long MaxRuns = int.MaxValue;

        private readonly int _count = points.Count == 0 ? 0 : checked(points.Count * replicates);

        /// <inheritdoc/>
        public int Count => _count;

        /// <inheritdoc/>
        public RunSpec this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
                int replicate = index / points.Count;
                return new RunSpec(index, points[index % points.Count], replicate, Randomness.RandomStreams.DeriveReplicateSeed(masterSeed, replicate));
            }
        }

        /// <inheritdoc/>
        public IEnumerator<RunSpec> GetEnumerator()
        {
            for (int i = 0; i < _count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
