using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Hazards;

/// <summary>
/// The case scenarios beyond Tianjin (scenarios/lushan-2013, scenarios/zhengzhou-2021): each validates, runs at a short
/// horizon with every law holding at every tick, runs from the CLI, and its out-of-sample experiment loads over the
/// Tianjin posterior with only the behavioural parameters it names.
/// </summary>
public class CaseScenarioTests
{
    [TestCase("lushan-2013/lushan-2013.yaml", 12)]
    [TestCase("zhengzhou-2021/zhengzhou-2021.yaml", 8)]
    public void TheCaseRunsWithEveryLawHoldingAtEveryTick(string file, double horizonH)
    {
        var scenario = ScenarioLoader.Load(File.ReadAllText(Repo.PathOf("scenarios", file)), file, [$"time.horizon_h={horizonH}"]).Scenario;
        var metrics = SimulationInvariants.RunChecked(new Simulation(scenario, 1));
        Assert.That(metrics.DeathsCivilian, Is.GreaterThan(0));
        Assert.That(metrics.Rescued, Is.GreaterThan(0), "the trapped are reached within the short horizon");
    }

    [TestCase("builtin:lushan-2013")]
    [TestCase("builtin:zhengzhou-2021")]
    public void TheCaseRunsFromTheCommandLine(string name)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run("run", name, "--set", "time.horizon_h=6", "--out", dir.Path);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(Path.Combine(dir.Path, "runs.csv")), Is.True);
    }

    [TestCase("builtin:lushan-out-of-sample", "actors.police.work_rate_per_h, actors.volunteer_hub.work_rate_per_h")]
    [TestCase("builtin:zhengzhou-out-of-sample", "actors.police.work_rate_per_h")]
    public void TheOutOfSampleExperimentCarriesOnlyTheBehaviouralParameters(string name, string carried)
    {
        var r = CliRunner.Run("sweep", name, "--dry-run");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain($"20 accepted sets of ../posterior/tianjin-abc (posterior_draw; parameters {carried})"));
    }

    [Test]
    public void OverParametersMustBeCalibratedAndListedOnce()
    {
        string Experiment(string parameters) => $$"""
            name: t
            scenario: builtin:tianjin-8-12
            over: {posterior: builtin:posterior/tianjin-abc, parameters: {{parameters}}}
            design:
              kind: factorial
              arms:
                a: {}
                b: {governance.mode: co-governance}
            """;
        using var dir = new TempDir();
        string unknown = Path.Combine(dir.Path, "unknown.yaml");
        File.WriteAllText(unknown, Experiment("[actors.fire.units]"));
        var r = CliRunner.Run("validate", unknown);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("over.parameters names 'actors.fire.units', which the calibration did not fit"));
        Assert.That(r.Stderr, Does.Contain("unknown.yaml:3:"), "at the line of over");

        string twice = Path.Combine(dir.Path, "twice.yaml");
        File.WriteAllText(twice, Experiment("[actors.police.work_rate_per_h, actors.police.work_rate_per_h]"));
        r = CliRunner.Run("validate", twice);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("over.parameters").And.Contain("listed twice"));
    }

    [Test]
    public void ACollapseCannotHarmMoreThanEveryoneAndWaterCannotFallBeforeItRises()
    {
        var ex = Assert.Throws<ScenarioException>(() => HazardScenarios.Quake("hazard.earthquake.trapped_in_collapse=0.7"));
        Assert.That(ex!.Errors[0].KeyPath, Is.EqualTo("hazard.earthquake"));
        Assert.That(ex.Errors[0].Message, Does.Contain("add up to 1.1"));

        ex = Assert.Throws<ScenarioException>(() => HazardScenarios.Flood("zones.low_town.flood.recede_start_h=0.5"));
        Assert.That(ex!.Errors[0].KeyPath, Is.EqualTo("zones.low_town.flood.recede_start_h"));
    }

    [Test]
    public void DeepWaterWithNoBoatsIsWarnedOf()
    {
        var loaded = ScenarioLoader.Load(HazardScenarios.FloodText, "flood.yaml", ["actors.boat_team.boats=false"]);
        Assert.That(loaded.Warnings.Select(w => w.KeyPath), Does.Contain("zones.low_town.flood.peak_depth_m"), string.Join("\n", loaded.Warnings));
        Assert.That(ScenarioLoader.Load(HazardScenarios.FloodText, "flood.yaml").Warnings.Select(w => w.KeyPath), Does.Not.Contain("zones.low_town.flood.peak_depth_m"), "with a boat team, no such warning");
    }
}
