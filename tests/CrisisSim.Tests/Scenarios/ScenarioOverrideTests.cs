using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary><c>--set PATH=VALUE</c> overrides: checked like values in the file, with errors that name the override.</summary>
public class ScenarioOverrideTests
{
    /// <summary>The single error of <paramref name="assignment"/> names it as its source, the key path and the problem.</summary>
    private static void AssertRefusedAt(string assignment, string path, string fragment)
    {
        var e = SingleError(assignment);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set " + assignment));
            Assert.That(e.KeyPath, Is.EqualTo(path));
            Assert.That(e.Message, Does.Contain(fragment));
        }
    }

    private static string BaseText => CorpusFiles.Text(CorpusFiles.Base);

    private static ScenarioError SingleError(params string[] overrides)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(BaseText, CorpusFiles.Base, overrides));
        Assert.That(ex.Errors, Has.Count.EqualTo(1), ex.Message);
        return ex.Errors[0];
    }

    [Test]
    public void UnknownLastSegment_SuggestsTheKey_AndNamesTheOverride()
    {
        var e = SingleError("governance.trsut=0.9");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("--set governance.trsut=0.9", 0, 0)));
            Assert.That(e.KeyPath, Is.EqualTo("governance.trsut"));
            Assert.That(e.Message, Does.Contain("unknown key 'trsut'; did you mean 'trust'?"));
            Assert.That(e.ToString(), Does.StartWith("--set governance.trsut=0.9: governance.trsut: unknown key"));
        }
    }

    [Test]
    public void UnknownFirstSegment_SuggestsTheSection()
    {
        var e = SingleError("governanc.trust=0.9");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set governanc.trust=0.9"));
            Assert.That(e.KeyPath, Is.EqualTo("governanc"));
            Assert.That(e.Message, Does.Contain("did you mean 'governance'?"));
        }
    }

    [Test]
    public void UnknownSegment_WithNoCloseMatch_ListsTheKeys()
    {
        var e = SingleError("governance.budget=1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.KeyPath, Is.EqualTo("governance.budget"));
            Assert.That(e.Message, Does.Contain("the keys allowed here are: preset, mode, communication, trust"));
            Assert.That(e.Message, Does.Not.Contain("did you mean"));
        }
    }

    [Test]
    public void TextForANumber_IsATypeErrorNamingTheOverride()
    {
        var e = SingleError("governance.trust=abc");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set governance.trust=abc"));
            Assert.That(e.Position.Line, Is.Zero);
            Assert.That(e.KeyPath, Is.EqualTo("governance.trust"));
            Assert.That(e.Message, Is.EqualTo("expected a number from 0 to 1, found 'abc'"));
            Assert.That(e.ToString(), Is.EqualTo("--set governance.trust=abc: governance.trust: expected a number from 0 to 1, found 'abc'"));
        }
    }

    [Test]
    public void OutOfRangeValue_IsARangeErrorNamingTheOverride()
    {
        var e = SingleError("governance.trust=1.5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set governance.trust=1.5"));
            Assert.That(e.Message, Does.Contain("1.5 is out of range; expected a number from 0 to 1"));
        }
    }

    [Test]
    public void MisspeltEnumValue_Suggests()
    {
        var e = SingleError("governance.mode=cogovernance");

        Assert.That(e.Message, Does.Contain("did you mean 'co-governance'?"));
    }

    [TestCase("roads.5.travel_time_h=1", "roads.5", "'5' is not an index of this list; expected 0 to 1")]
    [TestCase("roads.2=x", "roads.2", "'2' is not an index of this list; expected 0 to 1")]
    [TestCase("roads.-1.to=site", "roads.-1", "'-1' is not an index of this list")]
    [TestCase("roads.first.to=site", "roads.first", "'first' is not an index of this list")]
    [TestCase("hazard.toxic.zones.1=staging", "hazard.toxic.zones.1", "expected 0 to 0")]
    public void ListIndexOutOfRange_IsRefused(string assignment, string path, string fragment) => AssertRefusedAt(assignment, path, fragment);

    [Test]
    public void ListIndex_IntoAnEmptyList_SaysTheListIsEmpty()
    {
        // (two overrides of one list are refused as one parameter given twice, so the empty list is in the document)
        var root = YamlTreeReader.Read("hazard:\n  explosions: []\n", "t.yaml")!;
        var e = Assert.Throws<ScenarioException>(() => ScenarioOverrides.Apply(root, "hazard.explosions.0.zone=site"))!.Errors.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.KeyPath, Is.EqualTo("hazard.explosions.0"));
            Assert.That(e.Message, Does.Not.Contain("-1"));
        }
    }

    [Test]
    public void KeyUnderASingleValue_IsRefused()
    {
        var e = SingleError("name.x=1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.KeyPath, Is.EqualTo("name.x"));
            Assert.That(e.Message, Is.EqualTo("'name' is a single value, so it has no key 'x'"));
        }
    }

    [TestCase("governance.trust", "", "expected PATH=VALUE")]
    [TestCase("=0.9", "", "expected PATH=VALUE")]
    [TestCase("governance..trust=0.9", "governance..trust", "expected a dotted key path")]
    [TestCase("governance.trust=[0.9", "", "invalid YAML")]
    [TestCase("governance.trust=*a", "", "alias *a refers to no anchor")]
    public void MalformedAssignment_IsRefused(string assignment, string path, string fragment) => AssertRefusedAt(assignment, path, fragment);

    [Test]
    public void EmptyValue_IsNull()
    {
        var e = SingleError("governance.trust=");

        Assert.That(e.Message, Is.EqualTo("expected a number from 0 to 1, found nothing (null)"));
    }

    [Test]
    public void ValidatorError_OnAnOverriddenValue_PointsAtTheOverride()
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(BaseText, CorpusFiles.Base, ["actors.fire.base=nowhere"]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex.Errors[0].Position.Source, Is.EqualTo("--set actors.fire.base=nowhere"));
            Assert.That(ex.Errors[0].KeyPath, Is.EqualTo("actors.fire.base"));
            Assert.That(ex.Errors[0].Message, Does.Contain("no zone 'nowhere' is defined"));
        }
    }

    [Test]
    public void ValidOverride_ChangesTheValueAndTheHash()
    {
        var plain = ScenarioLoader.Load(BaseText, CorpusFiles.Base);
        var changed = ScenarioLoader.Load(BaseText, CorpusFiles.Base, ["governance.trust=0.9"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Scenario.Governance.Trust, Is.EqualTo(0.6));
            Assert.That(changed.Scenario.Governance.Trust, Is.EqualTo(0.9));
            Assert.That(changed.Hash, Is.Not.EqualTo(plain.Hash));
        }
    }

    [Test]
    public void ValidOverrides_ReachKeyedMapsListsAndNewKeys()
    {
        var s = ScenarioLoader.Load(BaseText, CorpusFiles.Base,
        [
            "zones.site.residents=5",
            "hazard.toxic.zones=[site, staging]",
            "roads.0.travel_time_h=2",
            "governance.mode=co-governance",
            "governance.legal.authorisation_delay_h=3",
        ]).Scenario;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Zones[0].Residents, Is.EqualTo(5));
            Assert.That(s.Hazard.Toxic.Zones, Is.EqualTo(new[] { "site", "staging" }));
            Assert.That(s.Roads[0].TravelTimeH, Is.EqualTo(2));
            Assert.That(s.Governance.Mode, Is.EqualTo(GovernanceMode.CoGovernance));
            Assert.That(s.Governance.Legal.AuthorisationDelayH, Is.EqualTo(3));
        }
    }

    [Test]
    public void TwoOverridesOfTheSamePath_AreRefusedNamingBoth()
    {
        // Formerly the later one silently won; now one parameter has one value on the command line.
        var e = SingleError("governance.trust=0.2", "governance.trust=0.8");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set governance.trust=0.8"));
            Assert.That(e.Message, Does.Contain("'--set governance.trust=0.2'").And.Contain("'--set governance.trust=0.8'").And.Contain("give each parameter once"));
        }
    }

    [Test]
    public void Override_CanRepairAFileDefect()
    {
        var s = ScenarioLoader.Load(CorpusFiles.Text("range-trust.yaml"), "range-trust.yaml", ["governance.trust=0.5"]).Scenario;

        Assert.That(s.Governance.Trust, Is.EqualTo(0.5));
    }

    [Test]
    public void CliValidate_UnknownOverride_Exits2NamingTheOverride()
    {
        string path = CorpusFiles.PathOf(CorpusFiles.Base);

        var result = CliRunner.Run("validate", path, "--set", "governance.trsut=0.9");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.StartWith("error: --set governance.trsut=0.9: governance.trsut: unknown key 'trsut'; did you mean 'trust'?"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public void CliRun_BadOverride_Exits2AndCreatesNoOutputFolder()
    {
        using var tmp = new TempDir();
        string outDir = tmp["out"];

        var result = CliRunner.Run("run", CorpusFiles.PathOf(CorpusFiles.Base), "--set", "governance.trust=abc", "--out", outDir);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(Directory.Exists(outDir), Is.False);
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.StartWith("error: --set governance.trust=abc: governance.trust: expected a number from 0 to 1, found 'abc'"));
        }
    }

    [Test]
    public void CliValidate_ValidOverride_Succeeds()
    {
        var result = CliRunner.Run("validate", CorpusFiles.PathOf(CorpusFiles.Base), "--set", "governance.trust=0.9");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain(": ok"));
            Assert.That(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.StartWith("warning: "), "no error (the base has no medical, shelter or monitoring actor: warnings)");
        }
    }
}
