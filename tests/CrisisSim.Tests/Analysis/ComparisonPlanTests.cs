using CrisisSim.Cli.Output;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// One comparison everywhere: the sweep's closing comparison, <c>crisissim compare DIR</c> without options and the
/// same on the merge of its shards (what the Slurm merge job runs) give the same comparison.csv and thresholds.csv,
/// byte for byte, from the experiment's compare section, which sweep.json records; an option overrides only its own part.
/// </summary>
public class ComparisonPlanTests
{
    private const string Experiment = """
        name: one-comparison
        scenario: built-in
        master_seed: 11
        replicates: 3
        fixed: {time.horizon_h: 8, population.scale_mode: demand}
        design:
          kind: factorial
          arms:
            co: {governance.mode: co-governance}
            single: {governance.mode: single-government}
          factors:
            population.scale: [0.2, 0.4]
        compare:
          by: arm
          within: population.scale
          baseline: single
          metrics: [deaths_civilian, rescued, info_latency_mean_h]
        """;

    [Test]
    public void TheSweepCompareAndAMergedClusterRunGiveOneComparison()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["sweep"]).ExitCode, Is.Zero);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"shards/s{i}"], "--shard", $"{i}/2").ExitCode, Is.Zero);
        }

        Assert.That(CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged"]).ExitCode, Is.Zero);
        var again = CliRunner.Run("compare", tmp["sweep"], "--out", tmp["again"]);
        var merged = CliRunner.Run("compare", tmp["merged"], "--out", tmp["merged-compare"]);
        Assert.That(again.ExitCode + merged.ExitCode, Is.Zero, again.Stderr + merged.Stderr);
        foreach (string file in new[] { "comparison.csv", "thresholds.csv" })
        {
            byte[] sweep = File.ReadAllBytes(tmp["sweep/" + file]);
            Assert.That(File.ReadAllBytes(tmp["again/" + file]), Is.EqualTo(sweep), "compare DIR: " + file);
            Assert.That(File.ReadAllBytes(tmp["merged-compare/" + file]), Is.EqualTo(sweep), "compare of the merged shards: " + file);
        }

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp["sweep/sweep.json"]));
        var recorded = manifest.RootElement.GetProperty("comparison");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recorded.GetProperty("by").EnumerateArray().Select(x => x.GetString()), Is.EqualTo(new[] { "arm" }));
            Assert.That(recorded.GetProperty("within").EnumerateArray().Select(x => x.GetString()), Is.EqualTo(new[] { "population.scale" }));
            Assert.That(recorded.GetProperty("baseline").GetString(), Is.EqualTo("single"));
            Assert.That(recorded.GetProperty("metrics").EnumerateArray().Select(x => x.GetString()), Is.EqualTo(new[] { "deaths_civilian", "rescued", "info_latency_mean_h" }));
            Assert.That(recorded.GetProperty("interaction").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(File.ReadAllText(tmp["merged/sweep.json"]), Does.Contain("\"comparison\""), "the merge keeps it");
        }

        var rows = RunsTableFile.Read(tmp["sweep/comparison.csv"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Header[..2], Is.EqualTo(new[] { "population.scale", "arm" }), "within the demand levels, as the experiment says");
            Assert.That(rows.Rows.Select(r => r[rows.Column("metric")]).Distinct(), Is.EqualTo(new[] { "deaths_civilian", "rescued", "info_latency_mean_h" }), "its metrics: the Holm family");
            Assert.That(rows.Rows.Select(r => r[rows.Column("baseline")]).Distinct(), Is.EqualTo(new[] { "single" }));
        }
    }

    [Test]
    public void AnOptionOverridesOnlyItsOwnPart()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["sweep"]).ExitCode, Is.Zero);
        var metric = CliRunner.Run("compare", tmp["sweep"], "--metric", "deaths_responder", "--out", tmp["m"]);
        var by = CliRunner.Run("compare", tmp["sweep"], "--by", "population.scale", "--out", tmp["b"]);
        Assert.That(metric.ExitCode + by.ExitCode, Is.Zero, metric.Stderr + by.Stderr);
        var m = RunsTableFile.Read(tmp["m/comparison.csv"]);
        var b = RunsTableFile.Read(tmp["b/comparison.csv"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Rows.Select(r => r[m.Column("metric")]).Distinct(), Is.EqualTo(new[] { "deaths_responder" }));
            Assert.That(m.Header[0], Is.EqualTo("population.scale"), "--metric keeps the sweep's strata");
            Assert.That(m.Rows.Select(r => r[m.Column("baseline")]).Distinct(), Is.EqualTo(new[] { "single" }), "and its baseline");
            Assert.That(b.Rows.Select(r => r[b.Column("baseline")]).Distinct(), Is.EqualTo(new[] { "0.2" }), "new groups drop the sweep's baseline: the first group");
            Assert.That(b.Rows.Select(r => r[b.Column("metric")]).Distinct(), Is.EqualTo(new[] { "deaths_civilian", "rescued", "info_latency_mean_h" }), "but keep its metrics");
        }
    }
}
