using System.Diagnostics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary><c>crisissim run</c> killed mid-run: the --out folder appears complete or not at all.</summary>
public class RunInterruptionTests
{
    [Test]
    public void ARunKilledMidWayLeavesNoOutputFolder()
    {
        using var tmp = new TempDir();
        string target = tmp["out"];
        using var p = CliRunner.Start(["run", "--seed", "2", "--set", "time.horizon_h=336", "--set", "population.scale=10", "--out", target]);

        // Wait until the run is writing into its hidden staging folder, then kill it (SIGKILL: no clean-up).
        string staging = tmp[$".out.partial-{p.Id}"];
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && !File.Exists(Path.Combine(staging, "ticks.csv")))
        {
            Thread.Sleep(5);
        }

        Assert.That(p.HasExited, Is.False, "the run finished before it could be killed; make it longer");
        Thread.Sleep(200);
        p.Kill(entireProcessTree: true);
        p.WaitForExit();

        Assert.That(Directory.Exists(target), Is.False, "a killed run must not leave a (partial) --out folder");

        // What is left is the hidden staging folder; it is never mistaken for results, and a new run to the same --out succeeds.
        Assert.That(Directory.Exists(staging), Is.True, "the staging folder of the killed run is left behind (documented in docs/reliability.md)");
        var again = CliRunner.Run("run", "--seed", "2", "--set", "time.horizon_h=1", "--set", "population.scale=0.05", "--out", target);
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(File.Exists(Path.Combine(target, "runs.csv")), Is.True);
        Assert.That(Directory.Exists(staging), Is.False, "the next writer, holding the lock, removes what a dead writer left");
    }

    [Test]
    public void SigtermStopsARunWithAMessageExit143AndNoOutputFolder()
    {
        using var tmp = new TempDir();
        string target = tmp["out"];
        using var p = CliRunner.Start(["run", "--seed", "2", "--set", "time.horizon_h=336", "--set", "population.scale=10", "--out", target]);
        var stderr = p.StandardError.ReadToEndAsync();
        string staging = tmp[$".out.partial-{p.Id}"];
        var clock = Stopwatch.StartNew();
        while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && !File.Exists(Path.Combine(staging, "ticks.csv")))
        {
            Thread.Sleep(5);
        }

        Assert.That(p.HasExited, Is.False, "the run finished before it could be stopped; make it longer");
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.That(p.WaitForExit(60_000), Is.True);
        Assert.That(p.ExitCode, Is.EqualTo(143), stderr.Result);
        Assert.That(stderr.Result, Does.Contain("interrupted by SIGTERM"));
        Assert.That(Directory.Exists(target) || Directory.Exists(staging), Is.False, "neither results nor staging are left");
    }
}
