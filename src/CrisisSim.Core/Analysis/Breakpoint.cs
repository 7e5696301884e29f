using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Analysis;

/// <summary>
/// The breakpoint of an effect along a numeric factor (e.g. co-governance's paired difference in deaths against the
/// demand level): the level <c>c</c> of the hinge model effect(x) = a + b·max(0, x − c) that fits the levels' mean
/// differences best, weighted by their precision, with a 95 % interval from a parametric bootstrap of the level means.
/// Unlike the first level with p &lt; 0.05, which moves to lower levels as replicates are added, the breakpoint
/// converges to the knee of the effect and only its interval narrows with more replicates.
/// </summary>
/// <param name="Level">The breakpoint c, in units of the factor.</param>
/// <param name="CiLow">Lower end of its 95 % bootstrap interval.</param>
/// <param name="CiHigh">Upper end.</param>
/// <param name="Plateau">a: the effect below the breakpoint.</param>
/// <param name="Slope">b: the change of the effect per unit of the factor above the breakpoint.</param>
/// <param name="SlopeCiLow">Lower end of the slope's 95 % bootstrap interval.</param>
/// <param name="SlopeCiHigh">Upper end.</param>
public readonly record struct BreakpointEstimate(double Level, double CiLow, double CiHigh, double Plateau, double Slope, double SlopeCiLow, double SlopeCiHigh);

/// <summary>Fits <see cref="BreakpointEstimate"/> (segmented regression with one hinge) to per-level mean differences.</summary>
public static class Breakpoint
{
    /// <summary>Candidate breakpoints tried between the lowest level and the third-highest.</summary>
    public const int GridPoints = 400;

    /// <summary>Bootstrap draws of the level means.</summary>
    public const int Draws = 2000;

    /// <summary>
    /// The breakpoint of <paramref name="means"/> (one per level of <paramref name="levels"/>, ascending, with standard
    /// errors <paramref name="standardErrors"/>); null with fewer than four levels, or when a level's mean or standard
    /// error is not finite. The breakpoint is searched from the lowest level to the third-highest, so that at least two
    /// levels lie above it and fix its slope. Draws are seeded by <paramref name="seed"/>, so a result is reproducible.
    /// </summary>
    public static BreakpointEstimate? Fit(IReadOnlyList<double> levels, IReadOnlyList<double> means, IReadOnlyList<double> standardErrors, ulong seed)
    {
        int k = levels.Count;
        if (k < 4 || means.Count != k || standardErrors.Count != k)
        {
            return null;
        }

        for (int i = 0; i < k; i++)
        {
            if (!double.IsFinite(levels[i]) || !double.IsFinite(means[i]) || !double.IsFinite(standardErrors[i]) || standardErrors[i] < 0 || (i > 0 && levels[i] <= levels[i - 1]))
            {
                return null;
            }
        }

        // A level whose pairs all differ alike has no error; it then counts as precise as the most precise other level.
        double floor = standardErrors.Where(s => s > 0).DefaultIfEmpty(1).Min();
        var weights = standardErrors.Select(s => 1 / Math.Pow(Math.Max(s, floor), 2)).ToArray();
        var grid = new double[GridPoints];
        for (int g = 0; g < GridPoints; g++)
        {
            grid[g] = levels[0] + ((levels[k - 3] - levels[0]) * g / (GridPoints - 1));
        }

        var (c, a, b) = Best(levels, means, weights, grid);
        var rng = RandomStreams.Create(seed, "breakpoint");
        var ys = new double[k];
        var cs = new double[Draws];
        var bs = new double[Draws];
        for (int d = 0; d < Draws; d++)
        {
            for (int i = 0; i < k; i++)
            {
                ys[i] = means[i] + (standardErrors[i] * rng.StandardNormal());
            }

            (cs[d], _, bs[d]) = Best(levels, ys, weights, grid);
        }

        return new BreakpointEstimate(c, Quantiles.Of(cs, 0.025), Quantiles.Of(cs, 0.975), a, b, Quantiles.Of(bs, 0.025), Quantiles.Of(bs, 0.975));
    }

    /// <summary>The grid point whose hinge fits best by weighted least squares, and its plateau and slope.</summary>
    private static (double C, double A, double B) Best(IReadOnlyList<double> x, IReadOnlyList<double> y, double[] w, double[] grid)
    {
        double bestRss = double.PositiveInfinity;
        (double C, double A, double B) best = (double.NaN, double.NaN, double.NaN);
        foreach (double c in grid)
        {
            // Weighted least squares of y on [1, h] with h = max(0, x − c), in closed form.
            double sw = 0, sh = 0, shh = 0, sy = 0, shy = 0;
            for (int i = 0; i < x.Count; i++)
            {
                double h = Math.Max(0, x[i] - c);
                sw += w[i];
                sh += w[i] * h;
                shh += w[i] * h * h;
                sy += w[i] * y[i];
                shy += w[i] * h * y[i];
            }

            double det = (sw * shh) - (sh * sh);
            if (det <= 0)
            {
                continue;
            }

            double b = ((sw * shy) - (sh * sy)) / det;
            double a = (sy - (b * sh)) / sw;
            double rss = 0;
            for (int i = 0; i < x.Count; i++)
            {
                double r = y[i] - a - (b * Math.Max(0, x[i] - c));
                rss += w[i] * r * r;
            }

            if (rss < bestRss - 1e-12)
            {
                bestRss = rss;
                best = (c, a, b);
            }
        }

        return best;
    }
}
