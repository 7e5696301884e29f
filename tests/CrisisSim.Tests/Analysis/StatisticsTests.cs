using CrisisSim.Core.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

public class StatisticsTests
{
    // Hollander & Wolfe's depression data (also R's ?wilcox.test example): x before, y after.
    private static readonly double[] s_x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    private static readonly double[] s_y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

    [Test]
    public void PairedTMatchesTheReferenceValues()
    {
        // R: t.test(x, y, paired = TRUE) gives t = 3.0354, df = 8, p-value = 0.01618, 95% CI 0.1038 to 0.7600.
        var r = PairedComparison.Compare(s_x, s_y);
        Assert.Multiple(() =>
        {
            Assert.That(r.Pairs, Is.EqualTo(9));
            Assert.That(r.MeanDifference, Is.EqualTo(0.431889).Within(1e-6));
            Assert.That(r.T, Is.EqualTo(3.0354).Within(1e-4));
            Assert.That(r.PT, Is.EqualTo(0.01618).Within(1e-5));
            Assert.That(r.CiLow, Is.EqualTo(0.1038).Within(1e-4));
            Assert.That(r.CiHigh, Is.EqualTo(0.7600).Within(1e-4));
            Assert.That(r.EffectSizeDz, Is.EqualTo(0.431889 / 0.426855).Within(1e-4));
        });
    }

    [Test]
    public void WilcoxonMatchesTheNormalApproximationByHand()
    {
        // V = 40 of a maximum 45; mean 22.5, variance 9·10·19/24 = 71.25; z = (17.5 − 0.5)/√71.25 = 2.0140; p = 0.0440.
        Assert.That(PairedComparison.Wilcoxon(s_x.Zip(s_y, (a, b) => a - b).ToArray()), Is.EqualTo(0.0440).Within(2e-4));
    }

    [Test]
    public void WilcoxonIsOneWhenNothingDiffers() =>
        Assert.That(PairedComparison.Wilcoxon([0.0, 0, 0]), Is.EqualTo(1));

    [Test]
    public void SummaryIntervalUsesStudentT()
    {
        // mean 5, sd = √(10/3·…): values 2, 4, 6, 8 → mean 5, sd 2.5820, t(0.975, 3) = 3.1824 → half-width 4.1085.
        var s = PairedComparison.Summarise([2.0, 4, 6, 8]);
        Assert.That(s.Mean, Is.EqualTo(5));
        Assert.That(s.Sd, Is.EqualTo(2.581989).Within(1e-6));
        Assert.That(s.CiHigh - s.Mean, Is.EqualTo(4.1085).Within(1e-4));
    }

    [Test]
    public void HolmAdjustsStepDownAndKeepsMonotone()
    {
        var adjusted = PairedComparison.Holm([0.01, 0.04, 0.03, 0.005, double.NaN]);
        Assert.That(adjusted.Take(4), Is.EqualTo(new[] { 0.03, 0.06, 0.06, 0.02 }).Within(1e-12));
        Assert.That(double.IsNaN(adjusted[4]), Is.True);
    }

    [Test]
    public void CompareWritesATablePairedByReplicate()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: c
            master_seed: 5
            replicates: 6
            fixed: {time.horizon_h: 24, population.scale: 0.3}
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
                platform: {governance.mode: co-governance, governance.communication: platform}
            """);
        var sweep = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["o"]);
        Assert.That(sweep.ExitCode, Is.Zero, sweep.Stderr);
        Assert.That(sweep.Stdout, Does.Contain("info_latency_mean_h").And.Contain("(baseline)"), "a sweep with arms ends with the comparison");
        string sweepComparison = File.ReadAllText(tmp["o/comparison.csv"]);
        var r = CliRunner.Run("compare", tmp["o"], "--by", "arm", "--baseline", "platform", "--metric", "info_latency_mean_h", "--metric", "deaths_civilian", "--out", tmp["c"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["o/comparison.csv"]), Is.EqualTo(sweepComparison), "compare never replaces the sweep's own comparison");
        var lines = File.ReadAllLines(tmp["c/comparison.csv"]);
        Assert.That(lines[0], Is.EqualTo("arm,metric,n,mean,sd,ci_low,ci_high,baseline,n_pairs,diff_mean,diff_ci_low,diff_ci_high,effect_size_dz,t,p_t,p_wilcoxon,p_holm"));
        Assert.That(lines, Has.Length.EqualTo(1 + 4));
        var single = lines.Single(l => l.StartsWith("single,info_latency_mean_h,", StringComparison.Ordinal)).Split(',');
        Assert.That(single[8], Is.EqualTo("6"), "six replicate pairs");

        var bad = CliRunner.Run("compare", tmp["o"], "--by", "governance.modee");
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("no such column"));
    }
}
