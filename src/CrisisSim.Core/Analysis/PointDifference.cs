using System.Globalization;

namespace CrisisSim.Core.Analysis;

/// <summary>
/// The mean paired difference of a metric at each design point between two sweeps of the same design (same points,
/// seeds and replicates; the arms differ only in their fixed settings), so that Morris and Sobol indices can be taken
/// of an advantage (e.g. co-governance − single government) rather than of a level; and the noise floor: the share of
/// the variance of those point means across points that replicate noise alone would give.
/// </summary>
/// <param name="Means">Per point: mean over its paired replicates of (a − b); NaN when no replicate pairs.</param>
/// <param name="NoiseShare">Mean over points of the squared standard error of the point mean, over the variance of the point means across points; NaN when it cannot be estimated (a point with one pair, or no variance).</param>
public sealed record PointDifference(double[] Means, double NoiseShare)
{
    /// <summary>
    /// Pairs the successful runs of <paramref name="a"/> and <paramref name="b"/> by (point_id, replicate) for
    /// <paramref name="metric"/>; throws <see cref="AnalysisException"/> when a pair's seeds differ (the sweeps are not
    /// paired) or a table lacks a column.
    /// </summary>
    public static PointDifference Of(ResultTable a, ResultTable b, string metric, int points)
    {
        var fromB = Index(b, metric);
        var sums = new double[points];
        var squares = new double[points];
        var counts = new int[points];
        foreach (var (key, (seed, value)) in Index(a, metric))
        {
            if (!fromB.TryGetValue(key, out var other) || key.Point >= points)
            {
                continue;
            }

            if (other.Seed != seed)
            {
                throw new AnalysisException($"point {key.Point}, replicate {key.Replicate}: seed {seed} in one sweep and {other.Seed} in the other; the difference needs sweeps of the same design and master seed");
            }

            double d = value - other.Value;
            sums[key.Point] += d;
            squares[key.Point] += d * d;
            counts[key.Point]++;
        }

        var means = new double[points];
        double noise = 0;
        bool estimable = true;
        for (int p = 0; p < points; p++)
        {
            int n = counts[p];
            means[p] = n == 0 ? double.NaN : sums[p] / n;
            if (n < 2)
            {
                estimable = false;
                continue;
            }

            double variance = (squares[p] - (n * means[p] * means[p])) / (n - 1);
            noise += Math.Max(0, variance) / n;
        }

        double spread = Variance(means);
        double share = estimable && spread > 0 ? noise / points / spread : double.NaN;
        return new PointDifference(means, share);
    }

    private static Dictionary<(int Point, string Replicate), (string Seed, double Value)> Index(ResultTable t, string metric)
    {
        int point = Require(t, "point_id");
        int replicate = Require(t, "replicate");
        int seed = Require(t, "seed");
        int value = Require(t, metric);
        int status = t.Column("status");
        var index = new Dictionary<(int, string), (string, double)>();
        foreach (var row in t.Rows)
        {
            double v = ResultTable.Number(row[value]);
            if ((status >= 0 && row[status] != "ok") || !double.IsFinite(v))
            {
                continue;
            }

            index[(int.Parse(row[point], CultureInfo.InvariantCulture), row[replicate])] = (row[seed], v);
        }

        return index;
    }

    private static int Require(ResultTable t, string column) =>
        t.Column(column) is var i and >= 0 ? i : throw new AnalysisException($"runs.csv has no {column} column");

    private static double Variance(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2)
        {
            return double.NaN;
        }

        double mean = finite.Average();
        return finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1);
    }
}
