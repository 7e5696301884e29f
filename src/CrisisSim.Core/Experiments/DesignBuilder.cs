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
    /// <summary>Most points a design may expand to before it is refused as a likely mistake.</summary>
    public const long MaxPoints = 10_000_000;

    /// <summary>The number of points the design expands to (computed without expanding it).</summary>
    public static long CountPoints(DesignSpec d)
    {
        int k = d.Factors.Count;
        return d.Kind switch
        {
            DesignKind.Factorial => Math.Max(1, d.Arms.Count) * d.Factors.Aggregate(1L, (n, f) => SaturatingMultiply(n, FactorialLevels(f).Count)),
            DesignKind.Lhs => d.Samples,
            DesignKind.Morris => (long)d.Trajectories * (k + 1),
            DesignKind.Sobol => (long)d.Samples * (k + 2),
            _ => 0,
        };
    }

    /// <summary>Expands the design of <paramref name="spec"/>.</summary>
    public static IReadOnlyList<DesignPoint> Build(ExperimentSpec spec)
    {
        var d = spec.Design;
        var rng = RandomStreams.Create(spec.MasterSeed, "design");
        var unit = d.Kind switch
        {
            DesignKind.Factorial => null,
            DesignKind.Lhs => LatinHypercube(d.Samples, d.Factors.Count, ref rng),
            DesignKind.Morris => MorrisTrajectories(d.Trajectories, d.Levels, d.Factors.Count, ref rng),
            DesignKind.Sobol => SaltelliMatrix(d.Samples, d.Factors.Count, ref rng),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };

        return unit is null ? Factorial(d) : Scale(d, unit);
    }

    /// <summary>The levels a factorial factor takes, as text.</summary>
    public static IReadOnlyList<string> FactorialLevels(Factor f)
    {
        if (f.Levels is not null)
        {
            return f.Levels;
        }

        var levels = new List<string>();
        int steps = (int)Math.Floor(((f.Max - f.Min) / f.Step) + 1e-9);
        for (int i = 0; i <= steps && levels.Count <= MaxPoints; i++)
        {
            string level = Format(f.Min + (i * f.Step), f.WholeNumbers);
            if (levels.Count == 0 || levels[^1] != level)
            {
                levels.Add(level); // rounding to whole numbers can repeat a level: keep each once
            }
        }

        return levels;
    }

    /// <summary>A number as override text: invariant, shortest round-trip, whole numbers without a point.</summary>
    public static string Format(double value, bool whole) => whole
        ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
        : Math.Round(value, 12).ToString("R", CultureInfo.InvariantCulture);

    private static List<DesignPoint> Factorial(DesignSpec d)
    {
        var levels = d.Factors.Select(FactorialLevels).ToArray();
        var arms = d.Arms.Count > 0 ? d.Arms : [new Arm("", [], default)];
        var points = new List<DesignPoint>();
        var index = new int[levels.Length];
        foreach (var arm in arms)
        {
            Array.Clear(index);
            while (true)
            {
                var values = new string[levels.Length];
                var overrides = arm.Assignments.Select(a => $"{a.Key}={a.Value}").ToList();
                for (int f = 0; f < levels.Length; f++)
                {
                    values[f] = levels[f][index[f]];
                    overrides.Add($"{d.Factors[f].Path}={values[f]}");
                }

                points.Add(new DesignPoint(points.Count, arm.Name, values, overrides));
                int carry = levels.Length - 1;
                while (carry >= 0 && ++index[carry] == levels[carry].Count)
                {
                    index[carry] = 0;
                    carry--;
                }

                if (carry < 0)
                {
                    break;
                }
            }
        }

        return points;
    }

    private static List<DesignPoint> Scale(DesignSpec d, double[][] unit)
    {
        var points = new List<DesignPoint>(unit.Length);
        foreach (var row in unit)
        {
            var values = new string[d.Factors.Count];
            var overrides = new string[d.Factors.Count];
            for (int f = 0; f < values.Length; f++)
            {
                var factor = d.Factors[f];
                values[f] = Format(factor.Min + (row[f] * (factor.Max - factor.Min)), factor.WholeNumbers);
                overrides[f] = $"{factor.Path}={values[f]}";
            }

            points.Add(new DesignPoint(points.Count, "", values, overrides));
        }

        return points;
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

    private static long SaturatingMultiply(long a, long b) => a > long.MaxValue / Math.Max(1, b) ? long.MaxValue : a * b;
}
