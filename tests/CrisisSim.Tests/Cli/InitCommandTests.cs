using CrisisSim.Cli.Commands;
using CrisisSim.Cli.Commands.Init;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// crisissim init (issue 17): a new folder whose scenario and experiment validate and run, carry the modeline of the
/// schema written beside them, and a copy of a shipped experiment that names its copied scenario and posterior. Nothing
/// is written when anything would be replaced without --force.
/// </summary>
public class InitCommandTests
{
    private static readonly string[] s_written = ["experiment.schema.json", "experiment.yaml", "scenario.schema.json", "scenario.yaml"];

    private static string[] FilesIn(string dir) =>
        [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    [TestCase(null)]
    [TestCase("--minimal")]
    public void TheStarterFolderValidatesAndItsExperimentSweeps(string? option)
    {
        using var tmp = new TempDir();
        string dir = tmp["study"];
        var r = CliRunner.Run(["init", dir, .. option is null ? Array.Empty<string>() : [option]]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(FilesIn(dir), Is.EqualTo(s_written), "four files and no lock, owner or temporary file");
        Assert.That(r.Stdout, Does.Contain($"crisissim sweep {dir}/experiment.yaml --out {dir}/results"));

        string scenario = File.ReadAllText(Path.Combine(dir, "scenario.yaml"));
        Assert.That(scenario, Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "experiment.yaml")), Does.StartWith("# yaml-language-server: $schema=experiment.schema.json\n"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "scenario.schema.json")), Is.EqualTo(SchemaCommand.Text("scenario")));
        string shipped = option is null ? StarterFiles.DefaultFrom : StarterFiles.MinimalFrom;
        Assert.That(scenario, Does.EndWith(CliRunner.Run(["scenarios", shipped]).Stdout), "the shipped scenario, byte for byte after the modeline");

        var validate = CliRunner.Run(["validate", Path.Combine(dir, "scenario.yaml"), Path.Combine(dir, "experiment.yaml")]);
        Assert.That(validate.ExitCode, Is.Zero, validate.Stderr);
        Assert.That(validate.Stdout, Does.Contain("3 points × 10 replicates = 30 runs on scenario.yaml"));

        var sweep = CliRunner.Run(["sweep", Path.Combine(dir, "experiment.yaml"), "--out", Path.Combine(dir, "results"), "--no-report", "--threads", "2"]);
        Assert.That(sweep.ExitCode, Is.Zero, sweep.Stderr);
        Assert.That(File.ReadAllLines(Path.Combine(dir, "results", "runs.csv")), Has.Length.EqualTo(31));
        Assert.That(sweep.Stdout, Does.Contain("co-platform:"));
    }

    [Test]
    public void AShippedExperimentIsCopiedWithItsScenarioAndPosteriorAndRunsFromTheCopies()
    {
        using var tmp = new TempDir();
        string dir = tmp["posterior-study"];
        var r = CliRunner.Run(["init", dir, "--from", "builtin:governance-over-posterior"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(FilesIn(dir), Is.EqualTo(new[]
        {
            "experiment.schema.json", "experiment.yaml", "posterior/tianjin-abc/calibration.json", "posterior/tianjin-abc/posterior.csv",
            "scenario.schema.json", "scenario.yaml",
        }));

        string experiment = File.ReadAllText(Path.Combine(dir, "experiment.yaml"));
        string original = CliRunner.Run(["scenarios", "builtin:governance-over-posterior"]).Stdout;
        string[] changed = [.. experiment.Split('\n').Skip(1).Zip(original.Split('\n')).Where(p => p.First != p.Second).Select(p => p.First)];
        Assert.That(changed, Is.EqualTo(new[] { "scenario: scenario.yaml", "  posterior: posterior/tianjin-abc" }), "only the two paths change, comments and layout kept");
        Assert.That(File.ReadAllText(Path.Combine(dir, "posterior/tianjin-abc/posterior.csv")),
            Is.EqualTo(File.ReadAllText(Repo.PathOf("scenarios", "posterior", "tianjin-abc", "posterior.csv"))));

        // the copy runs over the copied posterior: change the scenario and the change shows in the dry run's hash
        var before = CliRunner.Run(["sweep", Path.Combine(dir, "experiment.yaml"), "--dry-run"]);
        Assert.That(before.ExitCode, Is.Zero, before.Stderr);
        Assert.That(before.Stdout, Does.Contain("scenario.yaml"));
        File.WriteAllText(Path.Combine(dir, "scenario.yaml"), File.ReadAllText(Path.Combine(dir, "scenario.yaml")).Replace("horizon_h: 72", "horizon_h: 48", StringComparison.Ordinal));
        var after = CliRunner.Run(["sweep", Path.Combine(dir, "experiment.yaml"), "--dry-run"]);
        Assert.That(after.Stdout, Is.Not.EqualTo(before.Stdout), "the experiment reads the folder's scenario, not the shipped one");
    }

    [Test]
    public void NothingIsWrittenWhenAnyFileWouldBeReplaced()
    {
        using var tmp = new TempDir();
        string dir = tmp["study"];
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "experiment.yaml"), "mine\n");
        var r = CliRunner.Run(["init", dir]);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("experiment.yaml: exists already; nothing was written. Pass --force"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(FilesIn(dir), Is.EqualTo(new[] { "experiment.yaml" }));
        Assert.That(File.ReadAllText(Path.Combine(dir, "experiment.yaml")), Is.EqualTo("mine\n"));

        Assert.That(CliRunner.Run(["init", dir, "--force", "--minimal"]).ExitCode, Is.Zero);
        Assert.That(FilesIn(dir), Is.EqualTo(s_written));
        Assert.That(File.ReadAllText(Path.Combine(dir, "experiment.yaml")), Does.Contain("scenario: scenario.yaml"));

        Directory.CreateDirectory(tmp["other/scenario.yaml"]);
        var folder = CliRunner.Run(["init", tmp["other"], "--force"]);
        Assert.That(folder.ExitCode, Is.EqualTo(2));
        Assert.That(folder.Stderr, Does.Contain("scenario.yaml: is a folder"));
        Assert.That(FilesIn(tmp["other"]), Is.Empty, "even with --force, a folder in the way stops everything before the first write");
    }

    [TestCase("--from", "builtin:posterior/tianjin-abc/posterior.csv", "is a data file")]
    [TestCase("--from", "scenarios/tianjin-8-12.yaml", "expected a shipped scenario or experiment")]
    [TestCase("--from", "builtin:no-such", "no such shipped file")]
    public void BadSourcesAreRefused(string option, string value, string message)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run(["init", tmp["x"], option, value]);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
        Assert.That(Directory.Exists(tmp["x"]), Is.False);
        Assert.That(CliRunner.Run(["init", tmp["x"], "--minimal", "--from", "builtin:tianjin-8-12"]).Stderr, Does.Contain("choose one"));
    }
}
