using CrisisSim.Cli;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Tests.Scenarios;

/// <summary>The design and scenario hashes digest an unambiguous encoding: different documents differ, equal ones agree.</summary>
public class DesignHashTests
{
    private static string HashOf(string yaml) => ScenarioLoader.Hash(YamlTreeReader.Read(yaml, "t.yaml")!);

    // pairs whose old encoding (keys written raw, values quoted without escaping backslashes) was identical
    [TestCase("a: '1'\nb: '2'\n", "'a:\"1\",b': '2'\n")]
    [TestCase("a: [b]\n", "a: ['b']\n")]
    [TestCase("a: ~\n", "a: ''\n")]
    public void DocumentsThatUsedToCollideHashDifferently(string first, string second) =>
        Assert.That(HashOf(first), Is.Not.EqualTo(HashOf(second)));

    [Test]
    public void EqualContentHashesAlikeWhateverTheLayout()
    {
        string block = "# comment\nname: x\nzones:\n  a:\n    kind: shelter\n    list: [1, 2]\n";
        string flow = "name: x\nzones: {a: {kind: shelter, list: [1, 2]}}\n";
        string anchored = "name: x\nzones:\n  a: &z\n    kind: shelter\n    list: [1, 2]\n";

        Assert.That(new[] { HashOf(flow), HashOf(anchored), HashOf(block) }, Is.All.EqualTo(HashOf(block)));
    }

    [Test]
    public void TheEncodingIsLengthPrefixed() =>
        Assert.That(ScenarioLoader.CanonicalText(YamlTreeReader.Read("a: 'x,y'\nb: [1, ~]\n", "t.yaml")!),
            Is.EqualTo("m2{k1:aq3:x,yk1:bl2[s1:1~]}"));

    [Test]
    public void TwoDesignsThatUsedToShareADesignHashDoNot()
    {
        // Two arms x and y, against one arm whose name spells the rest of the first design in the old encoding.
        const string twoArms = "name: e\nscenario: built-in\ndesign:\n  kind: factorial\n  arms:\n    x: {governance.mode: co-governance}\n    y: {governance.mode: single-government}\n";
        const string oneArm = "name: e\nscenario: built-in\ndesign:\n  kind: factorial\n  arms:\n    'x:{governance.mode:\"co-governance\",},y': {governance.mode: single-government}\n";
        var a = ExperimentSource.FromText(twoArms, "a.yaml", ".", allowLarge: false);
        var b = ExperimentSource.FromText(oneArm, "b.yaml", ".", allowLarge: false);
        var again = ExperimentSource.FromText(twoArms, "c.yaml", ".", allowLarge: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Points, Has.Count.EqualTo(2));
            Assert.That(b.Points, Has.Count.EqualTo(1));
            Assert.That(a.DesignHash, Is.Not.EqualTo(b.DesignHash));
            Assert.That(again.DesignHash, Is.EqualTo(a.DesignHash));
        }
    }
}
