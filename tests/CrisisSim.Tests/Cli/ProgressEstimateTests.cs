using CrisisSim.Cli.Output;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// Honest progress: the rate leaves out the warm-up before the first run finishes and follows the recent runs, so the
/// early ETA is near the truth; the bar fits the terminal. Driven by a simulated clock, so nothing here depends on timing.
/// </summary>
public class ProgressEstimateTests
{
    /// <summary>A sweep of <paramref name="total"/> runs: <paramref name="warmup"/> s before the first run ends, then one run per <paramref name="perRun"/> s.</summary>
    private static (double Eta, double Truth) EtaAt(int total, double warmup, double perRun, int observedAt, int already = 0)
    {
        var estimate = new RateEstimate(already);
        double eta = double.NaN;
        for (double t = 0; ; t += 1)
        {
            int done = t < warmup ? already : Math.Min(total, already + 1 + (int)((t - warmup) / perRun));
            eta = estimate.Observe(t, done, total);
            if (done >= observedAt)
            {
                double finish = warmup + ((total - already - 1) * perRun);
                return (eta, finish - t);
            }
        }
    }

    [Test]
    public void TheEarlyEtaLeavesOutTheWarmUp()
    {
        // 200 runs at 1 run/s after 20 s of start-up: at 10 % the elapsed-time rate (20 runs in 40 s) would say 360 s left.
        var (eta, truth) = EtaAt(total: 200, warmup: 20, perRun: 1, observedAt: 20);
        Assert.That(eta / truth, Is.InRange(0.9, 1.1), $"ETA {eta:0} s against {truth:0} s left");
    }

    [TestCase(2.0, 0.5)]
    [TestCase(0.5, 2.0)]
    public void TheRateFollowsTheRecentRuns(double before, double after)
    {
        var estimate = new RateEstimate(0);
        double runs = 0; // runs finished so far, in fractions: one per `before` s, then one per `after` s
        for (double t = 1; t < 120 + (2 * RateEstimate.MaxWindow); t += 1)
        {
            runs += 1 / (t <= 120 ? before : after);
            estimate.Observe(t, (int)runs, 10_000);
        }

        Assert.That(estimate.Rate, Is.EqualTo(1 / after).Within(15).Percent, "the rate of the last window, not of the whole sweep");
    }

    /// <summary>
    /// The tiered JIT's speed-up, as measured on the shipped thesis-obstacles-demand sweep under load: the rate climbs
    /// from a fifth of its final value to all of it over the first 30 s. At 10 % the ETA is within 2x of the truth.
    /// </summary>
    [Test]
    public void TheEarlyEtaFollowsTheJitsSpeedUp()
    {
        const int total = 2000;
        const double full = 25, rampEnd = 30; // runs/s once compiled; seconds until then
        double Rate(double t) => full * Math.Min(1, 0.2 + (0.8 * t / rampEnd));
        var estimate = new RateEstimate(0);
        double runs = 0, eta = double.NaN, t = 0;
        for (; runs < total / 10.0; t += 1)
        {
            runs += Rate(t);
            eta = estimate.Observe(t + 1, (int)runs, total);
        }

        double truth = 0;
        for (double left = total - runs, u = t; left > 0; u += 1)
        {
            left -= Rate(u);
            truth += 1;
        }

        Assert.That(eta / truth, Is.InRange(0.5, 2.0), $"ETA {eta:0} s against {truth:0} s left at 10 %");
    }

    [Test]
    public void AResumeHasNoRateUntilOneOfItsOwnRunsFinishes()
    {
        var estimate = new RateEstimate(already: 100);
        Assert.That(estimate.Observe(5, 100, 200), Is.NaN);
        Assert.That(estimate.Rate, Is.NaN);
        var (eta, truth) = EtaAt(total: 200, warmup: 10, perRun: 2, observedAt: 120, already: 100);
        Assert.That(eta / truth, Is.InRange(0.9, 1.1), "the runs done before the resume are not counted as done in this session");
    }

    [Test]
    public void AFinishedSweepHasNoTimeLeft()
    {
        var estimate = new RateEstimate(0);
        estimate.Observe(1, 1, 3);
        Assert.That(estimate.Observe(2, 3, 3), Is.Zero);
    }

    [TestCase(40)]
    [TestCase(80)]
    [TestCase(120)]
    [TestCase(250)]
    public void TheBarFitsTheTerminal(int columns)
    {
        string text = " 1234/5000 runs  12.3 runs/s  ETA 5m";
        string line = ProgressReporter.Bar(columns, 1234, 5000, text);
        Assert.That(line, Has.Length.EqualTo(columns - 1), "one column short of the width, so no terminal wraps it");
        int bar = line.IndexOf(']', StringComparison.Ordinal) - 1;
        Assert.That(bar, columns >= 50 ? Is.InRange(10, 60) : Is.LessThan(0), "the bar takes the room left, 10 to 60 columns");
        Assert.That(line, Does.Contain("1234/5000 runs"));
    }

    [Test]
    public void ANarrowTerminalGetsTheTextAlone()
    {
        Assert.That(ProgressReporter.Bar(20, 5, 10, " 5/10 runs  1.0 runs/s  ETA 5s"), Has.Length.EqualTo(19).And.StartWith("5/10 runs"));
    }
}
