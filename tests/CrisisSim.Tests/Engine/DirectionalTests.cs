using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Directional checks with replicates, judged by a paired test over common random numbers (replicate r
/// uses the same seed in both arms). They test that the patterns emerge from the rules; nothing in the
/// rules names these outcomes.
/// </summary>
public class DirectionalTests
{
    private const int Replicates = 12;

    /// <summary>
    /// Replicates for the latency checks: the latency means weight need episodes by their people, so a few large
    /// episodes dominate them and they vary more between runs than the unweighted means did (same test, more runs).
    /// </summary>
    internal const int LatencyReplicates = 30;

    [Test]
    public void PlatformLowersInformationLatencyComparedWithAStrictHierarchy()
    {
        var (hierarchy, platform) = Paired(
            ["governance.mode=co-governance", "governance.communication=hierarchical"],
            ["governance.mode=co-governance", "governance.communication=platform"],
            m => m.InfoLatencyMeanH,
            replicates: LatencyReplicates);
        AssertSignificantlyGreater(hierarchy, platform, "info_latency_mean_h: hierarchy > platform");
    }

    [Test]
    public void WithoutHazardInformationMoreRespondersDie()
    {
        var (uninformed, informed) = Paired(
            ["hazard.toxic.disclosed_at_h=100000", "hazard.toxic.identify_per_unit_h=0"],
            ["hazard.toxic.disclosed_at_h=0"],
            m => m.DeathsResponder);
        AssertSignificantlyGreater(uninformed, informed, "deaths_responder: uninformed > informed");
    }

    [Test]
    public void AnEarlierFirstReleaseLowersThePeakOfRumour()
    {
        var (late, early) = Paired(
            ["communication.broadcast.first_release_h=24"],
            ["communication.broadcast.first_release_h=2"],
            m => m.RumourPeak);
        AssertSignificantlyGreater(late, early, "rumour_peak: late release > early release");
    }

    private static (double[] A, double[] B) Paired(string[] armA, string[] armB, Func<RunMetrics, double> metric, int replicates = Replicates)
    {
        string[] common = ["time.horizon_h=48"];
        var a = Repo.BuiltIn([.. common, .. armA]);
        var b = Repo.BuiltIn([.. common, .. armB]);
        var xs = new double[replicates];
        var ys = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            ulong seed = Core.Randomness.RandomStreams.DeriveReplicateSeed(2015, r);
            xs[r] = metric(new Simulation(a, seed).Run());
            ys[r] = metric(new Simulation(b, seed).Run());
        }

        return (xs, ys);
    }

    /// <summary>One-sided paired t-test at α = 0.01 that a exceeds b.</summary>
    private static void AssertSignificantlyGreater(double[] a, double[] b, string what)
    {
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        double mean = d.Mean();
        double sd = d.StandardDeviation();
        double t = sd == 0 ? (mean > 0 ? double.PositiveInfinity : 0) : mean / (sd / Math.Sqrt(d.Length));
        double p = 1 - StudentT.CDF(0, 1, d.Length - 1, t);
        Assert.That(p, Is.LessThan(0.01), $"{what}: mean difference {mean:0.###}, t = {t:0.##}, one-sided p = {p:0.####} over {d.Length} paired replicates");
    }
}
