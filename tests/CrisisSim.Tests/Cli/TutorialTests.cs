using System.Text.RegularExpressions;
using CrisisSim.Cli;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// docs/tutorial.md (issue 17) works as written: every command of its bash blocks runs, in order, in a fresh folder, as
/// a student would type it (a crisissim process in that folder); its YAML snippet is the edit it describes; the output
/// it quotes is the output the commands print. The README's command lines parse, and its one-run example runs.
/// </summary>
public class TutorialTests
{
    private const string Prefix = "crisissim ";

    private static readonly Regex s_block = new(@"^```(?<lang>\w*)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

    private static List<(string Lang, string Body)> Blocks(string markdownPath) =>
        [.. s_block.Matches(File.ReadAllText(Repo.PathOf(markdownPath)).ReplaceLineEndings("\n")).Select(m => (m.Groups["lang"].Value, m.Groups["body"].Value))];

    private static string[] Words(string command)
    {
        string line = Regex.Replace(command, @"\s+#.*$", "").Trim();
        Assert.That(line, Does.Not.Contain("'").And.Not.Contain("\""), "the tutorial's commands need no quoting");
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void EveryTutorialCommandRunsInOrderAndPrintsWhatTheTutorialQuotes()
    {
        var blocks = Blocks("docs/tutorial.md");
        string quoted = blocks.Single(b => b.Lang == "text" && b.Body.Contains("(baseline)", StringComparison.Ordinal)).Body;
        string arm = blocks.Single(b => b.Lang == "yaml").Body.TrimEnd('\n');
        using var tmp = new TempDir();
        var commands = blocks.Where(b => b.Lang == "bash").SelectMany(b => b.Body.Split('\n')).Where(l => l.Trim().Length > 0).ToList();
        Assert.That(commands, Has.All.StartWith(Prefix), "every line of a bash block is a crisissim command");
        Assert.That(commands.Select(c => Words(c)[1]).Distinct(), Is.SupersetOf(new[] { "init", "validate", "run", "view", "sweep", "compare", "plot" }));

        bool edited = false;
        foreach (string command in commands)
        {
            string[] words = Words(command);
            if (words[1] == "validate" && words.Length == 3 && !edited)
            {
                AddArm(Path.Combine(tmp.Path, "my-study", "experiment.yaml"), arm); // the edit section 7 asks for, before its validate
                edited = true;
            }

            var r = CliRunner.RunProcess(words.Skip(1), tmp.Path);
            Assert.That(r.ExitCode, Is.Zero, $"{command}\n{r.Stderr}");
            if (command.Contains("sweep my-study/experiment.yaml --out my-study/results", StringComparison.Ordinal) && !edited)
            {
                Assert.That(r.Stdout.ReplaceLineEndings("\n"), Does.Contain(quoted), "section 6 quotes the first sweep's output");
            }
        }

        Assert.That(edited, Is.True);
        foreach (string file in new[] { "my-study/first-run/view-pair.html", "my-study/results/report.html", "my-study/against-hierarchy/comparison.csv",
                     "my-study/paper-figures/forest-deaths_civilian.pdf" })
        {
            Assert.That(File.Exists(Path.Combine(tmp.Path, file)), Is.True, $"the tutorial says {file} is written");
        }

        Assert.That(File.ReadAllText(Path.Combine(tmp.Path, "my-study/results-trust/comparison.csv")), Does.Contain("co-platform-low-trust"));
    }

    private static void AddArm(string experiment, string arm)
    {
        var lines = File.ReadAllLines(experiment).ToList();
        int arms = lines.FindIndex(l => l.TrimEnd() == "  arms:");
        int last = arms + 1;
        while (last < lines.Count && lines[last].StartsWith("    ", StringComparison.Ordinal))
        {
            last++;
        }

        lines.Insert(last, arm);
        File.WriteAllLines(experiment, lines);
    }

    [Test]
    public void TheReadmesCommandLinesParseAndItsOneRunRuns()
    {
        const string dotnetRun = "dotnet run --project src/CrisisSim.Cli -c Release -- ";
        var lines = Blocks("README.md").Where(b => b.Lang == "bash").SelectMany(b => b.Body.Split('\n')).Select(l => l.Trim())
            .Where(l => l.StartsWith(dotnetRun, StringComparison.Ordinal) || l.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(2));
        foreach (string line in lines)
        {
            string[] args = Words(line.StartsWith(Prefix, StringComparison.Ordinal) ? line : "crisissim " + line[dotnetRun.Length..])[1..];
            var parse = CrisisSimCli.Build().Parse(args);
            Assert.That(parse.Errors.Select(e => e.Message), Is.Empty, line);
        }

        string oneRun = lines.Single(l => Words("crisissim " + l[dotnetRun.Length..])[1] == "run");
        using var tmp = new TempDir();
        var r = CliRunner.Run([.. Words("crisissim " + oneRun[dotnetRun.Length..])[1..], "--out", tmp["run"]]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("governance co-governance (platform)"));
    }
}
