using System.Reflection;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// The CLI stays a thin shell (issue 13): read from its sources, so a shortcut cannot hide. Comments are not code and
/// are left out; everything else counts.
/// </summary>
public class ThinCliTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 60;
    private static readonly string[] s_controlWords = ["if", "else", "for", "foreach", "while", "using", "try", "catch", "finally", "switch", "lock", "do", "fixed", "return", "throw"];

    private static IEnumerable<(string File, string[] Lines)> Sources() =>
        Directory.EnumerateFiles(Repo.PathOf("src", "CrisisSim.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Repo.PathOf("src", "CrisisSim.Cli"), f), File.ReadAllLines(f)));

    private static IEnumerable<(string File, int Line, string Code)> CodeLines() =>
        from s in Sources()
        from l in s.Lines.Select((text, i) => (Text: text, Number: i + 1))
        where !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal)
        select (s.File, l.Number, Regex.Replace(l.Text, @"\s//[^""]*$", ""));

    [Test]
    public void OnlyProgramCsTouchesTheProcessConsole()
    {
        var uses = CodeLines().Where(l => l.Code.Contains("Console.", StringComparison.Ordinal) && l.File != "Program.cs").Select(l => $"{l.File}:{l.Line}");
        Assert.That(uses, Is.Empty, "commands write to their CommandOutput, never to the global console");
    }

    [Test]
    public void FileNamesAreSpelledOnlyInFileNames()
    {
        var names = typeof(FileNames).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Where(n => n.Contains('.', StringComparison.Ordinal)).ToList();
        Assert.That(names, Does.Contain("runs.csv").And.Contain("sweep.json").And.Contain(".partial"));
        var literals = CodeLines().Where(l => l.File != Path.Combine("Output", "FileNames.cs"))
            .SelectMany(l => names.Where(n => l.Code.Contains(n, StringComparison.Ordinal)).Select(n => $"{l.File}:{l.Line}: {n}"));
        Assert.That(literals, Is.Empty, "a file name is a FileNames constant, so renaming it is one edit");
    }

    [Test]
    public void WriteToTemporaryThenRenameExistsOnce()
    {
        var users = CodeLines().Where(l => l.Code.Contains("FileNames.TempKind", StringComparison.Ordinal)).Select(l => l.File).Distinct();
        Assert.That(users, Is.EquivalentTo(new[] { Path.Combine("Output", "OutputFile.cs") }), "OutputFile.AtomicWrite is the one writer of temporary files");
    }

    [Test]
    public void NoFileOverFourHundredLinesAndNoMethodOverSixty()
    {
        var files = Sources().ToList();
        Assert.That(files, Has.Count.GreaterThan(20));
        Assert.Multiple(() =>
        {
            foreach (var (file, lines) in files)
            {
                Assert.That(lines, Has.Length.AtMost(MaxFileLines), file);
                foreach (var (line, length) in Methods(lines))
                {
                    Assert.That(length, Is.AtMost(MaxMethodLines), $"{file}:{line}");
                }
            }
        });
    }

    /// <summary>
    /// Bodies in this repository's style (Allman braces): a line with a parameter list and no control word, then a
    /// lone "{" at its indentation, up to the "}" (or "});", "};") at the same indentation. Lambdas and initializers count too.
    /// </summary>
    private static IEnumerable<(int Line, int Length)> Methods(string[] lines)
    {
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            string signature = lines[i].TrimStart();
            string indent = lines[i][..(lines[i].Length - signature.Length)];
            string first = signature.Split(' ', '(')[0];
            if (!signature.Contains('(', StringComparison.Ordinal) || s_controlWords.Contains(first) || Regex.IsMatch(signature, @"\b(class|record|struct|interface)\b") || lines[i + 1] != indent + "{")
            {
                continue;
            }

            var close = new Regex("^" + indent + @"\}[);,]*$");
            int end = Array.FindIndex(lines, i + 2, l => close.IsMatch(l));
            if (end > 0)
            {
                yield return (i + 1, end - i + 1);
            }
        }
    }
}
