using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Tests.Experiments;

public class DesignTests
{
    [Test]
    public void LatinHypercubeHitsEveryStratumOfEveryFactorExactlyOnce()
    {
        var rng = new Xoshiro256StarStar(4);
        const int n = 50;
        var rows = LhsDesign.LatinHypercube(n, 4, ref rng);
        Assert.That(rows, Has.Length.EqualTo(n));
        for (int f = 0; f < 4; f++)
        {
            var strata = rows.Select(r => (int)Math.Floor(r[f] * n)).OrderBy(s => s).ToArray();
            Assert.That(strata, Is.EqualTo(Enumerable.Range(0, n).ToArray()), $"factor {f}");
        }
    }

    [Test]
    public void MorrisTrajectoriesMoveOneFactorByDeltaPerStep()
    {
        var rng = new Xoshiro256StarStar(5);
        const int k = 5;
        const int p = 4;
        var rows = MorrisDesign.TrajectoryMatrix(8, p, k, ref rng);
        Assert.That(rows, Has.Length.EqualTo(8 * (k + 1)));
        double delta = p / (2.0 * (p - 1));
        for (int t = 0; t < 8; t++)
        {
            var moved = new HashSet<int>();
            for (int s = 0; s < k; s++)
            {
                var a = rows[(t * (k + 1)) + s];
                var b = rows[(t * (k + 1)) + s + 1];
                var changed = Enumerable.Range(0, k).Where(f => Math.Abs(b[f] - a[f]) > 1e-12).ToList();
                Assert.That(changed, Has.Count.EqualTo(1));
                Assert.That(b[changed[0]] - a[changed[0]], Is.EqualTo(delta).Within(1e-12));
                moved.Add(changed[0]);
            }

            Assert.That(moved, Has.Count.EqualTo(k), "each factor moves once per trajectory");
            Assert.That(rows.Skip(t * (k + 1)).Take(k + 1).SelectMany(r => r).All(v => v is >= 0 and <= 1 + 1e-12), Is.True);
        }
    }

    [Test]
    public void MorrisRanksTheDominantFactorFirst()
    {
        var rng = new Xoshiro256StarStar(6);
        const int k = 4;
        var x = MorrisDesign.TrajectoryMatrix(20, 4, k, ref rng);
        var y = x.Select(v => (10 * v[2]) + (2 * v[0]) + (0.5 * v[3] * v[0]) + (0.01 * v[1])).ToArray();
        var idx = Sensitivity.Morris(x, y, k);
        var ranking = Enumerable.Range(0, k).OrderByDescending(f => idx[f].MuStar).ToArray();
        Assert.That(ranking, Is.EqualTo(new[] { 2, 0, 3, 1 }));
        Assert.That(idx[2].MuStar, Is.EqualTo(10).Within(1e-9), "a linear effect has μ* equal to its slope");
        Assert.That(idx[2].Sigma, Is.EqualTo(0).Within(1e-9), "and no spread");
        Assert.That(idx[3].Sigma, Is.GreaterThan(0), "an interaction shows as spread");
    }

    [Test]
    public void SobolIndicesOfTheIshigamiFunctionMatchThePublishedValues()
    {
        // Ishigami & Homma (1990) with a = 7, b = 0.1 on [-π, π]^3. Analytic values (Sobol' & Levitan 1999):
        // S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
        var rng = new Xoshiro256StarStar(2024);
        const int n = 20_000;
        var unit = SobolDesign.SaltelliMatrix(n, 3, ref rng);
        var y = unit.Select(u =>
        {
            double x1 = (u[0] * 2 * Math.PI) - Math.PI;
            double x2 = (u[1] * 2 * Math.PI) - Math.PI;
            double x3 = (u[2] * 2 * Math.PI) - Math.PI;
            return Math.Sin(x1) + (7 * Math.Pow(Math.Sin(x2), 2)) + (0.1 * Math.Pow(x3, 4) * Math.Sin(x1));
        }).ToArray();
        var idx = Sensitivity.Sobol(y, 3, resamples: 200, seed: 1);
        double[] s1 = [0.3139, 0.4424, 0.0];
        double[] st = [0.5576, 0.4424, 0.2437];
        for (int i = 0; i < 3; i++)
        {
            Assert.That(idx[i].First, Is.EqualTo(s1[i]).Within(0.03), $"S{i + 1}");
            Assert.That(idx[i].Total, Is.EqualTo(st[i]).Within(0.03), $"ST{i + 1}");
            Assert.That(idx[i].FirstLow, Is.LessThanOrEqualTo(idx[i].First));
            Assert.That(idx[i].FirstHigh, Is.GreaterThanOrEqualTo(idx[i].First));
            Assert.That(st[i], Is.InRange(idx[i].TotalLow - 0.02, idx[i].TotalHigh + 0.02), $"ST{i + 1} interval");
        }
    }

    [Test]
    public void FactorialLevelsIncludeBothEndsOfARange()
    {
        var f = new Factor("governance.trust", null, 0.3, 0.9, 0.3, false, default);
        Assert.That(FactorLevels.List(f), Is.EqualTo(new[] { "0.3", "0.6", "0.9" }));
        var whole = new Factor("zones.ring_3km.residents", null, 0, 10, 2.5, true, default);
        Assert.That(FactorLevels.List(whole), Is.EqualTo(new[] { "0", "3", "5", "8", "10" }));
    }

    [Test]
    public void SweepRunnerDeliversInOrderAndIsolatesAFailedRun()
    {
        var point = new DesignPoint(0, "", [], []);
        var runs = Enumerable.Range(0, 40).Select(i => new RunSpec(i, point, i, (ulong)i)).ToList();
        var seen = new List<long>();
        int consumed = SweepRunner.Run(runs, r =>
        {
            Thread.Sleep((int)(r.RunId * 7 % 5)); // finish out of order
            return r.RunId == 3 ? new RunOutcome(r, null, [], "boom") : new RunOutcome(r, new Core.Metrics.RunMetrics(), [], null);
        }, threads: 4, o =>
        {
            seen.Add(o.Run.RunId);
            Assert.That(o.Succeeded, Is.EqualTo(o.Run.RunId != 3));
        }, CancellationToken.None);
        Assert.That(consumed, Is.EqualTo(40));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 40).Select(i => (long)i)));
    }

    [Test]
    public void AnExecutorThatThrowsStopsTheSweepWithAnErrorInsteadOfHanging()
    {
        // The executor catches model errors; anything that still escapes must end the sweep, not leave the other
        // workers waiting at the look-ahead window for a run that never comes (it hung before).
        var point = new DesignPoint(0, "", [], []);
        var runs = Enumerable.Range(0, 100).Select(i => new RunSpec(i, point, i, (ulong)i)).ToList();
        var sweep = Task.Run(() => SweepRunner.Run(runs, r => r.RunId == 20 ? throw new InvalidDataException("escaped") : new RunOutcome(r, new Core.Metrics.RunMetrics(), [], null),
            threads: 2, _ => { }, CancellationToken.None));
        Assert.That(((IAsyncResult)sweep).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(120)), Is.True, "the sweep ends");
        Assert.That(sweep.Exception?.InnerException, Is.TypeOf<InvalidOperationException>().And.Message.Contains("escaped"));
    }

    [Test]
    public void AModelErrorBecomesAFailedOutcomeNotACrash()
    {
        var point = new DesignPoint(0, "", ["x"], ["governance.trust=not-a-number"]);
        var outcome = RunExecution.Execute(new RunSpec(0, point, 0, 1), Support.Repo.BuiltInText, "tianjin-8-12.yaml", [], 0);
        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Error, Does.Contain("governance.trust"));
        Assert.That(outcome.Error, Does.Not.Contain("\n"));
    }
}
