using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// The sources a student can find (issue 17): every document the parameter catalog and the shipped YAML files cite is
/// in the repository, every section "§N" cited of it is a heading there, every link into docs/sources.md lands on a
/// heading, and nothing points outside the repository (the design notes the project started from are not shipped;
/// docs/sources.md holds their figures and references).
/// </summary>
public class SourcesTests
{
    private static readonly Regex s_document = new(@"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.md)\b", RegexOptions.CultureInvariant);
    private static readonly Regex s_section = new(@"§\s?(\d+(?:\.\d+)*)(?:\s?[–-]\s?§?(\d+(?:\.\d+)*))?", RegexOptions.CultureInvariant);
    private static readonly Regex s_numberedHeading = new(@"^#{1,6} (\d+(?:\.\d+)*)\.? ", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex s_sourcesLink = new(@"\]\(((?:[\w./-]*/)?sources\.md)?#([^)\s]+)\)", RegexOptions.CultureInvariant);

    /// <summary>This file, which names what it looks for.</summary>
    private const string Self = "tests/CrisisSim.Tests/Cli/SourcesTests.cs";

    /// <summary>The notes outside the repository that the project once cited, and the paths that led to them.</summary>
    private static readonly string[] s_outside = ["../shared", "shared/design", "tianjin-facts.md", "model-notes.md", "other-cases.md", "review-2026-12.md"];

    [Test]
    public void EveryParameterSourceCitesDocumentsAndSectionsThatExist()
    {
        var rows = SchemaCatalog.Table(typeof(Scenario));
        var problems = rows.SelectMany(r => Problems(r.Attribute.Source, $"the Source of {r.Path}")).ToList();
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(rows.Count(r => r.Attribute.Source.Contains("sources.md §", StringComparison.Ordinal)), Is.GreaterThan(30),
            "the catalog cites the case's figures by their section of docs/sources.md");
    }

    [Test]
    public void EveryCommentOfTheShippedYamlFilesCitesDocumentsAndSectionsThatExist()
    {
        var yaml = TrackedFiles().Where(f => f.StartsWith("scenarios/", StringComparison.Ordinal) && f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        Assert.That(yaml, Has.Some.EqualTo("scenarios/tianjin-8-12.yaml"));
        var problems = yaml.SelectMany(f => CommentBlocks(File.ReadAllLines(Repo.PathOf(f))).SelectMany(c => Problems(c.Text, $"{f}:{c.Line}"))).ToList();
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void EverySectionOfSourcesCitedAnywhereIsAHeadingOfIt()
    {
        var numbers = Sections("docs/sources.md");
        Assert.That(numbers, Is.SupersetOf(new[] { "1", "2", "3", "4", "1.1", "2.5", "3.2" }), "docs/sources.md keeps its numbered sections");
        var problems = new List<string>();
        foreach (string file in TrackedFiles().Where(f => f != Self && IsText(f)))
        {
            string text = File.ReadAllText(Repo.PathOf(file));
            foreach (Match m in Regex.Matches(text, @"sources\.md[^\n§]{0,3}§(\d+(?:\.\d+)*)", RegexOptions.CultureInvariant))
            {
                if (!numbers.Contains(m.Groups[1].Value))
                {
                    problems.Add($"{file}:{LineOf(text, m.Index)}: cites sources.md §{m.Groups[1].Value}, which is not a heading of docs/sources.md");
                }
            }
        }

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void EveryLinkIntoSourcesLandsOnAHeading()
    {
        var anchors = Anchors(File.ReadAllText(Repo.PathOf("docs", "sources.md")));
        var problems = new List<string>();
        int links = 0;
        foreach (string file in TrackedFiles().Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(Repo.PathOf(file));
            foreach (Match m in s_sourcesLink.Matches(text))
            {
                bool intoSources = m.Groups[1].Success || file == "docs/sources.md";
                if (!intoSources)
                {
                    continue;
                }

                links++;
                if (!anchors.Contains(m.Groups[2].Value))
                {
                    problems.Add($"{file}:{LineOf(text, m.Index)}: #{m.Groups[2].Value} is not a heading of docs/sources.md");
                }
            }
        }

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(links, Is.GreaterThan(10), "the documents link to the sections of docs/sources.md");
    }

    [Test]
    public void NoTrackedFilePointsOutsideTheRepository()
    {
        var files = TrackedFiles();
        Assert.That(files, Has.Member(Self), "the list of tracked files is the repository's");
        var problems = new List<string>();
        foreach (string file in files.Where(f => f != Self && IsText(f)))
        {
            string text = File.ReadAllText(Repo.PathOf(file));
            foreach (string outside in s_outside)
            {
                int at = text.IndexOf(outside, StringComparison.Ordinal);
                if (at >= 0)
                {
                    problems.Add($"{file}:{LineOf(text, at)}: mentions {outside}, which is outside the repository (cite docs/sources.md instead)");
                }
            }
        }

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [TestCase("sources.md §1.1: first press conference", 0)]
    [TestCase("sources.md §9.9: a section that does not exist", 1)]
    [TestCase("sources.md §1.5: ambulances; §1.1: private cars; §7: none", 1)]
    [TestCase("docs/validation.md §3 and model.md §5.3.22", 0)]
    [TestCase("nowhere.md: a document that does not exist", 1)]
    [TestCase("calibrated (docs/validation.md)", 0)]
    [TestCase("sources.md §1.6–1.7 and §1.6–9.1", 1)]
    public void TheCheckFindsWhatIsMissing(string citation, int problems) =>
        Assert.That(Problems(citation, "t").Count(), Is.EqualTo(problems), string.Join("\n", Problems(citation, "t")));

    /// <summary>
    /// What is wrong with the citations in <paramref name="text"/>: a document (X.md) that is not in the repository
    /// (as a path from its root or a name in docs/), or a section "§N" that is not a numbered heading of the document
    /// named last before it.
    /// </summary>
    private static IEnumerable<string> Problems(string text, string where)
    {
        var documents = s_document.Matches(text).Select(m => (m.Index, Path: Resolve(m.Groups[1].Value), Name: m.Groups[1].Value)).ToList();
        foreach (var d in documents.Where(d => d.Path is null))
        {
            yield return $"{where}: cites {d.Name}, which is neither in docs/ nor at that path in the repository";
        }

        foreach (Match m in s_section.Matches(text))
        {
            var cited = documents.LastOrDefault(d => d.Index < m.Index);
            if (cited.Path is null)
            {
                continue;
            }

            var numbers = Sections(cited.Path);
            foreach (var g in new[] { m.Groups[1], m.Groups[2] }.Where(g => g.Success && !numbers.Contains(g.Value)))
            {
                yield return $"{where}: cites {cited.Name} §{g.Value}, which is not a heading of {cited.Path}";
            }
        }
    }

    /// <summary>The repository path of a cited document, or null.</summary>
    private static string? Resolve(string name) =>
        new[] { name, "docs/" + name, "docs/" + Path.GetFileName(name) }.FirstOrDefault(p => File.Exists(Repo.PathOf(p)));

    /// <summary>The numbers of the numbered headings of a document ("1", "1.1", "5.1.4").</summary>
    private static HashSet<string> Sections(string path) =>
        [.. s_numberedHeading.Matches(File.ReadAllText(Repo.PathOf(path))).Select(m => m.Groups[1].Value)];

    /// <summary>The anchors GitHub gives the headings of a Markdown text: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. Regex.Matches(markdown, @"^#{1,6} (.+)$", RegexOptions.Multiline).Select(m => Slug(m.Groups[1].Value.Trim()))];

    private static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (c is ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    /// <summary>The comments of a YAML file, consecutive comment lines joined into one text (a citation may wrap).</summary>
    private static IEnumerable<(int Line, string Text)> CommentBlocks(string[] lines)
    {
        int start = 0;
        var block = new StringBuilder();
        for (int i = 0; i <= lines.Length; i++)
        {
            int hash = i < lines.Length ? CommentStart(lines[i]) : -1;
            bool wholeLine = hash >= 0 && lines[i][..hash].Trim().Length == 0;
            if (block.Length > 0 && (hash < 0 || !wholeLine))
            {
                yield return (start, block.ToString());
                block.Clear();
            }

            if (hash >= 0)
            {
                if (block.Length == 0)
                {
                    start = i + 1;
                }

                block.Append(lines[i][(hash + 1)..]).Append(' ');
                if (!wholeLine)
                {
                    yield return (start, block.ToString());
                    block.Clear();
                }
            }
        }
    }

    /// <summary>Where a YAML comment starts on a line ('#' at the start or after a blank, outside quotes), or -1.</summary>
    private static int CommentStart(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsText(string file) =>
        Path.GetExtension(file) is ".md" or ".cs" or ".yaml" or ".yml" or ".txt" or ".sh" or ".json" or ".csproj" or ".props" or ".sln" or ".cjs" or ""
        && File.Exists(Repo.PathOf(file)) && !File.ReadAllBytes(Repo.PathOf(file)).Contains((byte)0);

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    /// <summary>The files git tracks in the repository (forward slashes, from its root).</summary>
    private static IReadOnlyList<string> TrackedFiles()
    {
        var start = new ProcessStartInfo("git", ["-C", Repo.Root, "ls-files", "-z"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        string output = git.StandardOutput.ReadToEnd();
        string error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.That(git.ExitCode, Is.Zero, "git ls-files: " + error);
        return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Repo.PathOf(f)))];
    }
}
