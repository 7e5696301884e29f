using System.Globalization;
using CrisisSim.Core.Experiments.Designs;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Expands a design into its points and runs, whatever its type (<see cref="IDesignType"/>, which decides the
/// points): the size limits every type obeys, the cache of read points, the override text of a number, and the
/// run list with each run's seed.
/// </summary>
public static class DesignBuilder
{
    /// <summary>Most points a design may expand to, even with --allow-large (factorial points are computed from their index, not stored).</summary>
    public const long MaxPoints = 10_000_000;

    /// <summary>
    /// Most values a design may hold in memory (<see cref="IDesignType.HeldValues"/>: the points × factors of a
    /// sampled design's unit matrix), even with --allow-large: 8 bytes a cell, about 160 MB at the limit.
    /// </summary>
    public const long MaxSampledCells = 20_000_000;

    /// <summary>
    /// The number of points the design expands to, computed arithmetically with overflow checks (never by
    /// expanding it); <see cref="long.MaxValue"/> when it does not fit in a long.
    /// </summary>
    public static long CountPoints(DesignSpec d)
    {
        try
        {
            return d.Type.CountPoints(d);
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>
    /// The points of <paramref name="spec"/>, as a list that computes each point when it is read (see
    /// <see cref="IDesignType.Points"/>); designs up to a million points keep each point once read.
    /// Refuses a design beyond <see cref="MaxPoints"/> or <see cref="MaxSampledCells"/> (the loader checks first).
    /// </summary>
    public static IReadOnlyList<DesignPoint> Build(ExperimentSpec spec)
    {
        var d = spec.Design;
        long count = CountPoints(d);
        if (count > MaxPoints || d.Type.HeldValues(d, count) > MaxSampledCells)
        {
            throw new ArgumentException($"the design has {count} points, more than can be expanded", nameof(spec));
        }

        var points = d.Type.Points(d, (int)count, spec.MasterSeed);
        if (spec.Posterior?.Sample is { } sample)
        {
            if (count * sample.Sets.Count > MaxPoints)
            {
                throw new ArgumentException($"the design has {count} points × {sample.Sets.Count} parameter sets, more than can be expanded", nameof(spec));
            }

            points = new PosteriorPoints(points, sample);
        }

        return Cached(points);
    }

    /// <summary>
    /// Each point of a design at each set of a posterior, the sets varying fastest: point i is design point i div S
    /// at set i mod S, its value of the posterior_draw column the set's draw, its overrides the point's then the set's.
    /// </summary>
    private sealed class PosteriorPoints(IReadOnlyList<DesignPoint> inner, PosteriorSample sample) : IReadOnlyList<DesignPoint>
    {
        public int Count => inner.Count * sample.Sets.Count;

        public DesignPoint this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                var p = inner[index / sample.Sets.Count];
                int s = index % sample.Sets.Count;
                string draw = sample.Sets[s].Draw.ToString(CultureInfo.InvariantCulture);
                return new DesignPoint(index, p.Arm, [.. p.Values, draw], [.. p.Overrides, .. sample.Overrides(s)], PosteriorSpec.Column + "-" + draw);
            }
        }

        public IEnumerator<DesignPoint> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Designs up to this many points keep each point once read, so the runs of a point share it.</summary>
    private const int CachedPointLimit = 1_000_000;

    private static IReadOnlyList<DesignPoint> Cached(IReadOnlyList<DesignPoint> points) =>
        points.Count <= CachedPointLimit ? new CachedPoints(points) : points;

    /// <summary>A number as override text: invariant, shortest round-trip, whole numbers without a point.</summary>
    public static string Format(double value, bool whole) => whole
        ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
        : Math.Round(value, 12).ToString("R", CultureInfo.InvariantCulture);

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
                var point = points[index % points.Count];
                ulong stream = point.SeedStream is null ? masterSeed : Randomness.RandomStreams.DeriveSeed(masterSeed, point.SeedStream);
                return new RunSpec(index, point, replicate, Randomness.RandomStreams.DeriveReplicateSeed(stream, replicate));
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
