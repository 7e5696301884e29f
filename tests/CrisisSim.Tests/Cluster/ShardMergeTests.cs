using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cluster;

/// <summary>Sharded sweeps merge back into exactly what one machine writes; bad shard sets are refused by name.</summary>
public class ShardMergeTests
{
    private const string Experiment = """
        name: shards
        master_seed: 11
        replicates: 5
        fixed: {time.horizon_h: 8, population.scale: 0.15}
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            liaison: {governance.mode: co-governance, governance.communication: liaison}
          factors:
            governance.trust: [0.4, 0.8]
        """;

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    public void ShardsMergeToTheBytesOfASingleMachineSweep(int shards)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["single"], "--ticks-every", "12").ExitCode, Is.Zero);
        for (int i = 0; i < shards; i++)
        {
            var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"shards/s{i}"], "--shard", $"{i}/{shards}", "--ticks-every", "12");
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            var ids = File.ReadAllLines(tmp[$"shards/s{i}/runs.csv"]).Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(ids.All(id => id % shards == i), Is.True, "a shard holds the runs with run_id mod N = I (interleaved)");
        }

        var merge = CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged"]);
        Assert.That(merge.ExitCode, Is.Zero, merge.Stderr);
        foreach (string file in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp[$"merged/{file}"]), Is.EqualTo(File.ReadAllBytes(tmp[$"single/{file}"])), file);
        }
    }

    [Test]
    public void MergeRefusesMissingDuplicateForeignAndUnfinishedShards()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        File.WriteAllText(tmp["other.yaml"], Experiment.Replace("master_seed: 11", "master_seed: 12", StringComparison.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"s{i}"], "--shard", $"{i}/3").ExitCode, Is.Zero);
        }

        Assert.That(CliRunner.Run("sweep", tmp["other.yaml"], "--out", tmp["foreign"], "--shard", "1/3").ExitCode, Is.Zero);

        var missing = CliRunner.Run("merge", tmp["s0"], tmp["s2"], "--out", tmp["m1"]);
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("missing shard(s) 1/3"));

        var duplicate = CliRunner.Run("merge", tmp["s0"], tmp["s1"], tmp["s1"], tmp["s2"], "--out", tmp["m2"]);
        Assert.That(duplicate.ExitCode, Is.EqualTo(2));
        Assert.That(duplicate.Stderr, Does.Contain("shard 1/3 is given more than once"));

        var foreign = CliRunner.Run("merge", tmp["s0"], tmp["foreign"], tmp["s2"], "--out", tmp["m3"]);
        Assert.That(foreign.ExitCode, Is.EqualTo(2));
        Assert.That(foreign.Stderr, Does.Contain("belongs to another experiment").And.Contain("foreign"));

        File.Move(tmp["s2/runs.csv"], tmp["s2/runs.csv.partial"]);
        var unfinished = CliRunner.Run("merge", tmp["s0"], tmp["s1"], tmp["s2"], "--out", tmp["m4"]);
        Assert.That(unfinished.ExitCode, Is.EqualTo(2));
        Assert.That(unfinished.Stderr, Does.Contain("is not finished").And.Contain("--shard 2/3 --resume"));
        Assert.That(new[] { "m1", "m2", "m3", "m4" }.Any(d => Directory.Exists(tmp[d])), Is.False, "nothing is written for a refused merge");
    }

    [Test]
    public void MergeCompareEndsAsTheSingleMachineSweepDoes()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["single"], "--format", "parquet").ExitCode, Is.Zero);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"shards/s{i}"], "--shard", $"{i}/2").ExitCode, Is.Zero);
        }

        var merge = CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged"], "--compare", "--format", "parquet");
        Assert.That(merge.ExitCode, Is.Zero, merge.Stderr);
        foreach (string file in new[] { "runs.csv", "comparison.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp[$"merged/{file}"]), Is.EqualTo(File.ReadAllBytes(tmp[$"single/{file}"])), file);
        }

        Assert.That(File.Exists(tmp["merged/runs.parquet"]) && File.Exists(tmp["merged/report.html"]), Is.True);
        Assert.That(Directory.GetFiles(tmp["merged/figures"], "forest-*.png"), Is.Not.Empty);
        Assert.That(File.ReadAllText(tmp["merged/sweep.json"]), Does.Contain("\"comparison.csv\"").And.Contain("\"report.html\"").And.Contain("\"runs.parquet\""));
        Assert.That(merge.Stdout, Does.Contain("report: "));

        var noReport = CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged2"], "--compare", "--no-report");
        Assert.That(noReport.ExitCode, Is.Zero, noReport.Stderr);
        Assert.That(File.Exists(tmp["merged2/comparison.csv"]) && !File.Exists(tmp["merged2/report.html"]), Is.True);
    }

    [Test]
    public void ABadShardSpecIsAUsageError()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        foreach (string spec in new[] { "3/3", "1", "-1/3", "a/b", "0/0" })
        {
            var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["o"], "--shard", spec);
            Assert.That(r.ExitCode, Is.EqualTo(2), spec);
            Assert.That(r.Stderr, Does.Contain("--shard"), spec);
        }
    }

    [Test]
    public void SlurmWritesAnArrayAMergeJobAndASubmitScript()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "4", "--out", tmp["job"], "--partition", "short", "--time", "00:20:00", "--cpus", "2", "--mem", "2G");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string array = File.ReadAllText(tmp["job/array.sbatch"]);
        Assert.That(array, Does.Contain("#SBATCH --array=0-3").And.Contain("#SBATCH --partition=short").And.Contain("#SBATCH --time=00:20:00")
            .And.Contain("#SBATCH --cpus-per-task=2").And.Contain("#SBATCH --mem=2G").And.Contain("--shard $shard/4").And.Contain("--resume"));
        Assert.That(File.ReadAllText(tmp["job/submit.sh"]), Does.Contain("--dependency=afterany:"));
        Assert.That(File.ReadAllText(tmp["job/merge.sbatch"]), Does.Contain(" merge ").And.Contain("/merged"));
        Assert.That(r.Stdout, Does.Contain("submit with:"));
    }
}
