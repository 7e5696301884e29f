using CrisisSim.Cli;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// The installed tool carries every shipped scenario, experiment and calibration (issue 17): builtin:NAME is the file in
/// scenarios/, byte for byte, and runs, validates and sweeps like it; the names are one convention everywhere.
/// </summary>
public class ShippedFilesTests
{
    private static IEnumerable<string> RepoScenarioFiles() =>
        Directory.EnumerateFiles(Repo.PathOf("scenarios"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Repo.PathOf("scenarios"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Test]
    public void EveryFileOfTheScenariosFolderIsShippedWithTheSameText()
    {
        Assert.That(ShippedFiles.All.Select(f => f.Path).Order(StringComparer.Ordinal), Is.EqualTo(RepoScenarioFiles()));
        foreach (var f in ShippedFiles.All.Where(f => f.Kind != ShippedKind.Data))
        {
            Assert.That(ShippedFiles.ReadText(f.Reference), Is.EqualTo(File.ReadAllText(Repo.PathOf("scenarios", f.Path))), f.Path);
        }

        Assert.That(ShippedFiles.All.Where(f => f.Kind == ShippedKind.Scenario).Select(f => f.Reference), Is.EqualTo(new[] { "builtin:lushan-2013", "builtin:small-town-fire", "builtin:tianjin-8-12", "builtin:zhengzhou-2021" }));
        Assert.That(ShippedFiles.Find("builtin:lushan-2013").Path, Is.EqualTo("lushan-2013/lushan-2013.yaml"), "a case's scenario in its folder is a scenario");
        Assert.That(ShippedFiles.Find("builtin:lushan-out-of-sample").Kind, Is.EqualTo(ShippedKind.Experiment));
        Assert.That(ShippedFiles.Find("builtin:governance-comparison").Path, Is.EqualTo("experiments/governance-comparison.yaml"));
        Assert.That(ShippedFiles.Find("builtin:experiments/governance-comparison.yaml").Name, Is.EqualTo("governance-comparison"), "the path form is accepted too");
        Assert.That(ShippedFiles.Find("built-in").Reference, Is.EqualTo(ShippedFiles.DefaultScenario), "the older spelling still means the default scenario");
    }

    [Test]
    public void EveryShippedExperimentAndCalibrationValidatesFromTheBinary()
    {
        string[] names = [.. ShippedFiles.All.Where(f => f.Kind != ShippedKind.Data).Select(f => f.Reference)];
        var r = CliRunner.Run(["validate", .. names]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (string name in names)
        {
            Assert.That(r.Stdout, Does.Contain(name + ": ok"));
        }

        Assert.That(r.Stdout, Does.Contain("on builtin:tianjin-8-12"), "an experiment reports its scenario by the name a user types");
    }

    [Test]
    public void ABuiltinScenarioRunsLikeItsFileAndLikeNoScenario()
    {
        using var tmp = new TempDir();
        string[] set = ["--seed", "5", "--set", "time.horizon_h=2"];
        Assert.That(CliRunner.Run(["run", "builtin:tianjin-8-12", "--out", tmp["a"], .. set]).ExitCode, Is.Zero);
        Assert.That(CliRunner.Run(["run", Repo.PathOf("scenarios", "tianjin-8-12.yaml"), "--out", tmp["b"], .. set]).ExitCode, Is.Zero);
        Assert.That(CliRunner.Run(["run", "--out", tmp["c"], .. set]).ExitCode, Is.Zero);
        Assert.That(File.ReadAllBytes(tmp["a/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["b/runs.csv"])));
        Assert.That(File.ReadAllBytes(tmp["a/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["c/runs.csv"])));
    }

    [Test]
    public void AShippedExperimentOverThePosteriorFindsTheShippedPosterior()
    {
        var r = CliRunner.Run("sweep", "builtin:governance-over-posterior", "--dry-run");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("builtin:tianjin-8-12").And.Contain("runs"));
    }

    [Test]
    public void ScenariosListsEveryShippedFileWithItsCommandAndPrintsOne()
    {
        var list = CliRunner.Run("scenarios");
        Assert.That(list.ExitCode, Is.Zero, list.Stderr);
        foreach (var f in ShippedFiles.All.Where(f => f.Kind != ShippedKind.Data))
        {
            Assert.That(list.Stdout, Does.Contain("  " + f.Reference + " "), f.Reference);
        }

        Assert.That(list.Stdout, Does.Contain("crisissim run builtin:NAME").And.Contain("crisissim sweep builtin:NAME").And.Contain("crisissim calibrate builtin:NAME"));
        Assert.That(list.Stdout.Split('\n').Max(l => l.Length), Is.LessThanOrEqualTo(100), "lines fit 100 columns");

        var one = CliRunner.Run("scenarios", "builtin:governance-comparison");
        Assert.That(one.Stdout, Is.EqualTo(File.ReadAllText(Repo.PathOf("scenarios", "experiments", "governance-comparison.yaml"))));
    }

    [TestCase("builtin:nope", "no such shipped file")]
    [TestCase("builtin:../../etc/passwd", "leaves the shipped files")]
    [TestCase("builtin:governance-comparison", "is an experiment (it has a design:); run it with crisissim sweep builtin:governance-comparison")]
    public void AWrongShippedNameIsAClearError(string name, string message)
    {
        var r = CliRunner.Run("run", name);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain(message));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void ShippedExperimentsNameTheirScenarioTheOneWay()
    {
        // The committed posterior pins the bytes of its fit file (PosteriorExperimentFileTests): that one file keeps the older
        // spelling, which means the same scenario, until the fit is rerun.
        var pinned = new[] { "experiments/calibration-tianjin-abc.yaml" };
        foreach (var f in ShippedFiles.All.Where(f => f.Kind is ShippedKind.Experiment or ShippedKind.Calibration && !pinned.Contains(f.Path)))
        {
            Assert.That(ShippedFiles.ReadText(f.Reference), Does.Contain("\nscenario: builtin:").And.Not.Contain("scenario: built-in"), f.Path);
        }
    }
}
