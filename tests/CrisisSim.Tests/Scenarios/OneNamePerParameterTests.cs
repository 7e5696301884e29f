using CrisisSim.Cli;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// One parameter, one name: YAML aliases become independent copies, so an override changes only its own path;
/// paths are normalised (whitespace, list indices with leading zeros, a parent and a child path), and one
/// parameter given twice, in any spelling, is refused naming both spellings.
/// </summary>
public class OneNamePerParameterTests
{
    private static string BaseText => CorpusFiles.Text(CorpusFiles.Base);

    private static YamlTreeNode At(YamlTreeNode root, string path)
    {
        var node = root;
        foreach (string key in path.Split('.'))
        {
            node = node switch
            {
                YamlMapNode m => m.Find(key)!,
                YamlListNode l => l.Items[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
                _ => throw new InvalidOperationException(path),
            };
        }

        return node;
    }

    private static string ValueAt(YamlTreeNode root, string path) => ((YamlScalarNode)At(root, path)).Value;

    private static IEnumerable<YamlTreeNode> Nodes(YamlTreeNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMapNode m => m.Entries.SelectMany(e => new[] { e.Key, e.Value }),
            YamlListNode l => l.Items,
            _ => [],
        };
        foreach (var c in children.SelectMany(Nodes))
        {
            yield return c;
        }
    }

    // alias shapes: the document, the override, the path that must keep its value, and that value
    private static readonly object[] s_aliasShapes =
    [
        new object[] { "a: &m {x: 1}\nb: *m\n", "a.x=2", "b.x", "1" },
        new object[] { "a: &m {x: 1}\nb: *m\n", "b.x=2", "a.x", "1" },
        new object[] { "a: &l [1, 2]\nb: *l\n", "b.0=9", "a.0", "1" },
        new object[] { "a: &s 1\nb: *s\n", "b=2", "a", "1" },
        new object[] { "base: &b {inner: &i {x: 1}}\nc: *b\nd: *i\n", "c.inner.x=5", "base.inner.x", "1" },
        new object[] { "base: &b {inner: &i {x: 1}}\nc: *b\nd: *i\n", "c.inner.x=5", "d.x", "1" },
        new object[] { "a: &m {x: 1}\nl: [*m, *m]\n", "l.0.x=3", "l.1.x", "1" },
        new object[] { "a: &m {x: 1}\nb: &n {y: *m}\nc: *n\n", "c.y.x=7", "b.y.x", "1" },
        new object[] { "a: &m {x: [1, 2]}\nb: *m\n", "b.x.1=5", "a.x.1", "2" },
    ];

    [TestCaseSource(nameof(s_aliasShapes))]
    public void AnOverrideOfAnAliasedNodeChangesOnlyItsOwnPath(string yaml, string assignment, string otherPath, string otherValue)
    {
        var root = YamlTreeReader.Read(yaml, "t.yaml")!;
        ScenarioOverrides.Apply(root, assignment);
        string target = assignment[..assignment.IndexOf('=', StringComparison.Ordinal)];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ValueAt(root, otherPath), Is.EqualTo(otherValue), $"{otherPath} shared the anchor and must not change");
            Assert.That(ValueAt(root, target), Is.EqualTo(assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        }
    }

    [TestCaseSource(nameof(s_aliasShapes))]
    public void AliasesAreExpandedIntoATreeWhereNoNodeIsReachableTwice(string yaml, string assignment, string otherPath, string otherValue)
    {
        var root = YamlTreeReader.Read(yaml, "t.yaml")!;
        var all = Nodes(root).ToList();
        Assert.That(all.Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(all.Count), "a node is shared between two paths");
    }

    [Test]
    public void SetOnAnAliasedZoneSettingChangesOnlyThatZone()
    {
        string text = BaseText
            .Replace("    blast: {killed: 0.1,", "    blast: &b {killed: 0.1,", StringComparison.Ordinal)
            .Replace("  staging:\n    kind: staging\n", "  staging:\n    kind: staging\n    blast: *b\n", StringComparison.Ordinal);
        Assume.That(text, Does.Contain("blast: *b"));
        var s = ScenarioLoader.Load(text, "alias.yaml", ["zones.staging.blast.killed=0.2"]).Scenario;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Zones.Single(z => z.Id == "site").Blast.Killed, Is.EqualTo(0.1));
            Assert.That(s.Zones.Single(z => z.Id == "staging").Blast.Killed, Is.EqualTo(0.2));
        }
    }

    [Test]
    public void SetOnAnAliasedRoadChangesOnlyThatRoad()
    {
        string text = BaseText
            .Replace("  - {from: staging, to: site, travel_time_h: 0.5", "  - &r {from: staging, to: site, travel_time_h: 0.5", StringComparison.Ordinal)
            .Replace("hazard:\n", "  - *r\nhazard:\n", StringComparison.Ordinal);
        var s = ScenarioLoader.Load(text, "alias.yaml", ["roads.2.travel_time_h=3"]).Scenario;

        Assert.That(s.Roads.Select(r => r.TravelTimeH), Is.EqualTo(new[] { 0.5, 0.5, 3 }));
    }

    [TestCase("governance.trust", " governance.trust ", ExpectedResult = true)]
    [TestCase("governance.trust", "governance . trust", ExpectedResult = true)]
    [TestCase("roads.1.travel_time_h", "roads.01.travel_time_h", ExpectedResult = true)]
    [TestCase("roads.0.travel_time_h", "roads.000.travel_time_h", ExpectedResult = true)]
    [TestCase("roads.10.travel_time_h", "roads.1.travel_time_h", ExpectedResult = false)]
    [TestCase("governance", "governance.trust", ExpectedResult = true)]
    [TestCase("governance.trust", "governance.trustee", ExpectedResult = false)]
    public bool SpellingsOfOneParameterShareANormalForm(string a, string b) =>
        ParameterPath.Overlaps(ParameterPath.Normalise(a), ParameterPath.Normalise(b));

    [TestCase("governance.trust=0.2", "governance.trust =0.8")]
    [TestCase(" governance.trust=0.2", "governance.trust=0.8")]
    [TestCase("governance.trust=0.2", "governance. trust=0.8")]
    [TestCase("roads.1.travel_time_h=1", "roads.01.travel_time_h=2")]
    [TestCase("roads.0.travel_time_h=1", "roads.00.travel_time_h=2")]
    [TestCase("governance={mode: co-governance}", "governance.mode=single-government")]
    [TestCase("roads.01.travel_time_h=2", "roads.1={from: staging, to: site, travel_time_h: 1}")]
    public void TwoSpellingsOfOneParameterOnTheCommandLineAreRefusedNamingBoth(string first, string second)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(BaseText, CorpusFiles.Base, [first, second]))!;
        var e = ex.Errors.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Source, Is.EqualTo("--set " + second));
            Assert.That(e.Message, Does.Contain($"'--set {first}'").And.Contain($"'--set {second}'").And.Contain("give each parameter once"));
        }
    }

    [Test]
    public void ANormalisedIndexReachesTheSameListItem()
    {
        var s = ScenarioLoader.Load(BaseText, CorpusFiles.Base, ["roads.01.travel_time_h=2", " governance.trust =0.7"]).Scenario;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.Roads[1].TravelTimeH, Is.EqualTo(2));
            Assert.That(s.Governance.Trust, Is.EqualTo(0.7));
        }
    }

    [Test]
    public void RunWithOneParameterSetTwice_Exits2AndWritesNothing()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("run", CorpusFiles.PathOf(CorpusFiles.Base), "--set", "governance.trust=0.2", "--set", "governance.trust =0.8", "--out", tmp["o"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
            Assert.That(r.Stderr, Does.Contain("error: --set governance.trust =0.8: governance.trust: the parameter governance.trust is set twice"));
            Assert.That(r.Stderr, Does.Not.Contain("   at "));
            Assert.That(Directory.Exists(tmp["o"]), Is.False);
        }
    }

    private const string Head = "name: x\nscenario: built-in\nreplicates: 2\n";

    // experiment bodies (after name, scenario, replicates) naming one parameter twice; the line and spellings expected
    [TestCase("design:\n  kind: factorial\n  factors:\n    governance.trust: [0.3]\n    'governance.trust ': [0.6]\n", 8, "'governance.trust '", "'governance.trust' in design.factors (line 7)")]
    [TestCase("design:\n  kind: factorial\n  factors:\n    roads.1.travel_time_h: [1]\n    roads.01.travel_time_h: [2]\n", 8, "'roads.01.travel_time_h'", "'roads.1.travel_time_h' in design.factors (line 7)")]
    [TestCase("fixed:\n  governance.trust: 0.5\ndesign:\n  kind: factorial\n  factors:\n    governance.trust: [0.3, 0.6]\n", 9, "'governance.trust'", "'governance.trust' in fixed (line 5)")]
    [TestCase("fixed:\n  governance.trust: 0.5\n  ' governance.trust': 0.6\ndesign:\n  kind: factorial\n  factors:\n    governance.mode: [co-governance]\n", 6, "' governance.trust'", "in fixed (line 5)")]
    [TestCase("design:\n  kind: factorial\n  arms:\n    a: {governance.trust: 0.3, 'governance.trust ': 0.4}\n", 7, "'governance.trust '", "'governance.trust' in design.arms.a (line 7)")]
    [TestCase("design:\n  kind: factorial\n  arms:\n    a: {governance.trust: 0.3}\n  factors:\n    governance.trust: [0.5]\n", 9, "'governance.trust'", "'governance.trust' in design.arms.a (line 7)")]
    [TestCase("fixed:\n  governance.mode: co-governance\ndesign:\n  kind: factorial\n  arms:\n    a: {governance.mode: single-government}\n", 9, "'governance.mode'", "in fixed (line 5)")]
    public void TwoNamesForOneParameterInAnExperimentAreRefusedAtTheSecond(string body, int line, string second, string first)
    {
        var ex = Assert.Throws<ScenarioException>(() => ExperimentLoader.Parse(Head + body, "e.yaml"))!;
        var e = ex.Errors.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Line, Is.EqualTo(line), e.ToString());
            Assert.That(e.Message, Does.Contain(second).And.Contain(first).And.Contain("give each parameter once"));
        }
    }

    [Test]
    public void DifferentArmsMaySetTheSameParameter()
    {
        var spec = ExperimentLoader.Parse(Head + "design:\n  kind: factorial\n  arms:\n    a: {governance.trust: 0.3}\n    b: {'governance.trust ': 0.6}\n", "e.yaml");
        Assert.That(spec.Design.Arms.Select(a => a.Assignments.Single().Key), Is.EqualTo(new[] { "governance.trust", "governance.trust" }));
    }

    [Test]
    public void TheFactorColumnOfRunsCsvIsTheNormalisedPath()
    {
        var exp = ExperimentSource.FromText(Head + "design:\n  kind: factorial\n  factors:\n    ' roads.01.travel_time_h ': [1, 2]\n", "e.yaml", ".", allowLarge: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exp.FactorColumns, Is.EqualTo(new[] { "roads.1.travel_time_h" }));
            Assert.That(exp.Points[1].Overrides, Is.EqualTo(new[] { "roads.1.travel_time_h=2" }));
        }
    }
}
