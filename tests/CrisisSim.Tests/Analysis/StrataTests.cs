using System.Globalization;
using System.Text;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// Comparisons within strata (compare --within, the experiment's compare section): each arm is paired with the
/// baseline inside each level of a factor, and the threshold is the level from which an arm is significantly better.
/// </summary>
public class StrataTests
{
    /// <summary>
    /// A synthetic sweep with known differences: arm "co" has 10 fewer deaths than "single" at demand 2 and 4, the same
    /// at demand 1, and 10 more at demand 0.5; replicate noise is shared by the pair (common random numbers).
    /// </summary>
    private static ResultTable Synthetic(string dir)
    {
        var header = ResultFiles.RunsHeader(["arm", "population.scale"]);
        var csv = new StringBuilder(string.Join(",", header)).Append('\n');
        int deaths = header.ToList().IndexOf("deaths_civilian");
        int status = header.ToList().IndexOf("status");
        long id = 0;
        foreach (double level in new[] { 4, 0.5, 2, 1 }) // written out of order: strata are sorted numerically
        {
            double effect = level switch { 0.5 => +10, 1 => 0, _ => -10 };
            for (int rep = 0; rep < 12; rep++)
            {
                double noise = ((rep * 7919) % 13) - 6;
                foreach (string arm in new[] { "single", "co" })
                {
                    var cells = Enumerable.Repeat("0", header.Count).ToArray();
                    cells[0] = id.ToString(CultureInfo.InvariantCulture);
                    cells[2] = rep.ToString(CultureInfo.InvariantCulture);
                    cells[5] = arm;
                    cells[6] = level.ToString(CultureInfo.InvariantCulture);
                    double jitter = arm == "co" ? ((rep % 3) - 1) * 0.5 : 0;
                    cells[deaths] = (100 * level + noise + (arm == "co" ? effect + jitter : 0)).ToString(CultureInfo.InvariantCulture);
                    cells[status] = "ok";
                    cells[^1] = "";
                    csv.Append(string.Join(",", cells)).Append('\n');
                    id++;
                }
            }
        }

        string path = Path.Combine(dir, "runs.csv");
        File.WriteAllText(path, csv.ToString());
        return RunsTableFile.Read(path);
    }

    [Test]
    public void EachLevelIsComparedOnItsOwnAndTheThresholdIsWhereTheGainStaysSignificant()
    {
        using var tmp = new TempDir();
        var table = Synthetic(tmp.Path);
        var (rows, baseline) = Comparison.Compute(table, ["arm"], ["deaths_civilian"], "single", ["population.scale"]);

        Assert.That(baseline, Is.EqualTo("single"));
        var co = rows.Where(r => !r.IsBaseline).ToList();
        Assert.That(co.Select(r => r.Stratum[0]), Is.EqualTo(new[] { "0.5", "1", "2", "4" }), "strata in numeric order");
        Assert.That(co.Select(r => r.Paired!.Value.MeanDifference), Is.EqualTo(new[] { 10.0, 0, -10, -10 }).Within(1e-9),
            "each level's own paired difference, not pooled over levels");
        Assert.That(co.All(r => r.Paired!.Value.Pairs == 12), "pairs within a level only");

        var threshold = Comparison.Thresholds(rows).Single();
        Assert.Multiple(() =>
        {
            Assert.That(threshold.Better, Is.EqualTo("lower"));
            Assert.That(threshold.Threshold, Is.EqualTo("2"));
            Assert.That(threshold.Favourable.Select(f => f.Verdict), Is.EqualTo(new[] { -1, 0, +1, +1 }));
        });
    }

    [Test]
    public void WithoutStrataTheLevelsArePairedAsOtherFactors()
    {
        using var tmp = new TempDir();
        var table = Synthetic(tmp.Path);
        var (rows, _) = Comparison.Compute(table, ["arm"], ["deaths_civilian"], "single");
        var co = rows.Single(r => !r.IsBaseline);
        Assert.That(co.Stratum, Is.Empty);
        Assert.That(co.Paired!.Value.Pairs, Is.EqualTo(48));
        Assert.That(co.Paired!.Value.MeanDifference, Is.EqualTo(-2.5).Within(1e-9), "(10 + 0 − 10 − 10) / 4");
    }

    [Test]
    public void CompareWithinWritesTheStratumColumnAndThresholds()
    {
        using var tmp = new TempDir();
        Synthetic(tmp.Path);
        var r = CliRunner.Run("compare", tmp.Path, "--within", "population.scale", "--metric", "deaths_civilian", "--baseline", "single", "--out", Path.Combine(tmp.Path, "c"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("within population.scale = 0.5").And.Contain("from 2"));
        var comparison = RunsTableFile.Read(Path.Combine(tmp.Path, "c", "comparison.csv"));
        Assert.That(comparison.Header[..2], Is.EqualTo(new[] { "population.scale", "arm" }));
        Assert.That(comparison.Rows, Has.Count.EqualTo(8));
        var thresholds = RunsTableFile.Read(Path.Combine(tmp.Path, "c", "thresholds.csv"));
        var row = thresholds.Rows.Single();
        Assert.That(row[thresholds.Column("threshold")], Is.EqualTo("2"));
        Assert.That(row[thresholds.Column("favourable_levels")], Is.EqualTo("2;4"));
        Assert.That(row[thresholds.Column("unfavourable_levels")], Is.EqualTo("0.5"));
        // Four levels: the knee of the differences (+10, 0, -10, -10) lies between the lowest and the third-highest.
        double knee = ResultTable.Number(row[thresholds.Column("breakpoint")]);
        Assert.That(knee, Is.InRange(0.5, 2));
        Assert.That(ResultTable.Number(row[thresholds.Column("breakpoint_ci_low")]), Is.LessThanOrEqualTo(knee));
        Assert.That(r.Stdout, Does.Contain("knee ").And.Contain("slope "));
    }

    [Test]
    public void CompareWithinRejectsAColumnThatIsNotThere()
    {
        using var tmp = new TempDir();
        Synthetic(tmp.Path);
        var r = CliRunner.Run("compare", tmp.Path, "--within", "population.scael");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("--within population.scael: no such column").And.Not.Contain("   at "));
    }

    [Test]
    public void TheExperimentsCompareSectionDrivesTheClosingComparisonFiguresAndReport()
    {
        using var tmp = new TempDir();
        string exp = Path.Combine(tmp.Path, "e.yaml");
        File.WriteAllText(exp, """
            name: strata
            master_seed: 5
            replicates: 3
            fixed: {time.horizon_h: 12, population.scale_mode: demand}
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
                platform: {governance.mode: co-governance, governance.communication: platform}
              factors:
                population.scale: [0.2, 0.4]
            compare:
              by: arm
              within: population.scale
              baseline: single
              metrics: [deaths_civilian, unmet_need_hours]
            """);
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("Against single:").And.Contain("within each level of population.scale").And.Contain("Where each group starts to pay off"));
        Assert.That(File.Exists(Path.Combine(tmp["o"], "thresholds.csv")));
        Assert.That(File.Exists(Path.Combine(tmp["o"], "figures", "difference-unmet_need_hours-by-population_scale.svg")));
        string report = File.ReadAllText(Path.Combine(tmp["o"], "report.html"));
        Assert.That(report, Does.Contain("Where each group pays off along population.scale").And.Contain("population.scale = 0.4 | platform"));
    }

    [TestCase("compare: {within: population.scael}", "compare.within: 'population.scael' is not a column of the design; did you mean 'population.scale'?")]
    [TestCase("compare: {by: arm, within: arm}", "compare.within: 'arm' is also in compare.by")]
    [TestCase("compare: {baseline: singel}", "compare.baseline: 'singel' is not a group of arm")]
    [TestCase("compare: {metrics: [deaths]}", "compare.metrics: 'deaths' is not a metric of runs.csv")]
    [TestCase("compare: {within: population.scale, stratify: true}", "compare.stratify: unknown key 'stratify'")]
    public void ABadCompareSectionIsReportedWithItsPlace(string section, string expected)
    {
        using var tmp = new TempDir();
        string exp = Path.Combine(tmp.Path, "e.yaml");
        File.WriteAllText(exp, """
            name: bad
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
              factors:
                population.scale: [0.2, 0.4]

            """ + section + "\n");
        var r = CliRunner.Run("sweep", exp, "--dry-run");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain("e.yaml:8:").And.Contain(expected));
    }
}
