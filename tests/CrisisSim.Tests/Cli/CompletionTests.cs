using System.CommandLine;
using CrisisSim.Cli;
using CrisisSim.Cli.Commands;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// `crisissim completion bash|zsh|pwsh` (issue 17): the scripts are generated from the command tree, and each one,
/// sourced in its real shell, completes subcommands, options, option values from the catalogs, files and folders.
/// </summary>
public class CompletionTests
{
    /// <summary>
    /// A command line, its last word being completed, and exactly what the shell must offer (a folder's name without its
    /// "/"); <paramref name="Absent"/> must not be offered; <paramref name="PwshToo"/> false where PowerShell, which
    /// completes any path when a completer gives nothing, cannot tell a folder from a file or offer nothing; <paramref name="ZshToo"/>
    /// false where the capture of zsh's matches also sees the file pass that _files makes after its folder pass (zsh
    /// itself then completes the folder alone).
    /// </summary>
    private sealed record Case(string Line, string[] Expected, string[]? Absent = null, bool PwshToo = true, bool ZshToo = true);

    private static readonly Lazy<System.CommandLine.Command> s_root = new(CrisisSimCli.Build);

    private static System.CommandLine.Command Sub(string name) => s_root.Value.Subcommands.Single(c => c.Name == name);

    private static string[] LongOptions(string command) =>
        [.. Sub(command).Options.Where(o => !o.Hidden).Select(o => o.Name).Append("--help").Distinct()];

    private static IEnumerable<Case> Cases() =>
    [
        new("crisissim ", [.. s_root.Value.Subcommands.Select(c => c.Name)]),
        new("crisissim sweep --", LongOptions("sweep")),
        new("crisissim sweep x --format ", ["csv", "parquet"]),
        new("crisissim sweep --progress ", ["text", "json", "none"]),
        new("crisissim merge a b --format p", ["parquet"]),
        new("crisissim plot d --metric deaths_", [.. MetricCatalog.Runs.Select(m => m.Name).Where(n => n.StartsWith("deaths_", StringComparison.Ordinal))]),
        new("crisissim plot d --series rum", [.. MetricCatalog.Ticks.Select(m => m.Name).Where(n => n.StartsWith("rum", StringComparison.Ordinal))]),
        new("crisissim run --set governance.mo", ["governance.mode="]),
        new("crisissim validate f.yaml --set hazard.explosions.1.ti", ["hazard.explosions.1.time_h="]),
        new("crisissim completion ", ["bash", "pwsh", "zsh"]),
        new("crisissim sweep ex", ["exp.yaml", "extra"]),
        new("crisissim sweep --out res", ["results"]),
        new("crisissim sweep --out results --f", ["--force", "--format"]),
        new("crisissim plot re", ["results"], Absent: ["report.txt"], PwshToo: false, ZshToo: false),
        new("crisissim sweep --threads ", [], PwshToo: false),
    ];

    [Test]
    public void EachShellsScriptIsGeneratedFromTheCommandTree()
    {
        var root = CrisisSimCli.Build();
        var option = new Option<string>("--brand-new-option") { Description = "A new option" };
        option.AcceptOnlyFromAmong("alpha", "omega");
        root.Subcommands.Single(c => c.Name == "sweep").Options.Add(option);
        root.Subcommands.Add(new System.CommandLine.Command("brand-new-command", "A new command"));
        Assert.Multiple(() =>
        {
            foreach (string shell in CompletionCommand.Shells)
            {
                string before = CompletionCommand.Script(shell, CrisisSimCli.Build());
                string after = CompletionCommand.Script(shell, root);
                Assert.That(before, Does.Not.Contain("brand-new"), shell);
                Assert.That(after, Does.Contain("--brand-new-option").And.Contain("alpha").And.Contain("omega").And.Contain("brand-new-command"), shell);
                Assert.That(CliRunner.Run("completion", shell).Stdout, Is.EqualTo(before), $"{shell}: the command prints the script of its own tree");
            }
        });
    }

    [Test]
    public void TheCommandIsListedInHelpAndRefusesAnUnknownShell()
    {
        var help = CliRunner.Run("--help");
        Assert.That(help.Stdout, Does.Match(@"completion <bash\|pwsh\|zsh>\s+Print a shell completion script \(bash, zsh, pwsh\)"));
        var fish = CliRunner.Run("completion", "fish");
        Assert.That(fish.ExitCode, Is.EqualTo(2));
        Assert.That(fish.Stderr, Does.Contain("fish"));
    }

    [Test]
    public void BashCompletesSubcommandsOptionsValuesAndFiles()
    {
        Shells.RequireBash();
        using var dir = Workspace();
        string script = Path.Combine(dir.Path, "crisissim.bash");
        File.WriteAllText(script, CliRunner.Run("completion", "bash").Stdout);
        var cases = Cases().Append(new Case("crisissim sweep --format=p", ["parquet"])).ToList();
        Check("bash", cases, line => Bash(script, line, dir.Path));
    }

    [Test]
    public void ZshCompletesSubcommandsOptionsValuesAndFiles()
    {
        Shells.RequireZsh();
        using var dir = Workspace();
        string script = Path.Combine(dir.Path, "crisissim.zsh");
        File.WriteAllText(script, CliRunner.Run("completion", "zsh").Stdout);
        string capture = Repo.PathOf("tests", "CrisisSim.Tests", "Cli", "zsh-capture.zsh");
        Check("zsh", Cases().Where(c => c.ZshToo).ToList(), line =>
        {
            var r = Shells.Run("zsh", ["-f", capture, script, line], dir.Path);
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            return [.. Words(r.Stdout).Distinct(StringComparer.Ordinal)];
        });
    }

    [Test]
    public void PowerShellCompletesSubcommandsOptionsValuesAndFiles()
    {
        Shells.RequirePwsh();
        using var dir = Workspace();
        string script = Path.Combine(dir.Path, "crisissim.ps1");
        File.WriteAllText(script, CliRunner.Run("completion", "pwsh").Stdout);
        var cases = Cases().Where(c => c.PwshToo).ToList();
        string driver = Path.Combine(dir.Path, "complete.ps1");
        File.WriteAllText(driver, """
            param($script, $lines)
            . $script
            foreach ($line in $lines -split "`n") {
                "<line>$line"
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
            }
            """);
        var r = Shells.Run(Shells.Pwsh, ["-NoProfile", "-NonInteractive", "-File", driver, script, string.Join('\n', cases.Select(c => c.Line))], dir.Path);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (string line in r.Stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("<line>", StringComparison.Ordinal))
            {
                answers[line["<line>".Length..]] = current = [];
            }
            else if (current is not null && line.Trim().Length > 0)
            {
                current.AddRange(Words(line));
            }
        }

        Check("pwsh", cases, line => answers.TryGetValue(line, out var words) ? words : throw new AssertionException($"pwsh printed nothing for '{line}':\n{r.Stdout}"));
    }

    private static void Check(string shell, List<Case> cases, Func<string, IReadOnlyList<string>> complete) => Assert.Multiple(() =>
    {
        foreach (var c in cases)
        {
            var offered = complete(c.Line);
            string what = $"{shell}: '{c.Line}<TAB>' offers {string.Join(' ', offered)}";
            Assert.That(offered, Is.EquivalentTo(c.Expected), what);

            foreach (string absent in c.Absent ?? [])
            {
                Assert.That(offered, Has.No.Member(absent), what);
            }
        }
    });

    /// <summary>What bash's completion function gives with COMP_WORDS and COMP_CWORD set as readline would set them.</summary>
    private static List<string> Bash(string script, string line, string workingDirectory)
    {
        var words = line.Split(' ').ToList();
        if (line.Contains('=', StringComparison.Ordinal))
        {
            // '=' is in COMP_WORDBREAKS: --format=p is the three words --format, = and p.
            words = [.. words.SelectMany(w => w.Contains('=', StringComparison.Ordinal) ? new[] { w[..w.IndexOf('=', StringComparison.Ordinal)], "=", w[(w.IndexOf('=', StringComparison.Ordinal) + 1)..] } : [w])];
        }

        string setup = $"source {Shell.Quote(script)}; COMP_WORDS=({string.Join(' ', words.Select(Shell.Quote))}); COMP_CWORD={words.Count - 1}; _crisissim; printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        var r = Shells.Run("bash", ["--norc", "--noprofile", "-c", setup], workingDirectory);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Is.Empty, "the completion function writes nothing to stderr");
        return Words(r.Stdout);
    }

    /// <summary>The words of a shell's answer: trimmed, "./" and a folder's trailing "/" left off.</summary>
    private static List<string> Words(string output) =>
        [.. output.ReplaceLineEndings("\n").Split('\n').Select(w => w.Trim()).Where(w => w.Length > 0)
            .Select(w => w.StartsWith("./", StringComparison.Ordinal) ? w[2..] : w).Select(w => w.Length > 1 ? w.TrimEnd('/') : w)];

    /// <summary>A folder to complete in: exp.yaml, report.txt and the folders extra and results.</summary>
    private static TempDir Workspace()
    {
        var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "exp.yaml"), "");
        File.WriteAllText(Path.Combine(dir.Path, "report.txt"), "");
        Directory.CreateDirectory(Path.Combine(dir.Path, "extra"));
        Directory.CreateDirectory(Path.Combine(dir.Path, "results"));
        return dir;
    }
}
