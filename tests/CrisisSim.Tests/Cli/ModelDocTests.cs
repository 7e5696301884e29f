using CrisisSim.Cli.Commands;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// docs/model.md embeds the parameter table generated from the code's [Param] attributes between two
/// marker lines; this keeps the model document and the code from drifting apart.
/// </summary>
public class ModelDocTests
{
    private const string Begin = "<!-- params:begin -->";
    private const string End = "<!-- params:end -->";
    private const string Regenerate =
        "Regenerate it with `dotnet run --project src/CrisisSim.Cli -c Release -- params --markdown` " +
        "and paste the output between the lines " + Begin + " and " + End + " in docs/model.md.";

    [Test]
    public void TheParameterTableInTheModelDocumentIsTheOneGeneratedFromTheCode()
    {
        string path = Repo.PathOf("docs", "model.md");
        Assert.That(File.Exists(path), Is.True, $"{path} is missing. " + Regenerate);
        string doc = Normalise(File.ReadAllText(path));

        int begin = doc.IndexOf(Begin, StringComparison.Ordinal);
        int end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.That(begin, Is.GreaterThanOrEqualTo(0), $"docs/model.md has no line {Begin}. " + Regenerate);
        Assert.That(end, Is.GreaterThan(begin), $"docs/model.md has no line {End} after {Begin}. " + Regenerate);
        Assert.That(doc.IndexOf(Begin, begin + Begin.Length, StringComparison.Ordinal), Is.EqualTo(-1), $"docs/model.md has {Begin} more than once");

        // Blank lines next to the markers are allowed (they keep Markdown renderers happy); the table itself must match exactly.
        string embedded = doc[(begin + Begin.Length)..end].Trim('\n');
        string generated = Normalise(ParamsCommand.MarkdownTable()).Trim('\n');
        Assert.That(embedded, Is.EqualTo(generated), "The parameter table in docs/model.md is out of date with the code's [Param] attributes. " + Regenerate);
    }

    private static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\r", "\n", StringComparison.Ordinal);
}
