using System.Globalization;
using System.Text;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>Edge cases of <see cref="YamlTreeReader"/>: duplicates, aliases, empty and odd documents.</summary>
public class YamlReaderEdgeTests
{
    private static ScenarioError FirstError(string text, string source = "edge.yaml") =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, source))!.Errors[0];

    [Test]
    public void DuplicateKey_ReportsTheSecondOccurrence_AndTheLineOfTheFirst()
    {
        var e = FirstError("name: a\ndescription: b\nname: c\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("edge.yaml", 3, 1)));
            Assert.That(e.KeyPath, Is.EqualTo("name"));
            Assert.That(e.Message, Is.EqualTo("duplicate key 'name' (first given at line 1); each key may appear once"));
        }
    }

    [Test]
    public void DuplicateKey_InANestedMapping_ReportsTheLineOfTheFirst()
    {
        var e = FirstError(CorpusFiles.Text("duplicate-key.yaml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Line, Is.EqualTo(54));
            Assert.That(e.Position.Column, Is.EqualTo(3));
            Assert.That(e.KeyPath, Does.EndWith("trust"));
            Assert.That(e.Message, Does.Contain("duplicate key 'trust' (first given at line 53)"));
        }
    }

    [Test]
    public void DuplicateKey_WithAnEmptyFirstValue_ReportsTheLineOfTheFirst()
    {
        var e = FirstError("description:\nname: a\ndescription: b\n");

        Assert.That(e.Message, Does.Contain("first given at line 1)"));
    }

    [TestCase("time:\n  tick_minutes: 10\nname: x\ntime:\n  horizon_h: 5\n", 1, 4, TestName = "DuplicateKey_FirstValueIsABlockMapping_ReportsTheLineOfTheFirstKey")]
    [TestCase("name: x\nroads:\n  - {from: a, to: b}\nroads: []\n", 2, 4, TestName = "DuplicateKey_FirstValueIsABlockList_ReportsTheLineOfTheFirstKey")]
    [TestCase("name:\n  multi-line\n  name\nname: y\n", 1, 4, TestName = "DuplicateKey_FirstValueOnTheNextLine_ReportsTheLineOfTheFirstKey")]
    public void DuplicateKey_FirstValueOnALaterLine_ReportsTheLineOfTheFirstKey(string text, int firstLine, int secondLine)
    {
        var e = FirstError(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Line, Is.EqualTo(secondLine));
            Assert.That(e.Message, Does.Contain($"first given at line {firstLine})"));
        }
    }

    [Test]
    public void DuplicateKey_InAFlowMapping_IsRefused()
    {
        var e = FirstError("name: x\ntime: {tick_minutes: 10, tick_minutes: 5}\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("edge.yaml", 2, 26)));
            Assert.That(e.Message, Does.Contain("duplicate key 'tick_minutes' (first given at line 2)"));
        }
    }

    /// <summary>An anchored list of 999 scalars (1,000 nodes) and a list of <paramref name="aliases"/> aliases to it.</summary>
    private static string AliasFanOut(int aliases)
    {
        var sb = new StringBuilder("a: &a [");
        sb.Append(string.Join(", ", Enumerable.Repeat("x", 999)));
        sb.Append("]\nb: [");
        sb.Append(string.Join(", ", Enumerable.Repeat("*a", aliases)));
        sb.Append("]\n");
        return sb.ToString();
    }

    [Test]
    public void AliasExpansion_UpToTheLimit_IsAccepted_AndOneMoreIsRefused()
    {
        // Nodes: root mapping, key a, the anchored list (1,000), key b, list b, then 1,000 per alias.
        int fits = (int)((YamlTreeReader.MaxExpandedNodes - 4) / 1000) - 1;
        Assert.That(4 + ((fits + 1) * 1000), Is.LessThanOrEqualTo(YamlTreeReader.MaxExpandedNodes));

        var accepted = YamlTreeReader.Read(AliasFanOut(fits), "fan.yaml") as YamlMapNode;
        var ex = Assert.Throws<ScenarioException>(() => YamlTreeReader.Read(AliasFanOut(fits + 1), "fan.yaml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted, Is.Not.Null);
            Assert.That(((YamlListNode)accepted!.Find("b")!).Items, Has.Count.EqualTo(fits));
            Assert.That(ex.Errors, Has.Count.EqualTo(1));
            Assert.That(ex.Errors[0].Position.Line, Is.EqualTo(2));
            Assert.That(ex.Errors[0].Position.Column, Is.EqualTo(5 + (4 * fits)), "the alias that crosses the limit");
            Assert.That(ex.Errors[0].Message, Does.Contain(YamlTreeReader.MaxExpandedNodes.ToString(CultureInfo.InvariantCulture)));
            Assert.That(ex.Errors[0].Message, Does.Contain("alias bomb"));
        }
    }

    [Test]
    public void AliasBomb_IsRefusedQuickly()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = FirstError(CorpusFiles.Text("alias-bomb.yaml"), "alias-bomb.yaml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Message, Does.Contain("alias bomb"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "an expanded bomb takes minutes; 8 s leaves room for a loaded machine");
        }
    }

    [Test]
    public void Aliases_WithinTheLimit_BindLikeCopies()
    {
        string text = CorpusFiles.Text(CorpusFiles.Base)
            .Replace("    kind: staging\n", "    kind: staging\n    blast: &b {killed: 0.01}\n", StringComparison.Ordinal)
            .Replace("    kind: shelter\n", "    kind: shelter\n    blast: *b\n", StringComparison.Ordinal);
        Assume.That(text, Does.Contain("*b"));

        var s = ScenarioLoader.Load(text, "aliases.yaml").Scenario;

        Assert.That(s.Zones.Select(z => z.Blast.Killed), Is.EqualTo(new[] { 0.1, 0.01, 0.01 }));
    }

    [TestCase("~\n")]
    [TestCase("~")]
    [TestCase("null\n")]
    [TestCase("--- ~\n")]
    public void DocumentThatIsJustNull_IsRefusedAsNotAMapping(string text)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, "null.yaml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex.Errors, Has.Count.EqualTo(1));
            Assert.That(ex.Errors[0].Position.Source, Is.EqualTo("null.yaml"));
            Assert.That(ex.Errors[0].Position.Line, Is.EqualTo(1));
            Assert.That(ex.Errors[0].KeyPath, Is.Empty);
            Assert.That(ex.Errors[0].Message, Does.StartWith("expected a mapping with the keys name, "));
            Assert.That(ex.Errors[0].Message, Does.EndWith("found nothing (null)"));
        }
    }

    [Test]
    public void QuotedTilde_IsAScalar_NotNull()
    {
        var e = FirstError("\"~\"\n");

        Assert.That(e.Message, Does.EndWith("found a scalar"));
    }

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("   \n")]
    [TestCase("# just a comment\n# and another\n")]
    public void NothingButWhitespaceOrComments_IsAnEmptyFile(string text)
    {
        var e = FirstError(text, "empty.yaml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("empty.yaml", 1, 1)));
            Assert.That(e.KeyPath, Is.Empty);
            Assert.That(e.Message, Does.StartWith("the file is empty"));
        }
    }

    [Test]
    public void SecondDocument_AfterAnExplicitEnd_IsRefused()
    {
        var e = FirstError("name: a\n...\n---\nname: b\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Line, Is.EqualTo(3));
            Assert.That(e.Message, Does.Contain("a second YAML document"));
        }
    }

    [Test]
    public void AliasAsAKey_IsRefused()
    {
        var e = FirstError("name: &n name\n*n : x\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position.Line, Is.EqualTo(2));
            Assert.That(e.Message, Does.Contain("a mapping key must be a plain word"));
        }
    }

    [Test]
    public void TooLongText_IsRefusedBeforeParsing()
    {
        string text = "name: x\n" + new string('#', YamlTreeReader.MaxTextLength);

        var e = FirstError(text, "huge.yaml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition("huge.yaml", 1, 1)));
            Assert.That(e.Message, Does.Contain("at most " + YamlTreeReader.MaxTextLength.ToString(CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public void DeeplyNestedDocument_IsRefused_NotAStackOverflow()
    {
        using var tmp = new TempDir();
        string path = tmp["deep.yaml"];
        File.WriteAllText(path, "name: " + new string('[', 10_000) + new string(']', 10_000) + "\n");

        var result = CliRunner.RunProcess(["validate", path]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
            Assert.That(result.Stderr, Does.StartWith($"error: {path}:1:"));
            Assert.That(result.Stderr, Does.Not.Contain("Stack overflow"));
        }
    }
}
