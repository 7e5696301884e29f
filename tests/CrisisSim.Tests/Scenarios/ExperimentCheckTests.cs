using CrisisSim.Core.Experiments;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// <c>crisissim validate EXPERIMENT</c> and <c>sweep --dry-run</c> check every field of an experiment before any run,
/// the compare section included: a baseline that names no group, or a by/within naming no column, is refused at its line.
/// </summary>
public class ExperimentCheckTests
{
    private const string Arms = """
        name: x
        scenario: built-in
        replicates: 2
        fixed:
          time.horizon_h: 6
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
          factors:
            governance.trust: [0.3, 0.9]
            population.scale: {min: 0.1, max: 0.3, step: 0.1}
        compare:

        """;

    private static string Write(TempDir tmp, string text)
    {
        File.WriteAllText(tmp["e.yaml"], text);
        return tmp["e.yaml"];
    }

    [Test]
    public void ValidateAcceptsTheShippedExperiments()
    {
        foreach (string file in Directory.GetFiles(Repo.PathOf("scenarios", "experiments"), "*.yaml"))
        {
            var r = CliRunner.Run("validate", file);
            Assert.That(r.ExitCode, Is.Zero, $"{file}: {r.Stderr}");
            Assert.That(r.Stdout, Does.Contain("ok — experiment"));
        }
    }

    // compare sections (appended at line 15) that must be refused, the key path and a fragment of the message
    [TestCase("  baseline: platfrom\n", "compare.baseline", "did you mean 'platform'")]
    [TestCase("  by: governance.trust\n  baseline: 0.5\n", "compare.baseline", "'0.5' is not a group of governance.trust")]
    [TestCase("  by: population.scale\n  baseline: 0.15\n", "compare.baseline", "'0.15' is not a group of population.scale")]
    [TestCase("  by: population.scale\n  baseline: '0.30'\n", "compare.baseline", "not a group")]
    [TestCase("  by: [arm, governance.trust]\n  baseline: single\n", "compare.baseline", "joined by ' | '")]
    [TestCase("  by: [arm, governance.trust]\n  baseline: single | 0.5\n", "compare.baseline", "'0.5' is not a group of governance.trust; did you mean '0.3'?")]
    [TestCase("  by: [arm, governance.trust]\n  baseline: singel | 0.3\n", "compare.baseline", "did you mean 'single'")]
    [TestCase("  by: governance.trsut\n", "compare.by", "did you mean 'governance.trust'")]
    [TestCase("  within: time.horizon_h\n", "compare.within", "not a column of the design")]
    [TestCase("  metrics: [deaths]\n", "compare.metrics", "not a metric")]
    public void ABadCompareSectionIsRefusedBeforeAnyRun(string compare, string keyPath, string fragment)
    {
        using var tmp = new TempDir();
        string exp = Write(tmp, Arms + compare);
        foreach (var args in new[] { new[] { "validate", exp }, ["sweep", exp, "--dry-run"] })
        {
            var r = CliRunner.Run(args);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(r.ExitCode, Is.EqualTo(2), $"{args[0]}: {r.Stdout}");
                Assert.That(r.Stderr, Does.Contain($"error: {exp}:1").And.Contain($": {keyPath}: ").And.Contain(fragment), args[0]);
                Assert.That(r.Stdout, Does.Not.Contain("estimate"), "nothing ran");
            }
        }
    }

    [TestCase("  baseline: single\n")]
    [TestCase("  by: governance.trust\n  baseline: 0.9\n")]
    [TestCase("  by: population.scale\n  baseline: 0.3\n")]
    [TestCase("  by: [arm, ' governance.trust']\n  baseline: platform | 0.3\n")]
    [TestCase("  by: arm\n  within: population.scale\n  baseline: platform\n")]
    public void AGoodCompareSectionIsAccepted(string compare)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("validate", Write(tmp, Arms + compare));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
    }

    [Test]
    public void ABaselineInASampledDesignIsRefused()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("validate", Write(tmp, "name: x\ndesign:\n  kind: lhs\n  samples: 4\n  factors:\n    governance.trust: {min: 0.1, max: 0.9}\ncompare:\n  baseline: '0.5'\n"));
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(":8:").And.Contain("compare.baseline: a baseline names a group of a factorial design"));
    }

    [Test]
    public void ValidateRefusesSetOnAnExperiment()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("validate", Write(tmp, Arms), "--set", "governance.trust=0.5");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("is an experiment; --set applies to scenario files"));
    }

    [Test]
    public void TheAdvantageTwinsDifferOnlyInGovernanceMode()
    {
        // sensitivity --minus pairs the two sweeps point by point: their designs, seeds and replicates must agree.
        ExperimentSpec Read(string file) =>
            ExperimentLoader.Parse(File.ReadAllText(Repo.PathOf("scenarios", "experiments", file)), file);
        var co = Read("advantage-sobol-co.yaml");
        var single = Read("advantage-sobol-single.yaml");
        string Factors(ExperimentSpec e) => string.Join(";", e.Design.Factors.Select(f => $"{f.Path}:{f.Min}:{f.Max}"));
        Assert.Multiple(() =>
        {
            Assert.That(single.MasterSeed, Is.EqualTo(co.MasterSeed));
            Assert.That(single.Replicates, Is.EqualTo(co.Replicates));
            Assert.That(single.Design.Kind, Is.EqualTo(co.Design.Kind));
            Assert.That(Factors(single), Is.EqualTo(Factors(co)));
            Assert.That(single.Fixed.Where(f => f.Key != "governance.mode"), Is.EqualTo(co.Fixed.Where(f => f.Key != "governance.mode")));
            Assert.That(co.Fixed.Single(f => f.Key == "governance.mode").Value, Is.EqualTo("co-governance"));
            Assert.That(single.Fixed.Single(f => f.Key == "governance.mode").Value, Is.EqualTo("single-government"));
        });
    }
}
