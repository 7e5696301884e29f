using CrisisSim.Core.Calibration;
using CrisisSim.Core.Randomness;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;

namespace CrisisSim.Tests.Calibration;

/// <summary>
/// ABC rejection on toy models whose posterior is known exactly: the sampler keeps what the bands and the priors
/// imply, replicate means are what acceptance is judged on, draws do not depend on the thread count, and held-out
/// targets never decide which sets are kept.
/// </summary>
public class AbcRejectionTests
{
    private static readonly Prior s_theta = new("theta", PriorKind.Uniform, 0, 1);

    /// <summary>y = theta²: with the band [0.25, 0.49] exactly the thetas in [0.5, 0.7] are accepted.</summary>
    private static IReadOnlyDictionary<string, double> Square(IReadOnlyList<KeyValuePair<string, double>> o, ulong seed) =>
        new Dictionary<string, double> { ["y"] = o[0].Value * o[0].Value, ["z"] = o[0].Value };

    /// <summary>y = theta + e, e ~ N(0, sigma²) drawn from the run's seed.</summary>
    private static AbcRejection.Model Noisy(double sigma) => (o, seed) =>
    {
        var rng = RandomStreams.Create(seed, "toy");
        double u1 = 1 - rng.NextDouble();
        double u2 = rng.NextDouble();
        double e = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return new Dictionary<string, double> { ["y"] = o[0].Value + e };
    };

    [Test]
    public void ADeterministicModelsPosteriorIsTheBandsPreimage()
    {
        const int n = 20_000;
        var r = AbcRejection.Run([s_theta], [new Target("y", 0.25, 0.49)], 7, n, 1, Square, threads: 2);
        var accepted = r.Accepted.Select(d => d.Values[0]).Order().ToList();
        using (Assert.EnterMultipleScope())
        {
            // U(0.5, 0.7): 20 % accepted (sd 0.3 %), mean 0.6 (sd 0.0009), quartiles 0.55 and 0.65
            Assert.That((double)accepted.Count / n, Is.EqualTo(0.2).Within(0.012));
            Assert.That(accepted[0], Is.GreaterThanOrEqualTo(0.5).And.LessThan(0.502));
            Assert.That(accepted[^1], Is.LessThanOrEqualTo(0.7).And.GreaterThan(0.698));
            Assert.That(accepted.Average(), Is.EqualTo(0.6).Within(0.004));
            Assert.That(Core.Analysis.Quantiles.OfSorted(accepted, 0.25), Is.EqualTo(0.55).Within(0.006));
            Assert.That(Core.Analysis.Quantiles.OfSorted(accepted, 0.75), Is.EqualTo(0.65).Within(0.006));
            Assert.That(r.Draws.Where(d => !d.Accepted).Count(d => d.Values[0] >= 0.5 && d.Values[0] <= 0.7), Is.Zero, "every theta in [0.5, 0.7] is accepted");
        }
    }

    [Test]
    public void ANoisyModelIsJudgedOnItsReplicateMeanAndMatchesTheExactAbcPosterior()
    {
        // theta ~ U(0, 1), ybar = theta + N(0, sigma²/R); accepted when ybar in [a, b]. The exact ABC posterior density
        // is proportional to P(ybar in [a, b] | theta) = Phi((b - theta)/s) - Phi((a - theta)/s), s = sigma / sqrt(R).
        const double sigma = 0.3, a = 0.4, b = 0.5;
        const int replicates = 4, n = 20_000;
        double s = sigma / Math.Sqrt(replicates);
        double Like(double t) => Normal.CDF(0, 1, (b - t) / s) - Normal.CDF(0, 1, (a - t) / s);
        double mass = GaussLegendreRule.Integrate(Like, 0, 1, 64);
        double mean = GaussLegendreRule.Integrate(t => t * Like(t), 0, 1, 64) / mass;
        double sd = Math.Sqrt((GaussLegendreRule.Integrate(t => t * t * Like(t), 0, 1, 64) / mass) - (mean * mean));

        var r = AbcRejection.Run([s_theta], [new Target("y", a, b)], 11, n, replicates, Noisy(sigma), threads: 2);
        var accepted = r.Accepted.Select(d => d.Values[0]).ToList();
        double rate = (double)accepted.Count / n;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rate, Is.EqualTo(mass).Within(4 * Math.Sqrt(mass * (1 - mass) / n)), "acceptance rate is the band's prior predictive probability");
            Assert.That(accepted.Average(), Is.EqualTo(mean).Within(4 * sd / Math.Sqrt(accepted.Count)));
            Assert.That(StdDev(accepted), Is.EqualTo(sd).Within(0.05 * sd));
            Assert.That(sd, Is.GreaterThan(0.1), "a single replicate's band would give a wider posterior; four narrow it to this");
        }
    }

    [Test]
    public void LogUniformDrawsAreUniformInTheLogarithm()
    {
        var lu = new Prior("p", PriorKind.LogUniform, 0.001, 1000);
        var u = new Prior("q", PriorKind.Uniform, 0.001, 1000);
        const int n = 12_000;
        var draws = Enumerable.Range(0, n).Select(d => AbcRejection.ValuesOf([lu, u], 5, d)).ToList();
        var decades = new int[6];
        foreach (var v in draws)
        {
            Assert.That(v[0], Is.InRange(0.001, 1000));
            decades[Math.Clamp((int)Math.Floor(Math.Log10(v[0]) + 3), 0, 5)]++;
        }

        using (Assert.EnterMultipleScope())
        {
            // each decade 1/6 (sd 0.34 % of n): 2,000 ± 136 at 4 sd
            foreach (int count in decades)
            {
                Assert.That(count, Is.EqualTo(n / 6).Within(136));
            }

            Assert.That(draws.Count(v => v[1] >= 100) / (double)n, Is.EqualTo(0.9).Within(0.012), "the uniform prior puts 90 % in the top decade");
            Assert.That(draws.Select(v => v[0]).Distinct().Count(), Is.EqualTo(n));
        }
    }

    [Test]
    public void TheResultDoesNotDependOnTheThreadCount()
    {
        var priors = new[] { s_theta, new Prior("phi", PriorKind.LogUniform, 0.1, 10) };
        var targets = new[] { new Target("y", 0.3, 0.6) };
        var one = AbcRejection.Run(priors, targets, 2015, 300, 5, Noisy(0.2), threads: 1);
        var many = AbcRejection.Run(priors, targets, 2015, 300, 5, Noisy(0.2), threads: 8);
        var otherSeed = AbcRejection.Run(priors, targets, 2016, 300, 5, Noisy(0.2), threads: 8);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(many.Draws.Select(Row), Is.EqualTo(one.Draws.Select(Row)));
            Assert.That(one.Accepted, Is.Not.Empty);
            Assert.That(otherSeed.Draws.Select(Row), Is.Not.EqualTo(one.Draws.Select(Row)), "the master seed decides the draws");
        }
    }

    [Test]
    public void HeldOutTargetsNeverDecideWhichSetsAreAccepted()
    {
        var fit = new Target("y", 0.25, 0.49);
        var without = AbcRejection.Run([s_theta], [fit], 3, 2000, 1, Square, threads: 2);
        var heldOut = AbcRejection.Run([s_theta], [fit, new Target("z", 0.55, 0.6, TargetUse.HeldOut)], 3, 2000, 1, Square, threads: 2);
        var asFit = AbcRejection.Run([s_theta], [fit, new Target("z", 0.55, 0.6)], 3, 2000, 1, Square, threads: 2);
        var summary = PosteriorSummary.Of(heldOut);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(heldOut.Draws.Select(d => d.Accepted), Is.EqualTo(without.Draws.Select(d => d.Accepted)));
            Assert.That(asFit.Accepted, Has.Count.LessThan(heldOut.Accepted.Count / 2), "the same target used to fit would reject most sets");
            Assert.That(heldOut.Draws.Select(d => d.Means[1]), Is.EqualTo(heldOut.Draws.Select(d => d.Values[0])), "held-out targets are still computed");
            // theta in [0.55, 0.6] among the accepted U(0.5, 0.7): a quarter
            Assert.That(summary.HeldOut.Single().ShareInBand, Is.EqualTo(0.25).Within(0.06));
        }
    }

    [Test]
    public void ASetWithAFailedRunIsRejectedAndItsErrorKept()
    {
        AbcRejection.Model failing = (o, seed) => o[0].Value > 0.5 ? throw new InvalidOperationException("boom") : Square(o, seed);
        var r = AbcRejection.Run([s_theta], [new Target("z", 0, 1)], 1, 200, 2, failing, threads: 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.Draws.Where(d => d.Values[0] > 0.5).Select(d => d.Accepted), Has.All.False);
            Assert.That(r.Draws.Where(d => d.Values[0] <= 0.5).Select(d => d.Accepted), Has.All.True);
            Assert.That(r.Failed, Is.EqualTo(r.Draws.Count(d => d.Values[0] > 0.5)));
            Assert.That(r.Draws.First(d => d.Error is not null).Error, Does.Contain("boom"));
        }
    }

    [Test]
    public void AOneSidedBandAcceptsEverythingOnItsSideAndNothingElse()
    {
        // z = theta: at least 0.7 accepts exactly theta >= 0.7, at most 0.25 exactly theta <= 0.25
        var atLeast = AbcRejection.Run([s_theta], [new Target("z", 0.7, double.PositiveInfinity)], 4, 2000, 1, Square, threads: 2);
        var atMost = AbcRejection.Run([s_theta], [new Target("z", double.NegativeInfinity, 0.25)], 4, 2000, 1, Square, threads: 2);
        var both = AbcRejection.Run([s_theta], [new Target("z", 0.7, double.PositiveInfinity), new Target("y", double.NegativeInfinity, 0.64)], 4, 2000, 1, Square, threads: 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(atLeast.Draws.Select(d => d.Accepted), Is.EqualTo(atLeast.Draws.Select(d => d.Values[0] >= 0.7)));
            Assert.That(atMost.Draws.Select(d => d.Accepted), Is.EqualTo(atMost.Draws.Select(d => d.Values[0] <= 0.25)));
            Assert.That((double)atLeast.Accepted.Count / 2000, Is.EqualTo(0.3).Within(0.045));
            Assert.That(both.Draws.Select(d => d.Accepted), Is.EqualTo(both.Draws.Select(d => d.Values[0] >= 0.7 && d.Values[0] <= 0.8)), "theta² <= 0.64 caps it at 0.8");
            Assert.That(new Target("z", 0.7, double.PositiveInfinity).Band(v => v.ToString(Inv)), Is.EqualTo(">= 0.7"));
            Assert.That(new Target("z", double.NegativeInfinity, 0.25).Band(v => v.ToString(Inv)), Is.EqualTo("<= 0.25"));
            Assert.That(new Target("z", 0.5, 0.7).Band(v => v.ToString(Inv)), Is.EqualTo("in [0.5, 0.7]"));
        }
    }

    [Test]
    public void AnUndefinedMeanRejectsAsAFitTargetAndNeverBlocksAsAHeldOutOne()
    {
        // w is undefined (NaN) in the runs of theta < 0.5, as volunteer_idle_ratio is when nobody is present
        AbcRejection.Model undefined = (o, seed) => new Dictionary<string, double> { ["z"] = o[0].Value, ["w"] = o[0].Value < 0.5 ? double.NaN : 1 };
        var heldOut = AbcRejection.Run([s_theta], [new Target("z", 0, 1), new Target("w", 0, 2, TargetUse.HeldOut)], 6, 400, 2, undefined, threads: 2);
        var fit = AbcRejection.Run([s_theta], [new Target("z", 0, 1), new Target("w", 0, 2)], 6, 400, 2, undefined, threads: 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(heldOut.Draws.Select(d => d.Accepted), Has.All.True);
            Assert.That(heldOut.Draws.Count(d => double.IsNaN(d.Means[1])), Is.EqualTo(heldOut.Draws.Count(d => d.Values[0] < 0.5)).And.GreaterThan(100));
            Assert.That(fit.Draws.Select(d => d.Accepted), Is.EqualTo(fit.Draws.Select(d => d.Values[0] >= 0.5)));
            Assert.That(fit.Failed, Is.Zero, "an undefined quantity is no failed run");
            Assert.That(PosteriorSummary.Of(heldOut).HeldOut.Single().ShareInBand, Is.EqualTo(heldOut.Draws.Count(d => d.Values[0] >= 0.5) / 400.0));
        }
    }

    [Test]
    public void TheSummaryGivesEachFitTargetsShareOfTheDrawsInItsBand()
    {
        var r = AbcRejection.Run([s_theta], [new Target("z", 0, 0.5), new Target("y", 0, 0.04)], 8, 1000, 1, Square, threads: 2);
        var fit = PosteriorSummary.Of(r).Fit;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fit.Select(f => f.Target.Id), Is.EqualTo(new[] { "z", "y" }));
            Assert.That(fit[0].ShareInBand, Is.EqualTo(r.Draws.Count(d => d.Values[0] <= 0.5) / 1000.0));
            Assert.That(fit[1].ShareInBand, Is.EqualTo(r.Draws.Count(d => d.Values[0] * d.Values[0] <= 0.04) / 1000.0).And.EqualTo(0.2).Within(0.05), "theta² <= 0.04: theta <= 0.2");
            Assert.That(r.Accepted.Count, Is.EqualTo(r.Draws.Count(d => d.Values[0] * d.Values[0] <= 0.04)), "y's band is inside z's");
        }
    }

    private static string Row(CalibrationDraw d) => string.Join(',', [d.Index.ToString(Inv), .. d.Values.Select(v => v.ToString("R", Inv)), .. d.Means.Select(v => v.ToString("R", Inv)), d.Accepted.ToString()]);

    private static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;

    private static double StdDev(List<double> v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1));
    }
}
