using CrisisSim.Core.Analysis;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// <c>kind: sobol</c>, Saltelli's (2010) scheme for Sobol indices: <c>samples</c> blocks of k+2 points — A_j, B_j,
/// then A_j with factor i taken from B_j, for each i. Analysed by <see cref="Sensitivity.Sobol"/> (first and total
/// order with bootstrap intervals).
/// </summary>
/// <param name="Samples">N, the number of blocks (base samples).</param>
public sealed record SobolDesign(int Samples = 0) : SampledDesign
{
    /// <inheritdoc/>
    public override string Name => "sobol";

    /// <inheritdoc/>
    public override IReadOnlyList<DesignSetting> Settings => [SampleCount];

    /// <inheritdoc/>
    public override SensitivityMethod? Sensitivity => SensitivityMethod.Sobol;

    /// <inheritdoc/>
    public override IDesignType Configure(DesignSettings settings, List<ScenarioError> errors) => this with { Samples = settings[SampleCount] };

    /// <summary>N (k + 2).</summary>
    public override long CountPoints(DesignSpec design) => checked(Samples * (design.Factors.Count + 2L));

    /// <inheritdoc/>
    protected override double[][] UnitMatrix(int factors, ref Xoshiro256StarStar rng) => SaltelliMatrix(Samples, factors, ref rng);

    /// <summary>For j in 0…N−1 the rows A_j, B_j (A's k draws, then B's), then A_j with column i replaced by B_j's, for each i.</summary>
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
}
