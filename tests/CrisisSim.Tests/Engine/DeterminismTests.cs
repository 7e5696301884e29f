using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>Same inputs, same bytes; different seeds, different results; arms share their hazard.</summary>
public class DeterminismTests
{
    [Test]
    public void SameScenarioAndSeedGiveByteIdenticalFiles()
    {
        using var tmp = new TempDir();
        var first = CliRunner.Run("run", "--seed", "7", "--out", tmp["a"], "--trace");
        var second = CliRunner.Run("run", "--seed", "7", "--out", tmp["b"], "--trace");
        Assert.That(first.ExitCode, Is.Zero, first.Stderr);
        Assert.That(second.ExitCode, Is.Zero, second.Stderr);
        foreach (string file in new[] { "runs.csv", "ticks.csv", "events.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(tmp["b"], file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(tmp["a"], file))), file);
        }
    }

    [Test]
    public void ADifferentSeedGivesDifferentResults()
    {
        using var tmp = new TempDir();
        Assert.That(CliRunner.Run("run", "--seed", "7", "--out", tmp["a"]).ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("run", "--seed", "8", "--out", tmp["b"]).ExitCode, Is.Zero);
        Assert.That(File.ReadAllBytes(Path.Combine(tmp["b"], "ticks.csv")), Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(tmp["a"], "ticks.csv"))));
    }

    [Test]
    public void ResultsDoNotDependOnTheCulture([Values("de-DE", "tr-TR", "ar-SA")] string culture)
    {
        using var tmp = new TempDir();
        Assert.That(CliRunner.Run("run", "--seed", "3", "--out", tmp["invariant"], "--set", "governance.trust=0.65").ExitCode, Is.Zero);
        var saved = (Thread.CurrentThread.CurrentCulture, Thread.CurrentThread.CurrentUICulture);
        try
        {
            Thread.CurrentThread.CurrentCulture = Thread.CurrentThread.CurrentUICulture = new System.Globalization.CultureInfo(culture);
            var r = CliRunner.Run("run", "--seed", "3", "--out", tmp["local"], "--set", "governance.trust=0.65");
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        }
        finally
        {
            (Thread.CurrentThread.CurrentCulture, Thread.CurrentThread.CurrentUICulture) = saved;
        }

        foreach (string file in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(tmp["local"], file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(tmp["invariant"], file))), file);
        }
    }

    [Test]
    public void SwitchingGovernanceModeDoesNotReshuffleTheHazard()
    {
        // The explosions draw from the hazard stream only: every arm of a paired comparison meets the same blast.
        var single = new Simulation(Repo.BuiltIn("governance.mode=single-government"), 11);
        var platform = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=platform"), 11);
        int afterBlast = (int)Math.Ceiling(0.75 / single.TickHours);
        for (int t = 0; t <= afterBlast; t++)
        {
            single.Step();
            platform.Step();
        }

        Assert.Multiple(() =>
        {
            Assert.That(platform.Current.Dead, Is.EqualTo(single.Current.Dead));
            Assert.That(platform.Current.Trapped, Is.EqualTo(single.Current.Trapped));
            Assert.That(platform.Current.Injured, Is.EqualTo(single.Current.Injured));
            Assert.That(platform.Current.Displaced, Is.EqualTo(single.Current.Displaced));
            int differ = Enumerable.Range(0, single.People.Count).Count(p => single.People.State[p] != platform.People.State[p]);
            Assert.That(differ, Is.Zero, "people whose state after the blast differs between the arms");
        });
    }

    [Test]
    public void RunningTwiceInOneProcessGivesTheSameMetrics()
    {
        var scenario = Repo.BuiltIn("governance.mode=co-governance", "governance.communication=liaison");
        var a = new Simulation(scenario, 5).Run();
        var b = new Simulation(scenario, 5).Run();
        foreach (var (name, value) in RunMetrics.Columns)
        {
            Assert.That(value(b), Is.EqualTo(value(a)), name);
        }
    }
}
