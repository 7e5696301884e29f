using System.Diagnostics;
using CrisisSim.Cli.Output;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// Output paths are identities, not spellings; the lock is the kernel's; inputs are never destroyed.
/// Each test names the way a user lost data before (the project review, docs/sources.md §5.4) and checks it cannot happen now.
/// </summary>
public class OutputSafetyTests
{
    internal const string Tiny = """
        name: tiny
        scenario: built-in
        master_seed: 7
        replicates: 2
        fixed:
          time.horizon_h: 3
          population.scale: 0.05
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
        """;

    [TestCase("out")]
    [TestCase("out/")]
    [TestCase("out//")]
    [TestCase("./out")]
    [TestCase("x/../out")]
    [TestCase("out/.")]
    public void EverySpellingOfAFolderResolvesToOneIdentity(string spelling)
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["x"]);
        string expected = OutputPath.Resolve(tmp["out"]);
        Assert.That(OutputPath.Resolve(Path.Combine(tmp.Path, spelling)), Is.EqualTo(expected));
        Assert.That(expected, Does.Not.EndWith("/"));
    }

    [Test]
    public void SymbolicLinksAreResolvedInTheOrderTheKernelFollowsThem()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["real/deep"]);
        File.CreateSymbolicLink(tmp["link"], tmp["real"]);
        File.CreateSymbolicLink(tmp["relative"], "real/deep");
        File.CreateSymbolicLink(tmp["chain"], tmp["link"]);
        Assert.That(OutputPath.Resolve(tmp["link"]), Is.EqualTo(OutputPath.Resolve(tmp["real"])));
        Assert.That(OutputPath.Resolve(tmp["chain"] + "/"), Is.EqualTo(OutputPath.Resolve(tmp["real"])));
        Assert.That(OutputPath.Resolve(tmp["relative"] + "/new"), Is.EqualTo(Path.Combine(OutputPath.Resolve(tmp["real"]), "deep", "new")));
        Assert.That(OutputPath.Resolve(tmp["relative"] + "/.."), Is.EqualTo(OutputPath.Resolve(tmp["real"])), "'..' after a link goes up from its target, as realpath does");
        File.CreateSymbolicLink(tmp["loop"], tmp["loop"]);
        Assert.That(() => OutputPath.Resolve(tmp["loop"]), Throws.TypeOf<CrisisSim.Cli.CliException>().With.Message.Contains("symbolic links"));
    }

    [TestCase("run")]
    [TestCase("sweep")]
    [TestCase("merge")]
    [TestCase("compare")]
    [TestCase("plot")]
    [TestCase("report")]
    [TestCase("slurm")]
    public void AnEmptyOutIsAUsageErrorForEveryCommand(string command)
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", Tiny);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["s"]).ExitCode, Is.Zero);
        string[] args = command switch
        {
            "run" => ["run", "--out", ""],
            "sweep" => ["sweep", exp, "--out", ""],
            "merge" => ["merge", tmp["s"], "--out", ""],
            "slurm" => ["slurm", exp, "--shards", "2", "--out", ""],
            _ => [command, tmp["s"], "--out", ""],
        };
        var r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("empty path").And.Not.Contain("   at "));
    }

    [Test]
    public void RunForceOnATrailingSlashReplacesTheOldResultsAndKeepsTheNewOnes()
    {
        using var tmp = new TempDir();
        Assert.That(CliRunner.Run("run", "--seed", "1", "--set", "time.horizon_h=1", "--set", "population.scale=0.05", "--out", tmp["old"]).ExitCode, Is.Zero);
        var r = CliRunner.Run("run", "--seed", "2", "--set", "time.horizon_h=1", "--set", "population.scale=0.05", "--out", tmp["old"] + "/", "--force");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["old/provenance.json"]), Does.Contain("\"seed\": \"2\""), "the new results are in place");
        Assert.That(Directory.GetDirectories(tmp.Path, ".old.*"), Is.Empty, "no staging or replaced folder is left");
    }

    [Test]
    public void ASweepIntoANewFolderSpelledWithATrailingSlashIsAccepted()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", Tiny);
        var r = CliRunner.Run("sweep", exp, "--out", tmp["new"] + "/");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(tmp["new/runs.csv"]), Is.True);
        Assert.That(File.Exists(tmp["new/.new.lock"]), Is.False, "the lock lives beside the folder, never inside it");
    }

    [Test]
    public void ForceNeverDeletesAFolderThatHoldsTheExperimentOrItsScenario()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["o"]);
        string scenario = tmp["o/scenario.yaml"];
        File.Copy(Repo.PathOf("scenarios", "tianjin-8-12.yaml"), scenario);
        string exp = Write(tmp, "o/e.yaml", Tiny.Replace("scenario: built-in", "scenario: scenario.yaml", StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--force");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.Contain("an input of this command"));
        Assert.That(File.Exists(exp) && File.Exists(scenario), Is.True, "the inputs survive");

        string outside = Write(tmp, "e2.yaml", Tiny.Replace("scenario: built-in", "scenario: o/scenario.yaml", StringComparison.Ordinal));
        var viaLink = CliRunner.Run("sweep", outside, "--out", MakeLink(tmp, "o", "olink"), "--force");
        Assert.That(viaLink.ExitCode, Is.EqualTo(2), "a link to the folder is the same folder");
        Assert.That(File.Exists(scenario), Is.True);
    }

    [Test]
    public void ForceNeverDeletesTheCurrentFolderOrOneOfItsParents()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["work/sub"]);
        File.WriteAllText(tmp["work/keep.txt"], "precious");
        foreach (string target in new[] { ".", "..", "../../work", "./" })
        {
            var r = CliRunner.RunProcess(["run", "--set", "time.horizon_h=1", "--set", "population.scale=0.05", "--out", target, "--force"], tmp["work/sub"]);
            Assert.That(r.ExitCode, Is.EqualTo(2), target + ": " + r.Stderr);
            Assert.That(r.Stderr, Does.Contain("current folder"));
        }

        Assert.That(File.ReadAllText(tmp["work/keep.txt"]), Is.EqualTo("precious"));
    }

    [Test]
    public void ReportAndPlotNeverReplaceAFileWithoutForceAndAnInputNever()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", Tiny);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["s"]).ExitCode, Is.Zero);
        byte[] runs = File.ReadAllBytes(tmp["s/runs.csv"]);
        foreach (string input in new[] { "runs.csv", "sweep.json" })
        {
            var r = CliRunner.Run("report", tmp["s"], "--out", tmp["s/" + input], "--force");
            Assert.That(r.ExitCode, Is.EqualTo(2), input);
            Assert.That(r.Stderr, Does.Contain("input of this command"));
        }

        Assert.That(File.ReadAllBytes(tmp["s/runs.csv"]), Is.EqualTo(runs));
        File.WriteAllText(tmp["mine.html"], "my notes");
        var refused = CliRunner.Run("report", tmp["s"], "--out", tmp["mine.html"]);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(File.ReadAllText(tmp["mine.html"]), Is.EqualTo("my notes"));
        Assert.That(CliRunner.Run("report", tmp["s"], "--out", tmp["mine.html"], "--force").ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(tmp["mine.html"]), Does.StartWith("<!DOCTYPE html>"));
        Assert.That(Directory.GetDirectories(tmp.Path, ".mine.html.*"), Is.Empty, "the report's figures were drawn aside and removed");

        var plot = CliRunner.Run("plot", tmp["s"]);
        Assert.That(plot.ExitCode, Is.EqualTo(2), "the sweep drew these figures already");
        Assert.That(plot.Stderr, Does.Contain("--force"));
        var intoSweep = CliRunner.Run("plot", tmp["s"], "--out", tmp["s"], "--force");
        Assert.That(intoSweep.ExitCode, Is.Zero, intoSweep.Stderr);
        Assert.That(File.ReadAllBytes(tmp["s/runs.csv"]), Is.EqualTo(runs), "plot into the sweep folder never touches its tables");
    }

    [Test]
    public void CompareWritesItsOwnFolderAndNeverTheSweepsFiles()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", Tiny);
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["s"]).ExitCode, Is.Zero);
        byte[] comparison = File.ReadAllBytes(tmp["s/comparison.csv"]);
        var r = CliRunner.Run("compare", tmp["s"], "--metric", "rescued");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllBytes(tmp["s/comparison.csv"]), Is.EqualTo(comparison));
        Assert.That(Directory.GetDirectories(tmp["s"], "compare-*").Single(), Does.Exist);
        Assert.That(CliRunner.Run("compare", tmp["s"], "--out", tmp["s"]).ExitCode, Is.EqualTo(2), "the sweep folder is not empty: refused without --force");
        Assert.That(CliRunner.Run("compare", tmp["s"], "--out", tmp["s"], "--force").ExitCode, Is.EqualTo(2), "it holds runs.csv, an input: refused even with --force");
        Assert.That(File.ReadAllBytes(tmp["s/comparison.csv"]), Is.EqualTo(comparison));
    }

    [Test]
    public void ALockErrorSaysWhatItIsWhenAParentIsAFile()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["file"], "x");
        var r = CliRunner.Run("run", "--out", tmp["file"] + "/sub/out");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("is a file, not a folder").And.Not.Contain("another crisissim"));
    }

    [Test]
    public void ASecondWriterUnderAnotherSpellingIsRefusedWithTheFirstWritersPid()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "long.yaml", Tiny.Replace("replicates: 2", "replicates: 200", StringComparison.Ordinal).Replace("time.horizon_h: 3", "time.horizon_h: 24", StringComparison.Ordinal));
        Directory.CreateDirectory(tmp["a"]);
        using var first = CliRunner.Start(["sweep", exp, "--out", tmp["a"] + "/o/", "--threads", "1"]);
        try
        {
            WaitFor(() => File.Exists(tmp["a/o/runs.csv.partial"]), first);
            string link = MakeLink(tmp, "a", "b");
            foreach (string spelling in new[] { tmp["a/o"], Path.Combine(link, "o"), tmp["a/./o//"], tmp["b/../a/o"] })
            {
                var second = CliRunner.Run("sweep", exp, "--out", spelling, "--resume");
                Assert.That(second.ExitCode, Is.EqualTo(2), spelling);
                Assert.That(second.Stderr, Does.Contain("another crisissim is writing").And.Contain($"pid {first.Id}"), spelling);
            }
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }

        // The kernel released the lock with the killed process: a resume under yet another spelling finishes the sweep.
        var resumed = CliRunner.Run("sweep", exp, "--out", tmp["b/o"], "--resume");
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(File.Exists(tmp["a/o/runs.csv"]), Is.True);
    }

    [Test]
    public void SigtermStopsASweepLikeCtrlCAndTheResumeGivesTheSameBytes()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "long.yaml", Tiny.Replace("replicates: 2", "replicates: 60", StringComparison.Ordinal).Replace("time.horizon_h: 3", "time.horizon_h: 48", StringComparison.Ordinal));
        Assert.That(CliRunner.Run("sweep", exp, "--out", tmp["ref"], "--ticks-every", "3").ExitCode, Is.Zero);
        using var p = CliRunner.Start(["sweep", exp, "--out", tmp["o"], "--ticks-every", "3", "--threads", "1", "--progress"]);
        var stderr = p.StandardError.ReadToEndAsync();
        WaitFor(() => File.Exists(tmp["o/runs.csv.partial"]) && File.ReadAllLines(tmp["o/runs.csv.partial"]).Length > 3, p);
        Assert.That(Kill(p.Id, "TERM"), Is.Zero);
        Assert.That(p.WaitForExit(60_000), Is.True);
        Assert.That(p.ExitCode, Is.EqualTo(143), stderr.Result);
        Assert.That(stderr.Result, Does.Contain("interrupted:").And.Contain("SIGTERM").And.Contain("--resume"));
        var r = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--ticks-every", "3", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (string f in new[] { "runs.csv", "ticks.csv", "comparison.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp["o/" + f]), Is.EqualTo(File.ReadAllBytes(tmp["ref/" + f])), f);
        }
    }

    [Test]
    public void AClosedStderrTurnsProgressOffAndTheSweepFinishes()
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", Tiny);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"dotnet exec '{CliRunner.CliDll}' sweep '{exp}' --out '{tmp["o"]}' --progress 2>&-; echo \"exit=$?\"");
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.That(output, Does.Contain("exit=0"));
        Assert.That(File.Exists(tmp["o/runs.csv"]), Is.True);
    }

    internal static string Write(TempDir tmp, string name, string text)
    {
        string path = tmp[name];
        File.WriteAllText(path, text);
        return path;
    }

    private static string MakeLink(TempDir tmp, string target, string name)
    {
        File.CreateSymbolicLink(tmp[name], tmp[target]);
        return tmp[name];
    }

    private static void WaitFor(Func<bool> condition, Process p)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(p.HasExited, Is.False, "the sweep finished before the test could act; make it longer");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "timed out waiting for the sweep");
            Thread.Sleep(20);
        }
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}

/// <summary>What an I/O error on an output path is, in the user's words.</summary>
public class OutputErrorWordsTests
{
    [TestCase(30, "read-only")]
    [TestCase(28, "no space")]
    [TestCase(13, "permission denied")]
    [TestCase(20, "is a file, not a folder")]
    public void AnErrnoBecomesWords(int errno, string words) =>
        Assert.That(WriterLock.Describe(new IOException("raw", errno)), Does.Contain(words));
}

/// <summary>`crisissim slurm` refuses values sbatch would reject, or that would inject another #SBATCH line, before writing anything.</summary>
public class SlurmOptionTests
{
    [TestCase("--time", "forever")]
    [TestCase("--time", "-5")]
    [TestCase("--time", "1:00:00\n#SBATCH --qos=high")]
    [TestCase("--mem", "-1G")]
    [TestCase("--mem", "4 GB")]
    [TestCase("--partition", "gpu\n#SBATCH --account=other")]
    [TestCase("--partition", "a b")]
    [TestCase("--account", "x;rm")]
    [TestCase("--ticks-every", "-5")]
    [TestCase("--crisissim", "crisissim\nrm -rf ~")]
    public void AValueSlurmWouldRejectIsRefusedAndNothingIsWritten(string option, string value)
    {
        using var tmp = new TempDir();
        string exp = OutputSafetyTests.Write(tmp, "e.yaml", OutputSafetyTests.Tiny);
        var r = CliRunner.Run("slurm", exp, "--shards", "2", "--out", tmp["s"], option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain(option).And.Not.Contain("   at "));
        Assert.That(Directory.Exists(tmp["s"]), Is.False);
    }

    [TestCase("--time", "2-12:30:00")]
    [TestCase("--time", "90")]
    [TestCase("--mem", "16G")]
    [TestCase("--partition", "short,long")]
    public void AValueSlurmAcceptsGoesIntoTheScript(string option, string value)
    {
        using var tmp = new TempDir();
        string exp = OutputSafetyTests.Write(tmp, "e.yaml", OutputSafetyTests.Tiny);
        var r = CliRunner.Run("slurm", exp, "--shards", "2", "--out", tmp["s"], option, value);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["s/array.sbatch"]), Does.Contain($"#SBATCH {option}={value}\n"));
    }
}
