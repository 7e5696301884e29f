using CrisisSim.Core.Analysis;
using CrisisSim.Core.Randomness;
using MathNet.Numerics.Statistics;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// The breakpoint estimator behind thresholds.csv's knee (issue 15: a threshold that does not move with n), on
/// synthetic effects with a known knee: no effect up to 1.5, then 3 fewer deaths per unit of demand.
/// </summary>
public class BreakpointTests
{
    private static readonly double[] s_levels = [0.25, 0.5, 1, 1.5, 2, 3, 4];
    private const double TrueKnee = 1.5;
    private const double TrueSlope = -3;

    private static double Effect(double x) => TrueSlope * Math.Max(0, x - TrueKnee);

    [Test]
    public void ItFindsAKnownKneeAndSlopeFromExactLevelMeans()
    {
        var means = s_levels.Select(Effect).ToArray();
        var k = Breakpoint.Fit(s_levels, means, [.. s_levels.Select(_ => 0.3)], 1)!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(k.Level, Is.EqualTo(TrueKnee).Within(0.01));
            Assert.That(k.Slope, Is.EqualTo(TrueSlope).Within(0.01));
            Assert.That(k.Plateau, Is.EqualTo(0).Within(0.01));
            Assert.That(k.CiLow, Is.LessThan(TrueKnee).And.GreaterThan(0.25), "the interval brackets the knee");
            Assert.That(k.CiHigh, Is.GreaterThan(TrueKnee).And.LessThanOrEqualTo(2));
            Assert.That(k.SlopeCiLow, Is.LessThan(TrueSlope));
            Assert.That(k.SlopeCiHigh, Is.GreaterThan(TrueSlope));
        });
    }

    [Test]
    public void MoreReplicatesNarrowTheKneeButMoveTheFirstSignificantLevel()
    {
        // Paired differences with sd 5 per pair (like civilian deaths at these demand levels). The rule "first level
        // from which p < 0.05 at every higher level" moves down as replicates are added, because the small effect just
        // above the knee becomes significant; the knee stays where it is and its interval narrows.
        var few = Simulate(30, seed: 11);
        var many = Simulate(480, seed: 11);
        Assert.Multiple(() =>
        {
            Assert.That(FirstSignificantLevel(few), Is.EqualTo(3), "30 pairs: the effect of -1.5 at 2 is not resolved");
            Assert.That(FirstSignificantLevel(many), Is.EqualTo(2), "480 pairs: it is, so the p-value threshold moves");
            Assert.That(few.Knee.CiLow, Is.LessThanOrEqualTo(TrueKnee));
            Assert.That(few.Knee.CiHigh, Is.GreaterThanOrEqualTo(TrueKnee));
            Assert.That(many.Knee.Level, Is.EqualTo(TrueKnee).Within(0.2));
            Assert.That(many.Knee.CiLow, Is.LessThanOrEqualTo(TrueKnee));
            Assert.That(many.Knee.CiHigh, Is.GreaterThanOrEqualTo(TrueKnee));
            Assert.That(many.Knee.CiHigh - many.Knee.CiLow, Is.LessThan((few.Knee.CiHigh - few.Knee.CiLow) / 2), "16 times the pairs: a much narrower interval");
        });
    }

    [Test]
    public void TheSameInputsGiveTheSameInterval()
    {
        var means = s_levels.Select(x => Effect(x) + (0.2 * Math.Sin(x * 7))).ToArray();
        double[] errors = [.. s_levels.Select(x => 0.2 + (0.1 * x))];
        var first = Breakpoint.Fit(s_levels, means, errors, 42);
        var second = Breakpoint.Fit(s_levels, means, errors, 42);
        var otherSeed = Breakpoint.Fit(s_levels, means, errors, 43);
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first), "seeded: reproducible");
            Assert.That(otherSeed!.Value.Level, Is.EqualTo(first!.Value.Level), "the estimate itself does not depend on the seed");
            Assert.That(otherSeed.Value.CiLow, Is.Not.EqualTo(first.Value.CiLow), "only the bootstrap interval does");
        });
    }

    [Test]
    public void ItNeedsFourIncreasingLevelsWithFiniteValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Breakpoint.Fit([0.5, 1, 2], [0, 0, -3], [1, 1, 1], 1), Is.Null, "three levels cannot place a hinge with two levels above it");
            Assert.That(Breakpoint.Fit([0.5, 2, 1, 4], [0, 0, -3, -9], [1, 1, 1, 1], 1), Is.Null, "levels out of order");
            Assert.That(Breakpoint.Fit([0.5, 1, 2, 4], [0, double.NaN, -3, -9], [1, 1, 1, 1], 1), Is.Null, "a level without a mean");
            Assert.That(Breakpoint.Fit([0.5, 1, 2, 4], [0, 0, -3, -9], [1, 1, 1, 1], 1), Is.Not.Null);
        });
    }

    private static (double[] Means, double[] Errors, double[] P, BreakpointEstimate Knee) Simulate(int pairs, ulong seed)
    {
        var rng = RandomStreams.Create(seed, "synthetic-pairs");
        var means = new double[s_levels.Length];
        var errors = new double[s_levels.Length];
        var p = new double[s_levels.Length];
        for (int i = 0; i < s_levels.Length; i++)
        {
            var d = new double[pairs];
            for (int j = 0; j < pairs; j++)
            {
                d[j] = Effect(s_levels[i]) + (5 * rng.StandardNormal());
            }

            var result = PairedComparison.Compare(d, new double[pairs]);
            means[i] = result.MeanDifference;
            errors[i] = d.StandardDeviation() / Math.Sqrt(pairs);
            p[i] = result.PT;
        }

        return (means, errors, p, Breakpoint.Fit(s_levels, means, errors, seed)!.Value);
    }

    private static double FirstSignificantLevel((double[] Means, double[] Errors, double[] P, BreakpointEstimate Knee) s)
    {
        int from = s_levels.Length;
        while (from > 0 && s.P[from - 1] < 0.05 && s.Means[from - 1] < 0)
        {
            from--;
        }

        return from < s_levels.Length ? s_levels[from] : double.NaN;
    }
}
