using System.Diagnostics;
using System.Text;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>Ways to lose or corrupt results found by an adversarial review of the output and resume mechanisms, each pinned.</summary>
public class ReviewFindingsTests
{
    private static string Sweep(TempDir tmp, string name, params string[] extra)
    {
        string exp = tmp["e.yaml"];
        if (!File.Exists(exp))
        {
            File.WriteAllText(exp, OutputSafetyTests.Tiny.Replace("replicates: 2", "replicates: 3", StringComparison.Ordinal));
        }

        var r = CliRunner.Run(["sweep", exp, "--out", tmp[name], "--ticks-every", "4", .. extra]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return tmp[name];
    }

    [Test]
    public void AManifestWithARepeatedKeyIsAMessageNotACrash()
    {
        using var tmp = new TempDir();
        string o = Sweep(tmp, "o");
        string json = File.ReadAllText(Path.Combine(o, "sweep.json"));
        File.WriteAllText(Path.Combine(o, "sweep.json"), json.Replace("\"runs\": 6,", "\"runs\": 6,\n  \"runs\": 6,", StringComparison.Ordinal));
        foreach (var args in new[] { new[] { "sweep", tmp["e.yaml"], "--out", o, "--ticks-every", "4", "--resume" }, ["merge", o, "--out", tmp["m"]], ["report", o, "--out", tmp["r.html"]], ["sensitivity", o] })
        {
            var r = CliRunner.Run(args);
            Assert.That(r.ExitCode, Is.EqualTo(2), args[0] + ": " + r.Stderr);
            Assert.That(r.Stderr, Does.Contain("sweep.json"), args[0]);
        }
    }

    [Test]
    public void AnUndecodableByteInATickRowIsCutAtTheRowItBelongsTo()
    {
        using var tmp = new TempDir();
        string reference = Sweep(tmp, "ref");
        string o = tmp["o"];
        ResumeAndMergeVerificationTests.CopyFolder(reference, o);
        byte[] ticks = File.ReadAllBytes(Path.Combine(o, "ticks.csv"));
        int at = Encoding.ASCII.GetString(ticks).IndexOf("\r\n3,", StringComparison.Ordinal) + 2;
        ticks[at] = 0xFF; // run 3's first tick row now starts with a byte that is not UTF-8
        File.WriteAllBytes(Path.Combine(o, "ticks.csv"), ticks);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(o, "ticks.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, "ticks.csv"))));
    }

    [Test]
    public void ShardsOfARelativeExperimentPathMergeFromAnyFolder()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["x"]);
        File.Copy(Repo.PathOf("scenarios", "tianjin-8-12.yaml"), tmp["x/sc.yaml"]);
        File.WriteAllText(tmp["x/exp.yaml"], OutputSafetyTests.Tiny.Replace("scenario: built-in", "scenario: sc.yaml", StringComparison.Ordinal));
        for (int i = 0; i < 2; i++)
        {
            var s = CliRunner.RunProcess(["sweep", "x/exp.yaml", "--out", $"sh/s{i}", "--shard", $"{i}/2"], tmp.Path);
            Assert.That(s.ExitCode, Is.Zero, s.Stderr);
        }

        var r = CliRunner.RunProcess(["merge", tmp["sh"], "--out", tmp["m"]], Path.GetTempPath());
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
    }

    [Test]
    public void AnOutputNameWithWildcardsNeverTouchesAnotherWritersStaging()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp[".r1.partial-999999"]);
        File.WriteAllText(tmp[".r1.partial-999999/runs.csv"], "another writer's");
        var r = CliRunner.Run("run", "--set", "time.horizon_h=1", "--set", "population.scale=0.05", "--out", tmp["r?"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(tmp[".r1.partial-999999/runs.csv"]), Is.True, "'r?' is a name, not a pattern");
    }

    [Test]
    public void AReportNeverReplacesAFifoOrADeviceEvenWithForce()
    {
        using var tmp = new TempDir();
        string o = Sweep(tmp, "o");
        using (var mk = Process.Start("mkfifo", [tmp["pipe.html"]]))
        {
            mk.WaitForExit();
        }

        var r = CliRunner.Run("report", o, "--out", tmp["pipe.html"], "--force");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("FIFO"));
        Assert.That(new FileInfo(tmp["pipe.html"]).Length, Is.Zero, "still the pipe");
    }

    [Test]
    public void ResultTablesThatAreFifosAreRefusedInsteadOfBlocking()
    {
        using var tmp = new TempDir();
        string o = Sweep(tmp, "o");
        File.Delete(Path.Combine(o, "runs.csv"));
        using (var mk = Process.Start("mkfifo", [Path.Combine(o, "runs.csv")]))
        {
            mk.WaitForExit();
        }

        foreach (var args in new[] { new[] { "plot", o, "--out", tmp["f"] }, ["compare", o, "--out", tmp["c"]], ["report", o, "--out", tmp["r.html"]], ["merge", o, "--out", tmp["m"]], ["sweep", tmp["e.yaml"], "--out", o, "--ticks-every", "4", "--resume"] })
        {
            var r = CliRunner.RunProcess(args);
            Assert.That(r.ExitCode, Is.EqualTo(2), args[0] + ": " + r.Stderr);
            Assert.That(r.Stderr, Does.Contain("FIFO").And.Not.Contain("   at "), args[0]);
        }
    }

    [Test]
    public void SlurmForceOnItsOwnFolderRewritesTheScriptsAndKeepsFinishedShards()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], OutputSafetyTests.Tiny);
        Assert.That(CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["cl"]).ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["cl/shards/shard-0"], "--shard", "0/2").ExitCode, Is.Zero);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["cl"], "--time", "2:00:00", "--force");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(tmp["cl/shards/shard-0/runs.csv"]), Is.True, "a finished shard is hours of work: kept");
        Assert.That(File.ReadAllText(tmp["cl/array.sbatch"]), Does.Contain("#SBATCH --time=2:00:00"));
    }

    [Test]
    public void AMergedSweepBesideItsShardsIsNotTakenForAShard()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["sh"]);
        File.WriteAllText(tmp["e.yaml"], OutputSafetyTests.Tiny);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"sh/s{i}"], "--shard", $"{i}/2").ExitCode, Is.Zero);
        }

        Assert.That(CliRunner.Run("merge", tmp["sh"], "--out", tmp["sh/merged"]).ExitCode, Is.Zero);
        var again = CliRunner.Run("merge", tmp["sh"], "--out", tmp["m2"]);
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(File.ReadAllBytes(tmp["m2/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["sh/merged/runs.csv"])));
    }

    [Test]
    public void TheResumeHintIsQuotedSoAPathWithSpacesCanBePasted()
    {
        Assert.That(CrisisSim.Cli.Shell.Quote("/tmp/my res/ü x"), Is.EqualTo("'/tmp/my res/ü x'"));
        Assert.That(CrisisSim.Cli.Shell.Quote("it's"), Is.EqualTo("'it'\\''s'"));
        Assert.That(CrisisSim.Cli.Shell.Quote("/plain/path-1.yaml"), Is.EqualTo("/plain/path-1.yaml"));
    }

    [Test]
    public void SlurmLogPathsAreQuotedAndPercentSignsEscaped()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], OutputSafetyTests.Tiny);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["sp ace/100%"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["sp ace/100%/array.sbatch"]), Does.Contain($"#SBATCH --output=\"{tmp.Path}/sp ace/100%%/logs/shard-%A_%a.out\""));
    }
}
