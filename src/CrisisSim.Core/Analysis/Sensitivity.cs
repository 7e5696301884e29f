using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Analysis;

/// <summary>Morris screening measures of one factor for one output.</summary>
/// <param name="MuStar">Mean absolute elementary effect (importance).</param>
/// <param name="Mu">Mean elementary effect (sign of the influence).</param>
/// <param name="Sigma">Standard deviation of the effects (interaction or non-linearity).</param>
/// <param name="Effects">Number of elementary effects used.</param>
public readonly record struct MorrisIndex(double MuStar, double Mu, double Sigma, int Effects);

/// <summary>Sobol indices of one factor for one output, with bootstrap 95% confidence intervals.</summary>
/// <param name="First">First-order index S_i (Saltelli 2010 estimator).</param>
/// <param name="FirstLow">Lower end of its 95% interval.</param>
/// <param name="FirstHigh">Upper end.</param>
/// <param name="Total">Total-order index ST_i (Jansen 1999 estimator).</param>
/// <param name="TotalLow">Lower end of its 95% interval.</param>
/// <param name="TotalHigh">Upper end.</param>
public readonly record struct SobolIndex(double First, double FirstLow, double FirstHigh, double Total, double TotalLow, double TotalHigh);

/// <summary>
/// The sensitivity analyses, each valid for one layout of the design points; a design type names the one its
/// layout supports (<see cref="Experiments.Designs.IDesignType.Sensitivity"/>).
/// </summary>
public enum SensitivityMethod
{
    /// <summary><see cref="Sensitivity.Morris"/>: trajectories of k+1 points, consecutive points differing in one factor.</summary>
    Morris,

    /// <summary><see cref="Sensitivity.Sobol"/>: blocks of k+2 points, A_j, B_j, then A_j with column i from B_j for each i.</summary>
    Sobol,
}

/// <summary>
/// Sensitivity indices from the mean outputs of each point of a Morris or Sobol (Saltelli) design, in the point
/// order of <see cref="Experiments.Designs.MorrisDesign"/> and <see cref="Experiments.Designs.SobolDesign"/>.
/// </summary>
public static class Sensitivity
{
    /// <summary>
    /// Morris indices from trajectories of k+1 points each. <paramref name="x"/> holds each point's factor
    /// values scaled to [0, 1]; consecutive points of a trajectory differ in one factor, whose elementary
    /// effect is Δy / Δx.
    /// </summary>
    public static MorrisIndex[] Morris(double[][] x, double[] y, int k)
    {
        var effects = new List<double>[k];
        for (int f = 0; f < k; f++)
        {
            effects[f] = [];
        }

        int trajectories = y.Length / (k + 1);
        for (int t = 0; t < trajectories; t++)
        {
            for (int s = 0; s < k; s++)
            {
                int a = (t * (k + 1)) + s;
                int b = a + 1;
                for (int f = 0; f < k; f++)
                {
                    double dx = x[b][f] - x[a][f];
                    if (Math.Abs(dx) > 1e-12)
                    {
                        effects[f].Add((y[b] - y[a]) / dx);
                        break;
                    }
                }
            }
        }

        var result = new MorrisIndex[k];
        for (int f = 0; f < k; f++)
        {
            var e = effects[f];
            if (e.Count == 0)
            {
                result[f] = new MorrisIndex(double.NaN, double.NaN, double.NaN, 0);
                continue;
            }

            double mu = e.Average();
            double muStar = e.Average(Math.Abs);
            double sigma = e.Count < 2 ? 0 : Math.Sqrt(e.Sum(v => (v - mu) * (v - mu)) / (e.Count - 1));
            result[f] = new MorrisIndex(muStar, mu, sigma, e.Count);
        }

        return result;
    }

    /// <summary>
    /// Sobol indices from N blocks of k+2 outputs (f(A_j), f(B_j), f(A_B^i_j) for each i), with percentile
    /// bootstrap intervals over the blocks (<paramref name="resamples"/> resamples, seeded).
    /// </summary>
    public static SobolIndex[] Sobol(double[] y, int k, int resamples = 1000, ulong seed = 1)
    {
        int n = y.Length / (k + 2);
        var all = Enumerable.Range(0, n).ToArray();
        var (first, total) = Estimate(y, k, all);
        var firstBoot = new double[k][];
        var totalBoot = new double[k][];
        for (int i = 0; i < k; i++)
        {
            firstBoot[i] = new double[resamples];
            totalBoot[i] = new double[resamples];
        }

        var rng = RandomStreams.Create(seed, "bootstrap");
        var sample = new int[n];
        for (int b = 0; b < resamples; b++)
        {
            for (int j = 0; j < n; j++)
            {
                sample[j] = rng.NextInt(n);
            }

            var (f, t) = Estimate(y, k, sample);
            for (int i = 0; i < k; i++)
            {
                firstBoot[i][b] = f[i];
                totalBoot[i][b] = t[i];
            }
        }

        var result = new SobolIndex[k];
        for (int i = 0; i < k; i++)
        {
            Array.Sort(firstBoot[i]);
            Array.Sort(totalBoot[i]);
            result[i] = new SobolIndex(
                first[i], Quantiles.OfSorted(firstBoot[i], 0.025), Quantiles.OfSorted(firstBoot[i], 0.975),
                total[i], Quantiles.OfSorted(totalBoot[i], 0.025), Quantiles.OfSorted(totalBoot[i], 0.975));
        }

        return result;
    }

    private static (double[] First, double[] Total) Estimate(double[] y, int k, int[] blocks)
    {
        int n = blocks.Length;
        double mean = 0;
        foreach (int j in blocks)
        {
            mean += y[j * (k + 2)] + y[(j * (k + 2)) + 1];
        }

        mean /= 2 * n;
        double variance = 0;
        foreach (int j in blocks)
        {
            double a = y[j * (k + 2)] - mean;
            double b = y[(j * (k + 2)) + 1] - mean;
            variance += (a * a) + (b * b);
        }

        variance /= (2 * n) - 1;
        var first = new double[k];
        var total = new double[k];
        for (int i = 0; i < k; i++)
        {
            double s = 0;
            double st = 0;
            foreach (int j in blocks)
            {
                double fa = y[j * (k + 2)];
                double fb = y[(j * (k + 2)) + 1];
                double fab = y[(j * (k + 2)) + 2 + i];
                s += fb * (fab - fa);
                st += (fa - fab) * (fa - fab);
            }

            first[i] = variance > 0 ? s / n / variance : 0;
            total[i] = variance > 0 ? st / (2.0 * n) / variance : 0;
        }

        return (first, total);
    }
}
