using CrisisSim.Core.Analysis;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// <c>kind: morris</c>, elementary-effects screening: <c>trajectories</c> trajectories of k+1 points on a grid of
/// <c>levels</c> levels, each step moving one factor by Δ = p / (2(p−1)) of its range. Analysed by
/// <see cref="Sensitivity.Morris"/> (μ*, σ per factor).
/// </summary>
/// <param name="Trajectories">r, the number of trajectories.</param>
/// <param name="Levels">p, the grid levels (even, so that Δ lands on the grid).</param>
public sealed record MorrisDesign(int Trajectories = 0, int Levels = 4) : SampledDesign
{
    /// <summary>The <c>trajectories</c> key: r, required.</summary>
    public static DesignSetting TrajectoryCount { get; } = new("trajectories", 2, 100_000, 0, Required: true);

    /// <summary>The <c>levels</c> key: p, 4 when not given.</summary>
    public static DesignSetting GridLevels { get; } = new("levels", 2, 100, 4);

    /// <inheritdoc/>
    public override string Name => "morris";

    /// <inheritdoc/>
    public override IReadOnlyList<DesignSetting> Settings => [TrajectoryCount, GridLevels];

    /// <inheritdoc/>
    public override SensitivityMethod? Sensitivity => SensitivityMethod.Morris;

    /// <summary>Reads r and p; an odd p is refused at its line.</summary>
    public override IDesignType Configure(DesignSettings settings, List<ScenarioError> errors)
    {
        int levels = settings[GridLevels];
        if (levels % 2 != 0 && settings.PositionOf(GridLevels) is { } at)
        {
            errors.Add(new ScenarioError(at, "design.levels", "Morris needs an even number of levels (e.g. 4), so that Δ = p/(2(p−1)) lands on the grid"));
        }

        return this with { Trajectories = settings[TrajectoryCount], Levels = levels };
    }

    /// <summary>r (k + 1).</summary>
    public override long CountPoints(DesignSpec design) => checked(Trajectories * (design.Factors.Count + 1L));

    /// <inheritdoc/>
    protected override double[][] UnitMatrix(int factors, ref Xoshiro256StarStar rng) => TrajectoryMatrix(Trajectories, Levels, factors, ref rng);

    /// <summary>
    /// Morris trajectories on a p-level grid in [0,1]^k: per trajectory a random base point (one draw per factor),
    /// then a random order of the factors (a Fisher–Yates shuffle), each moved in turn by +Δ.
    /// </summary>
    public static double[][] TrajectoryMatrix(int r, int p, int k, ref Xoshiro256StarStar rng)
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
}
