using System.Diagnostics;
using System.Text.Json;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Experiments;

/// <summary>`crisissim sweep` as researchers use it: determinism across threads, resume after a kill, clear errors.</summary>
public class SweepCommandTests
{
    private const string Small = """
        name: small
        scenario: built-in
        master_seed: 99
        replicates: 4
        fixed:
          time.horizon_h: 12
          population.scale: 0.2
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
          factors:
            governance.trust: [0.3, 0.9]
        """;

    private static string Write(TempDir tmp, string name, string text)
    {
        string path = tmp[name];
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void ResultsAreByteIdenticalWhateverTheThreadCount()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        var one = CliRunner.Run("sweep", exp, "--out", tmp["t1"], "--threads", "1", "--ticks-every", "6");
        var four = CliRunner.Run("sweep", exp, "--out", tmp["t4"], "--threads", "4", "--ticks-every", "6");
        Assert.That(one.ExitCode, Is.Zero, one.Stderr);
        Assert.That(four.ExitCode, Is.Zero, four.Stderr);
        foreach (string file in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(tmp["t4"], file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(tmp["t1"], file))), file);
        }

        var rows = File.ReadAllLines(tmp["t1/runs.csv"]);
        Assert.That(rows[0], Does.StartWith("run_id,point_id,replicate,seed,seed_hex,arm,governance.trust,deaths_civilian"));
        Assert.That(rows, Has.Length.EqualTo(1 + (4 * 4)));
        Assert.That(rows.Skip(1).Select(r => long.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(0, 16).Select(i => (long)i)), "rows in run_id order");
    }

    [Test]
    public void ReplicatesShareASeedAcrossArmsAndDifferBetweenThemselves()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["o"]).ExitCode, Is.Zero);
        var rows = File.ReadAllLines(tmp["o/runs.csv"]).Skip(1).Select(l => l.Split(',')).ToList();
        var seedByReplicate = rows.GroupBy(r => r[2]).ToDictionary(g => g.Key, g => g.Select(r => r[3]).Distinct().ToList());
        Assert.That(seedByReplicate.Values.All(s => s.Count == 1), Is.True, "every point of a replicate has the same seed (common random numbers)");
        Assert.That(seedByReplicate.Values.Select(s => s[0]).Distinct().Count(), Is.EqualTo(4), "replicates have distinct seeds");
        Assert.That(rows.Select(r => r[3]).All(s => ulong.TryParse(s, out _)), Is.True, "seeds are recorded in each row");
    }

    [Test]
    public void NoReportSkipsTheFiguresAndReportButKeepsTheComparison()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small.Replace("time.horizon_h: 12", "time.horizon_h: 3", StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--no-report");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(tmp["o/comparison.csv"]), Is.True, "the comparison is still written");
        Assert.That(File.Exists(tmp["o/report.html"]) || Directory.Exists(tmp["o/figures"]), Is.False, "no figures and no report");
        Assert.That(r.Stdout, Does.Contain("figures and report: crisissim report " + tmp["o"]));
        using var manifest = JsonDocument.Parse(File.ReadAllText(tmp["o/sweep.json"]));
        var outputs = manifest.RootElement.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.That(outputs, Does.Contain("comparison.csv").And.Not.Contain("report.html"), "the manifest lists only what was written");
        Assert.That(CliRunner.Run("report", tmp["o"]).ExitCode, Is.Zero, "the report can be drawn afterwards");
        Assert.That(File.Exists(tmp["o/report.html"]), Is.True);
    }

    [Test]
    public void DryRunPrintsTheDesignAndWritesNothing()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        var r = CliRunner.Run("sweep", exp, "--out", tmp["never"], "--dry-run");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("4 points × 4 replicates = 16 runs").And.Contain("governance.trust: 0.3, 0.9").And.Contain("estimate"));
        Assert.That(Directory.Exists(tmp["never"]), Is.False);
    }

    [Test]
    public void KilledAtRandomMomentsThenResumedGivesTheSameBytes()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "kill.yaml", Small.Replace("replicates: 4", "replicates: 12", StringComparison.Ordinal));
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["reference"], "--threads", "2", "--ticks-every", "3").ExitCode, Is.Zero);
        var random = new Random(20151208);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string dir = tmp[$"killed{attempt}"];
            int killAfter = random.Next(1, 40);
            using (var p = CliRunner.Start(["sweep", exp, "--out", dir, "--threads", "2", "--ticks-every", "3"]))
            {
                var clock = Stopwatch.StartNew();
                string partial = Path.Combine(dir, "runs.csv.partial");
                while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && (!File.Exists(partial) || LineCount(partial) < killAfter))
                {
                    Thread.Sleep(5);
                }

                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
                }

                p.WaitForExit();
            }

            var resumed = CliRunner.Run("sweep", exp, "--out", dir, "--threads", "1", "--ticks-every", "3", "--resume");
            Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
            foreach (string file in new[] { "runs.csv", "ticks.csv" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(dir, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(tmp["reference"], file))), $"{file} after a kill at ~{killAfter} rows");
            }

            Assert.That(File.Exists(Path.Combine(dir, "runs.csv.partial")), Is.False);
        }
    }

    [Test]
    public void ATornLastRowIsCutOffOnResume()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["ref"], "--ticks-every", "6").ExitCode, Is.Zero);

        // Simulate a crash mid-write: 5 complete rows, then half of the 6th; ticks of 6 runs, the last one partial.
        Directory.CreateDirectory(tmp["torn"]);
        File.Copy(tmp["ref/sweep.json"], tmp["torn/sweep.json"]);
        var runs = File.ReadAllText(tmp["ref/runs.csv"]).Split("\r\n");
        File.WriteAllText(tmp["torn/runs.csv.partial"], string.Join("\r\n", runs.Take(6)) + "\r\n" + runs[6][..(runs[6].Length / 2)]);
        var ticks = File.ReadAllText(tmp["ref/ticks.csv"]).Split("\r\n");
        int keep = ticks.TakeWhile(l => l.Length == 0 || !l.StartsWith("6,", StringComparison.Ordinal)).Count() - 1;
        File.WriteAllText(tmp["torn/ticks.csv.partial"], string.Join("\r\n", ticks.Take(keep)) + "\r\n" + ticks[keep][..5]);
        ResetManifest(tmp["torn/sweep.json"]);

        var r = CliRunner.Run("sweep", exp, "--out", tmp["torn"], "--ticks-every", "6", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("5 of 16 runs were already done"));
        Assert.That(File.ReadAllBytes(tmp["torn/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["ref/runs.csv"])));
        Assert.That(File.ReadAllBytes(tmp["torn/ticks.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["ref/ticks.csv"])));
    }

    [Test]
    public void CtrlCStopsCleanlyAndSaysHowToResume()
    {
        InheritedSignals.AssumeSigIntDeliverable();
        using var tmp = new TempDir();
        string exp = Write(tmp, "int.yaml", Small.Replace("replicates: 4", "replicates: 30", StringComparison.Ordinal));
        using var p = CliRunner.Start(["sweep", exp, "--out", tmp["o"], "--threads", "2"]);
        string partial = tmp["o/runs.csv.partial"];
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && (!File.Exists(partial) || LineCount(partial) < 4))
        {
            Thread.Sleep(5);
        }

        Assert.That(p.HasExited, Is.False, "the sweep finished before it could be interrupted");
        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(130), stderr);
        Assert.That(stderr, Does.Contain("interrupted:").And.Contain("--resume"));
        var resumed = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(File.ReadAllLines(tmp["o/runs.csv"]), Has.Length.EqualTo(1 + (4 * 30)));
    }

    [Test]
    public void ResumingAChangedExperimentIsRefused()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["o"]).ExitCode, Is.Zero);
        File.Delete(tmp["o/runs.csv"]);
        ResetManifest(tmp["o/sweep.json"]);
        File.WriteAllText(exp, Small.Replace("[0.3, 0.9]", "[0.3, 0.8]", StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--resume");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("refusing to resume").And.Contain("changed"));
    }

    [Test]
    public void AnExistingFolderIsNotReusedWithoutResumeOrForce()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["o"]).ExitCode, Is.Zero);
        var again = CliRunner.Run("sweep", exp, "--out", tmp["o"]);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("--resume").And.Contain("--force"));
        var done = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--resume");
        Assert.That(done.ExitCode, Is.Zero);
        Assert.That(done.Stdout, Does.Contain("already complete"));
    }

    [Test]
    public void ProgressJsonPrintsJsonLines()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "small.yaml", Small);
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--progress", "json");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var last = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var doc = JsonDocument.Parse(last);
        Assert.That(doc.RootElement.GetProperty("done").GetInt32(), Is.EqualTo(16));
        Assert.That(doc.RootElement.GetProperty("total").GetInt32(), Is.EqualTo(16));
        Assert.That(doc.RootElement.GetProperty("final").GetBoolean(), Is.True);
    }

    [TestCase("name: x\ndesign:\n  kind: factorail\n  factors:\n    governance.trust: [0.5]\n", 3, "design.kind", "did you mean 'factorial'")]
    [TestCase("name: x\nreplicats: 3\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.5]\n", 2, "replicats", "did you mean 'replicates'")]
    [TestCase("name: x\ndesign:\n  kind: factorial\n  factors:\n    governance.trsut: [0.5]\n", 5, "design.factors.governance.trsut", "did you mean 'trust'")]
    [TestCase("name: x\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.5, 1.5]\n", 5, "design.factors.governance.trust", "out of range")]
    [TestCase("name: x\ndesign:\n  kind: lhs\n  samples: 10\n  factors:\n    governance.trust: {min: 0.9, max: 0.3}\n", 6, "design.factors.governance.trust", "must be below max")]
    [TestCase("name: x\ndesign:\n  kind: morris\n  trajectories: 4\n  levels: 5\n  factors:\n    governance.trust: {min: 0.1, max: 0.9}\n", 5, "design.levels", "even number")]
    [TestCase("name: x\ndesign:\n  kind: sobol\n  factors:\n    governance.trust: {min: 0.1, max: 0.9}\n", 3, "design.samples", "required key 'samples'")]
    [TestCase("name: x\ndesign:\n  kind: lhs\n  samples: 4\n  factors:\n    governance.mode: {min: 0, max: 1}\n", 6, "design.factors.governance.mode", "not a number")]
    [TestCase("name: x\nreplicates: 1000000\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: {min: 0, max: 1, step: 0.001}\n", 1, "design", "--allow-large")]
    public void ExperimentErrorsNameTheLineAndKeyPath(string text, int line, string path, string fragment)
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "bad.yaml", text);
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain($"{exp}:{line}:"));
        Assert.That(r.Stderr, Does.Contain(path + ":"));
        Assert.That(r.Stderr, Does.Contain(fragment));
        Assert.That(r.Stderr, Does.Not.Contain("   at "));
        Assert.That(Directory.Exists(tmp["o"]), Is.False, "nothing is written for a bad experiment");
    }

    [Test]
    public void TheShippedExperimentsAreValid()
    {
        foreach (string file in Directory.GetFiles(Repo.PathOf("scenarios", "experiments"), "*.yaml"))
        {
            // a calibration file (priors:, no design:) is run by calibrate, which sweep says
            bool calibration = File.ReadAllText(file).Contains("\npriors:", StringComparison.Ordinal);
            var r = calibration ? CliRunner.Run("calibrate", file, "--out", "unused", "--dry-run") : CliRunner.Run("sweep", file, "--dry-run");
            Assert.That(r.ExitCode, Is.Zero, $"{file}: {r.Stderr}");
            if (calibration)
            {
                var sweep = CliRunner.Run("sweep", file, "--dry-run");
                Assert.That(sweep.ExitCode, Is.EqualTo(2));
                Assert.That(sweep.Stderr, Does.Contain("is a calibration file").And.Contain("crisissim calibrate"));
            }
        }
    }

    [Test]
    public void SensitivityOfAMorrisSweepWritesIndicesForEveryFactor()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "m.yaml", """
            name: m
            master_seed: 3
            replicates: 1
            fixed: {time.horizon_h: 12, population.scale: 0.2}
            design:
              kind: morris
              trajectories: 3
              levels: 4
              factors:
                governance.trust: {min: 0.3, max: 0.9}
                communication.hierarchy.delay_h: {min: 0.5, max: 2}
            """);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["o"]).ExitCode, Is.Zero);
        var r = CliRunner.Run("sensitivity", tmp["o"], "--metric", "info_latency_mean_h");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = File.ReadAllLines(tmp["o/sensitivity.csv"]);
        Assert.That(lines[0], Is.EqualTo("metric,factor,method,mu_star,mu,sigma,effects"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[1]), Is.EquivalentTo(new[] { "governance.trust", "communication.hierarchy.delay_h" }));
        Assert.That(lines.Skip(1).All(l => l.Split(',')[6] == "3"), Is.True, "one elementary effect per factor per trajectory");
        var notMorris = CliRunner.Run("sweep", Write(tmp, "s.yaml", Small), "--out", tmp["f"]);
        Assert.That(notMorris.ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("sensitivity", tmp["f"]).ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AFailureCountAfterResumeReadsTheStatusColumnNotTheText()
    {
        // An arm named "failed" must not be mistaken for failed runs when a resumed sweep counts them.
        using var tmp = new TempDir();
        string exp = Write(tmp, "f.yaml", Small.Replace("platform: {", "failed: {", StringComparison.Ordinal));
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["ref"]).ExitCode, Is.Zero);
        Directory.CreateDirectory(tmp["cut"]);
        File.Copy(tmp["ref/sweep.json"], tmp["cut/sweep.json"]);
        ResetManifest(tmp["cut/sweep.json"]);
        File.WriteAllLines(tmp["cut/runs.csv.partial"], File.ReadAllLines(tmp["ref/runs.csv"]).Take(9));
        File.WriteAllText(tmp["cut/runs.csv.partial"], File.ReadAllText(tmp["cut/runs.csv.partial"]).Replace("\n", "\r\n", StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", exp, "--out", tmp["cut"], "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain(", 0 failed"));
    }

    [Test]
    public void TheResumeHintCarriesTicksEvery()
    {
        InheritedSignals.AssumeSigIntDeliverable();
        using var tmp = new TempDir();
        string exp = Write(tmp, "int.yaml", Small.Replace("replicates: 4", "replicates: 30", StringComparison.Ordinal));
        using var p = CliRunner.Start(["sweep", exp, "--out", tmp["o"], "--threads", "2", "--ticks-every", "6"]);
        string partial = tmp["o/runs.csv.partial"];
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && (!File.Exists(partial) || LineCount(partial) < 3))
        {
            Thread.Sleep(5);
        }

        using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(stderr, Does.Contain("--ticks-every 6 --resume"));
    }

    private static int LineCount(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int n = 0;
            int b;
            while ((b = s.ReadByte()) >= 0)
            {
                if (b == '\n')
                {
                    n++;
                }
            }

            return n;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void ResetManifest(string path)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node["complete"] = false;
        File.WriteAllText(path, node.ToJsonString());
    }
}
