using System.Diagnostics;
using System.Net.Sockets;
using CrisisSim.Cli;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// Bounded inputs: only regular files are read (a FIFO, a device, a folder, a socket are refused before any byte is
/// read, and nothing blocks), with a hard byte bound; a design's size is checked from counts before anything is
/// expanded or loaded; counts on the command line have documented upper bounds.
/// </summary>
public class InputBoundsTests
{
    private static CliResult RunWithin(TimeSpan limit, params string[] args)
    {
        using var p = CliRunner.Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"crisissim {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        }

        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string MakeFifo(TempDir tmp, string name)
    {
        using var mk = Process.Start("mkfifo", tmp[name]);
        mk.WaitForExit();
        Assume.That(mk.ExitCode, Is.Zero, "mkfifo is needed for this test");
        return tmp[name];
    }

    private static void AssertRefused(CliResult r, string fragment)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout + r.Stderr);
            Assert.That(r.Stderr, Does.Contain(fragment));
            Assert.That(r.Stderr, Does.Not.Contain("   at "));
        }
    }

    [TestCase("validate")]
    [TestCase("run")]
    [TestCase("sweep")]
    public void AFifoIsRefusedAtOnceInsteadOfBlocking(string command)
    {
        using var tmp = new TempDir();
        string fifo = MakeFifo(tmp, "pipe.yaml");
        string[] args = command == "sweep" ? ["sweep", fifo, "--dry-run"] : command == "run" ? ["run", fifo, "--out", tmp["o"]] : ["validate", fifo];
        AssertRefused(RunWithin(TimeSpan.FromSeconds(30), args), "is a FIFO (named pipe), not a regular file");
        Assert.That(Directory.Exists(tmp["o"]), Is.False);
    }

    [Test]
    public void AnExperimentWhoseScenarioIsAFifoIsRefusedAtItsScenarioLine()
    {
        using var tmp = new TempDir();
        MakeFifo(tmp, "pipe.yaml");
        File.WriteAllText(tmp["e.yaml"], "name: x\nscenario: pipe.yaml\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.5]\n");
        AssertRefused(RunWithin(TimeSpan.FromSeconds(30), "sweep", tmp["e.yaml"], "--dry-run"), $"{tmp["e.yaml"]}:2:11: scenario: ");
    }

    [TestCase("validate")]
    [TestCase("run")]
    [TestCase("sweep")]
    public void DevZeroIsRefusedAsACharacterDevice(string command)
    {
        Assume.That(File.Exists("/dev/zero"), Is.True);
        using var tmp = new TempDir();
        string[] args = command == "sweep" ? ["sweep", "/dev/zero", "--dry-run"] : command == "run" ? ["run", "/dev/zero", "--out", tmp["o"]] : ["validate", "/dev/zero"];
        AssertRefused(RunWithin(TimeSpan.FromSeconds(30), args), "/dev/zero: is a character device, not a regular file");
        Assert.That(Directory.Exists(tmp["o"]), Is.False);
    }

    [Test]
    public void ASocketIsRefused()
    {
        Assume.That(OperatingSystem.IsLinux(), Is.True);
        using var tmp = new TempDir();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(tmp["s.yaml"]));
        AssertRefused(CliRunner.Run("validate", tmp["s.yaml"]), "is a socket, not a regular file");
    }

    [Test]
    public void AFileOneByteOverTheLimitIsRefusedWithItsSize()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["big.yaml"], "#" + new string('x', YamlTreeReader.MaxTextLength));
        AssertRefused(CliRunner.Run("validate", tmp["big.yaml"]), $"file is {YamlTreeReader.MaxTextLength + 1} bytes; scenario and experiment files are at most {YamlTreeReader.MaxTextLength} bytes");
    }

    [Test]
    public void AUtf8ByteOrderMarkIsAcceptedAsBefore()
    {
        using var tmp = new TempDir();
        File.WriteAllBytes(tmp["bom.yaml"], [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(Scenarios.CorpusFiles.PathOf(Scenarios.CorpusFiles.Base))]);
        Assert.That(CliRunner.Run("validate", tmp["bom.yaml"]).ExitCode, Is.Zero);
    }

    private static string Levels(int n) => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => (0.1 + (i * 0.8 / n)).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static (CliResult Result, TimeSpan Elapsed) Timed(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var r = CliRunner.Run(args);
        return (r, clock.Elapsed);
    }

    [Test]
    public void ATwentyThousandLevelDesignIsRefusedInSecondsNotMinutes()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], $"name: x\nreplicates: 1000\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: {Levels(20_000)}\n");
        CliRunner.Run("validate", tmp["e.yaml"]); // warm-up (JIT); the old code needed 17 s here
        var (r, elapsed) = Timed("sweep", tmp["e.yaml"], "--dry-run");
        AssertRefused(r, "= 20000000 runs, more than the 1000000 accepted without --allow-large");
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the old code needed 17 s; 5 s leaves room for a loaded machine (CI publishes alongside)");
    }

    [TestCase("  factors:\n    governance.trust: {min: 0, max: 1, step: 0.0000001}\n    zones.ring_3km.residents: {min: 0, max: 10000000, step: 1}\n    population.scale: {min: 0.1, max: 1, step: 0.0000001}\n", true, "more than 9223372036854775807 runs")]
    [TestCase("  factors:\n    governance.trust: {min: 0, max: 1, step: 0.0000001}\nreplicates: 20\n", true, "more than the 100000000 accepted even with --allow-large")]
    [TestCase("  factors:\n    governance.trust: [0.1, 0.2]\nreplicates: 1000000\n", false, "2000000 runs, more than the 1000000 accepted without --allow-large")]
    public void AHugeDesignIsRefusedFromCountsEvenWithAllowLarge(string design, bool allowLarge, string fragment)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], "name: x\ndesign:\n  kind: factorial\n" + design);
        var (r, elapsed) = allowLarge ? Timed("sweep", tmp["e.yaml"], "--dry-run", "--allow-large") : Timed("sweep", tmp["e.yaml"], "--dry-run");

        AssertRefused(r, fragment);
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "counting, not expanding: well under this even on a loaded machine");
    }

    [Test]
    public void AllowLargeDryRunCountsTheRunsWithoutListingThem()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], "name: x\nreplicates: 1000000\nfixed:\n  time.horizon_h: 1\n  population.scale: 0.05\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]\n");
        CliRunner.Run("sweep", tmp["e.yaml"], "--dry-run", "--allow-large"); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--dry-run", "--allow-large");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            Assert.That(r.Stdout, Does.Contain("10 points × 1000000 replicates = 10000000 runs"));
            Assert.That(allocated, Is.LessThan(200L * 1024 * 1024), "ten million runs must not be listed (the old code allocated them all)");
        }
    }

    [Test]
    public void RunsAreComputedFromTheirIndex()
    {
        var exp = ExperimentSource.FromText("name: x\nreplicates: 3\ndesign:\n  kind: factorial\n  arms:\n    a: {governance.mode: single-government}\n    b: {governance.mode: co-governance}\n  factors:\n    governance.trust: [0.3, 0.9]\n", "e.yaml", ".", allowLarge: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exp.RunCount, Is.EqualTo(12));
            Assert.That(exp.Runs.Select(r => (r.RunId, r.Point.PointId, r.Replicate)), Is.EqualTo(
                Enumerable.Range(0, 12).Select(i => ((long)i, i % 4, i / 4))));
            Assert.That(exp.Points.Select(p => $"{p.Arm} {string.Join(",", p.Values)}"), Is.EqualTo(new[] { "a 0.3", "a 0.9", "b 0.3", "b 0.9" }));
            Assert.That(exp.Runs[5].Seed, Is.EqualTo(exp.Runs[7].Seed), "one replicate, one seed");
            Assert.That(exp.Runs[5].Point, Is.SameAs(exp.Runs[9].Point), "runs of a point share it");
        }
    }

    [TestCase("2147483647")]
    [TestCase("100001")]
    [TestCase("9")]
    public void BootstrapHasAnUpperBound(string count)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["sweep.json"], "{}");
        AssertRefused(CliRunner.Run("sensitivity", tmp.Path, "--bootstrap", count), $"--bootstrap {count}: expected from 10 to 100000 resamples");
    }
}
