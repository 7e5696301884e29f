using System.Globalization;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Randomness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// Sensitivity of an advantage, not of a level (issue 15): the Sobol indices of the paired difference between two
/// sweeps of one design, on analytic functions with known indices, its noise floor, and `sensitivity --minus`.
/// </summary>
public class DifferenceSensitivityTests
{
    private const int Replicates = 2;

    [Test]
    public void TheIndicesOfADifferenceAreThoseOfTheDifferenceNotOfEitherLevel()
    {
        // Arm a: y = x1 + x2² + 5·x3; arm b: y = x2² + 5·x3, each with the same small replicate noise (common random
        // numbers). The levels are driven by x3 (S1 about 0.9); the difference a − b = x1 depends on x1 alone.
        var rng = new Xoshiro256StarStar(7);
        var unit = SobolDesign.SaltelliMatrix(4000, 3, ref rng);
        var a = Table(unit, x => x[0] + (x[1] * x[1]) + (5 * x[2]), noise: 0.01);
        var b = Table(unit, x => (x[1] * x[1]) + (5 * x[2]), noise: 0.01);
        var difference = PointDifference.Of(a, b, "m", unit.Length);
        var ofDifference = Sensitivity.Sobol(difference.Means, 3, resamples: 200, seed: 1);
        var ofLevel = Sensitivity.Sobol(MeansOf(a, unit.Length), 3, resamples: 200, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(ofLevel[2].First, Is.GreaterThan(0.8), "the level is driven by x3");
            Assert.That(ofDifference[0].First, Is.EqualTo(1).Within(0.05), "the difference by x1 alone: S1 = 1");
            Assert.That(ofDifference[0].Total, Is.EqualTo(1).Within(0.05), "ST = 1");
            Assert.That(ofDifference[1].Total, Is.LessThan(0.02), "x2 cancels in the difference");
            Assert.That(ofDifference[2].Total, Is.LessThan(0.02), "and so does x3");
            Assert.That(difference.NoiseShare, Is.LessThan(0.01), "the paired noise cancels too: far below the spread of x1 (variance 1/12)");
        });
    }

    [Test]
    public void TheMorrisEffectsOfADifferenceAreThoseOfTheDifference()
    {
        // Arm a: y = 3·x1 + 4·x2·x3 + 5·x3; arm b: y = 4·x2·x3 + 5·x3. The difference a − b = 3·x1 is linear in x1 alone:
        // every elementary effect of x1 is 3 (μ* = 3, σ = 0) and x2 and x3 have none, while a level's μ* ranks x3 first.
        var rng = new Xoshiro256StarStar(11);
        var unit = MorrisDesign.TrajectoryMatrix(40, 4, 3, ref rng);
        var a = Table(unit, x => (3 * x[0]) + (4 * x[1] * x[2]) + (5 * x[2]), noise: 0.001);
        var b = Table(unit, x => (4 * x[1] * x[2]) + (5 * x[2]), noise: 0.001);
        var ofDifference = Sensitivity.Morris(unit, PointDifference.Of(a, b, "m", unit.Length).Means, 3);
        var ofLevel = Sensitivity.Morris(unit, MeansOf(a, unit.Length), 3);
        Assert.Multiple(() =>
        {
            Assert.That(ofLevel[2].MuStar, Is.GreaterThan(ofLevel[0].MuStar), "the level is driven most by x3");
            Assert.That(ofDifference[0].MuStar, Is.EqualTo(3).Within(1e-9), "the difference's effect of x1 is its slope");
            Assert.That(ofDifference[0].Sigma, Is.EqualTo(0).Within(1e-9), "linear: no interaction");
            Assert.That(ofDifference[1].MuStar, Is.EqualTo(0).Within(1e-9), "x2 cancels in the difference");
            Assert.That(ofDifference[2].MuStar, Is.EqualTo(0).Within(1e-9), "and so does x3");
        });
    }

    [Test]
    public void TheNoiseFloorSaysWhenThePointsDifferByNoiseAlone()
    {
        var rng = new Xoshiro256StarStar(8);
        var unit = SobolDesign.SaltelliMatrix(500, 2, ref rng);
        // Independent noise in the two arms (no common random numbers) and no effect of the factors on the difference.
        var a = Table(unit, x => x[0], noise: 1, salt: 1);
        var b = Table(unit, x => x[0], noise: 1, salt: 2);
        double share = PointDifference.Of(a, b, "m", unit.Length).NoiseShare;
        Assert.That(share, Is.EqualTo(1).Within(0.2), "all of the spread across points is replicate noise");
    }

    [Test]
    public void SweepsWhoseSeedsDifferAreNotPaired()
    {
        var rng = new Xoshiro256StarStar(9);
        var unit = SobolDesign.SaltelliMatrix(10, 2, ref rng);
        var a = Table(unit, x => x[0], noise: 0);
        var b = Table(unit, x => x[0], noise: 0, seedOffset: 1);
        var ex = Assert.Throws<AnalysisException>(() => PointDifference.Of(a, b, "m", unit.Length))!;
        Assert.That(ex.Message, Does.Contain("same design and master seed"));
    }

    [Test]
    public void SensitivityMinusAnalysesTheDifferenceOfTwoSweepsOfOneDesign()
    {
        using var tmp = new TempDir();
        string Experiment(string name, string mode, int seed) =>
            $"name: {name}\nscenario: built-in\nmaster_seed: {seed}\nreplicates: 2\nfixed:\n  governance.mode: {mode}\n  time.horizon_h: 6\n" +
            "design:\n  kind: sobol\n  samples: 2\n  factors:\n    governance.trust: {min: 0.1, max: 0.9}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n";
        File.WriteAllText(tmp["co.yaml"], Experiment("co", "co-governance", 5));
        File.WriteAllText(tmp["single.yaml"], Experiment("single", "single-government", 5));
        File.WriteAllText(tmp["other-seed.yaml"], Experiment("other", "single-government", 6));
        foreach (string name in new[] { "co", "single", "other-seed" })
        {
            var sweep = CliRunner.Run("sweep", tmp[name + ".yaml"], "--out", tmp[name]);
            Assert.That(sweep.ExitCode, Is.Zero, sweep.Stderr);
        }

        var r = CliRunner.Run("sensitivity", tmp["co"], "--minus", tmp["single"], "--metric", "info_latency_mean_h");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("of the paired difference").And.Contain("replicate noise"));
        var table = RunsTableFile.Read(tmp["co/sensitivity-difference.csv"]);
        Assert.That(table.Header[^2..], Is.EqualTo(new[] { "minus", "noise_share" }));
        Assert.That(table.Rows, Has.Count.EqualTo(2), "one row per factor");
        Assert.That(File.Exists(tmp["co/sensitivity.csv"]), Is.False, "the level analysis is not overwritten or faked");

        var bad = CliRunner.Run("sensitivity", tmp["co"], "--minus", tmp["other-seed"]);
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("not a sweep of the same design").And.Contain("master seed 5 against 6"));
    }

    /// <summary>A runs table with one metric "m" = f(x) + noise at each point and replicate, seeds by point and replicate.</summary>
    private static ResultTable Table(double[][] points, Func<double[], double> f, double noise, int salt = 0, int seedOffset = 0)
    {
        var rows = new List<string[]>();
        for (int p = 0; p < points.Length; p++)
        {
            for (int r = 0; r < Replicates; r++)
            {
                // Common random numbers: the same draw for the same (point, replicate) in both arms unless salted.
                double e = noise * Normal(RandomStreams.DeriveSeed((ulong)((p * Replicates) + r), "noise" + salt));
                rows.Add([
                    (rows.Count + 1).ToString(CultureInfo.InvariantCulture), p.ToString(CultureInfo.InvariantCulture),
                    r.ToString(CultureInfo.InvariantCulture), (1000 + (p * Replicates) + r + seedOffset).ToString(CultureInfo.InvariantCulture),
                    "ok", (f(points[p]) + e).ToString("R", CultureInfo.InvariantCulture),
                ]);
            }
        }

        return new ResultTable(["run_id", "point_id", "replicate", "seed", "status", "m"], rows);
    }

    private static double Normal(ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        return rng.StandardNormal();
    }

    private static double[] MeansOf(ResultTable t, int points)
    {
        var byPoint = t.Rows.ToLookup(r => int.Parse(r[1], CultureInfo.InvariantCulture));
        return [.. Enumerable.Range(0, points).Select(p => byPoint[p].Average(r => ResultTable.Number(r[5])))];
    }
}
