using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CrisisSim.Core.Analysis;

/// <summary>Summary of one sample: n, mean, standard deviation and a 95% t confidence interval of the mean.</summary>
/// <param name="N">Sample size.</param>
/// <param name="Mean">Mean.</param>
/// <param name="Sd">Sample standard deviation (n − 1).</param>
/// <param name="CiLow">Lower end of the 95% interval.</param>
/// <param name="CiHigh">Upper end.</param>
public readonly record struct SampleSummary(int N, double Mean, double Sd, double CiLow, double CiHigh);

/// <summary>A paired comparison of an arm with a baseline over common-random-number replicates.</summary>
/// <param name="Pairs">Number of pairs.</param>
/// <param name="MeanDifference">Mean of (arm − baseline).</param>
/// <param name="CiLow">Lower end of the 95% t interval of the mean difference.</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="EffectSizeDz">Cohen's d_z: mean difference / sd of differences.</param>
/// <param name="T">Paired t statistic.</param>
/// <param name="PT">Two-sided p of the paired t-test.</param>
/// <param name="PWilcoxon">Two-sided p of the Wilcoxon signed-rank test (normal approximation with tie and continuity corrections).</param>
public readonly record struct PairedResult(int Pairs, double MeanDifference, double CiLow, double CiHigh, double EffectSizeDz, double T, double PT, double PWilcoxon);

/// <summary>Statistics for comparing arms: summaries, paired tests and Holm's adjustment (distributions from MathNet.Numerics).</summary>
public static class PairedComparison
{
    /// <summary>n, mean, sd and 95% t interval of <paramref name="values"/>.</summary>
    public static SampleSummary Summarise(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = values.Mean();
        if (n == 1)
        {
            return new SampleSummary(1, mean, double.NaN, double.NaN, double.NaN);
        }

        double sd = values.StandardDeviation();
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new SampleSummary(n, mean, sd, mean - half, mean + half);
    }

    /// <summary>Paired comparison of <paramref name="arm"/> with <paramref name="baseline"/> (same length, same order of pairs).</summary>
    public static PairedResult Compare(IReadOnlyList<double> arm, IReadOnlyList<double> baseline)
    {
        int n = arm.Count;
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = arm[i] - baseline[i];
        }

        if (n < 2)
        {
            return new PairedResult(n, n == 1 ? d[0] : double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = d.Mean();
        double sd = d.StandardDeviation();
        double se = sd / Math.Sqrt(n);
        double tCrit = StudentT.InvCDF(0, 1, n - 1, 0.975);
        double t;
        double p;
        if (se > 0)
        {
            t = mean / se;
            p = 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(t)));
        }
        else
        {
            t = mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(mean);
            p = mean == 0 ? 1 : 0;
        }

        double dz = sd > 0 ? mean / sd : (mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(mean));
        return new PairedResult(n, mean, mean - (tCrit * se), mean + (tCrit * se), dz, t, p, Wilcoxon(d));
    }

    /// <summary>
    /// Two-sided p of the Wilcoxon signed-rank test: zero differences dropped, average ranks for ties,
    /// normal approximation with tie-corrected variance and a continuity correction.
    /// </summary>
    public static double Wilcoxon(IReadOnlyList<double> differences)
    {
        var nonZero = differences.Where(x => x != 0).ToArray();
        int n = nonZero.Length;
        if (n == 0)
        {
            return 1;
        }

        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(nonZero[i])).ToArray();
        var ranks = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && Math.Abs(nonZero[order[j + 1]]) == Math.Abs(nonZero[order[i]]))
            {
                j++;
            }

            double rank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            double tie = j - i + 1;
            tieTerm += (tie * tie * tie) - tie;
            i = j + 1;
        }

        double wPlus = 0;
        for (int i = 0; i < n; i++)
        {
            if (nonZero[i] > 0)
            {
                wPlus += ranks[i];
            }
        }

        double mean = n * (n + 1) / 4.0;
        double variance = (n * (n + 1) * ((2 * n) + 1) / 24.0) - (tieTerm / 48.0);
        if (variance <= 0)
        {
            return 1;
        }

        double z = (Math.Abs(wPlus - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * (1 - Normal.CDF(0, 1, Math.Max(0, z))));
    }

    /// <summary>Holm's step-down adjustment of a family of p-values (NaN stays NaN and is left out of the family).</summary>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        var adjusted = new double[p.Count];
        var idx = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ToArray();
        int m = idx.Length;
        double running = 0;
        for (int r = 0; r < m; r++)
        {
            running = Math.Max(running, Math.Min(1, (m - r) * p[idx[r]]));
            adjusted[idx[r]] = running;
        }

        for (int i = 0; i < p.Count; i++)
        {
            if (double.IsNaN(p[i]))
            {
                adjusted[i] = double.NaN;
            }
        }

        return adjusted;
    }
}
