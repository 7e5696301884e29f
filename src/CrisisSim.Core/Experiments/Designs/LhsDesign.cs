using CrisisSim.Core.Analysis;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// <c>kind: lhs</c>, a Latin hypercube of <c>samples</c> points: each factor's range cut into N strata, each
/// stratum hit by exactly one point. For exploring a response surface; no sensitivity analysis applies.
/// </summary>
/// <param name="Samples">N, the number of points.</param>
public sealed record LhsDesign(int Samples = 0) : SampledDesign
{
    /// <inheritdoc/>
    public override string Name => "lhs";

    /// <inheritdoc/>
    public override IReadOnlyList<DesignSetting> Settings => [SampleCount];

    /// <inheritdoc/>
    public override SensitivityMethod? Sensitivity => null;

    /// <inheritdoc/>
    public override IDesignType Configure(DesignSettings settings, List<ScenarioError> errors) => this with { Samples = settings[SampleCount] };

    /// <inheritdoc/>
    public override long CountPoints(DesignSpec design) => Samples;

    /// <inheritdoc/>
    protected override double[][] UnitMatrix(int factors, ref Xoshiro256StarStar rng) => LatinHypercube(Samples, factors, ref rng);

    /// <summary>
    /// N points in [0,1)^k: for each factor in turn, a Fisher–Yates shuffle of the strata, then one uniform draw
    /// within each point's stratum.
    /// </summary>
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
}
