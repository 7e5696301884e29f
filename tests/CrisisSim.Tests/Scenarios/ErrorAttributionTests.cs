using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// An error is reported where its cause is written: an override's error at the override (with its value), not at
/// the scenario line of another key; an experiment's scenario file at its own lines; a fixed value or an arm's
/// assignment at its own line of the experiment.
/// </summary>
public class ErrorAttributionTests
{
    // overrides that break a cross-check reported under another key of the file
    [TestCase("hazard.explosions.0.strength=3", "zones.blast_core.blast")]
    [TestCase("zones.blast_core.blast.killed=0.9", "zones.blast_core.blast")]
    [TestCase("zones.ring_3km.residents=60000000", "population.scale")]
    [TestCase("roads.0.from=blast_core", "roads.0.to")]
    [TestCase("population.trapped_survival_day5=0.9", "population.trapped_survival_day2")]
    public void ACrossCheckBrokenByAnOverrideIsReportedAtTheOverride(string assignment, string keyPath)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Repo.BuiltInText, "tianjin-8-12.yaml", [assignment]))!;
        var e = ex.Errors.First(x => x.KeyPath == keyPath);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("--set " + assignment, 0, 0)), e.ToString());
            Assert.That(e.ToString(), Does.StartWith($"--set {assignment}: {keyPath}: "));
            Assert.That(ex.Errors.Select(x => x.Position.Source), Is.All.EqualTo("--set " + assignment));
        }
    }

    [Test]
    public void AFileDefectUnrelatedToTheOverrideStaysAtItsLine()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(CorpusFiles.Text("range-trust.yaml"), "range-trust.yaml", ["time.horizon_h=12"]))!;
        Assert.That(ex.Errors.Single().Position.Source, Is.EqualTo("range-trust.yaml"));
        Assert.That(ex.Errors.Single().Position.Line, Is.GreaterThan(0));
    }

    private static string Write(TempDir tmp, string name, string text)
    {
        File.WriteAllText(tmp[name], text);
        return tmp[name];
    }

    [Test]
    public void AnExperimentsBadScenarioIsReportedAtTheScenariosOwnLine()
    {
        using var tmp = new TempDir();
        string bad = CorpusFiles.Text(CorpusFiles.Base).Replace("    residents: 60000\n", "    residents: -5\n", StringComparison.Ordinal);
        int line = bad.Split('\n').ToList().FindIndex(l => l.Contains("residents: -5", StringComparison.Ordinal)) + 1;
        Write(tmp, "scen.yaml", bad);
        string exp = Write(tmp, "e.yaml", "name: x\nscenario: scen.yaml\nfixed:\n  time.horizon_h: 12\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.5]\n");
        var r = CliRunner.Run("sweep", exp, "--dry-run");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Stderr, Does.Contain($"error: scen.yaml:{line}:").And.Contain("zones.site.residents"));
            Assert.That(r.Stderr, Does.Contain($"error: {exp}:2:11: scenario: the scenario scen.yaml is invalid"));
            Assert.That(r.Stderr, Does.Not.Contain($"{exp}:1:1: fixed"));
        }
    }

    [TestCase("fixed:\n  time.horizon_h: 12\n  governance.trust: 1.5\ndesign:\n  kind: factorial\n  factors:\n    governance.mode: [co-governance]\n", 6, "fixed.governance.trust")]
    [TestCase("design:\n  kind: factorial\n  arms:\n    a: {governance.mode: co-governance}\n    b:\n      governance.mode: co-governance\n      governance.trust: 7\n", 10, "design.arms.b.governance.trust")]
    public void AnExperimentsBadValueIsReportedAtItsOwnLine(string body, int line, string keyPath)
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, "e.yaml", "name: x\nscenario: built-in\nreplicates: 1\n" + body);
        var r = CliRunner.Run("validate", exp);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
            Assert.That(r.Stderr, Does.Contain($"error: {exp}:{line}:").And.Contain(keyPath + ": ").And.Contain("out of range"));
        }
    }
}
