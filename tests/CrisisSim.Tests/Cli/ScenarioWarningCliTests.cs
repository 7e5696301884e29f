using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>
/// Scenario warnings as the CLI shows them: validate, run and sweep print <c>warning: FILE:LINE:COLUMN: KEY: MESSAGE</c>
/// on standard error, keep exit code 0, and run and sweep still write their outputs.
/// </summary>
public class ScenarioWarningCliTests
{
    private const string NoUnits = "actors.rescue_team.units=0";
    private const string NoUnitsWarning = "warning: --set actors.rescue_team.units=0: actors.rescue_team.units: has no units and no convergence pool, so it never acts";

    private static string[] ErrorLines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Test]
    public void ValidateOfTheShippedScenarios_PrintsNoWarning()
    {
        var r = CliRunner.Run("validate", "builtin:tianjin-8-12", "builtin:small-town-fire", Repo.PathOf("scenarios", "experiments", "governance-comparison.yaml"));
        Assert.That((r.ExitCode, r.Stderr), Is.EqualTo((0, "")));
        Assert.That(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
    }

    [Test]
    public void Validate_PrintsTheWarningOnStderr_WithExitCodeZero_AndASetThatFixesItRemovesIt()
    {
        var r = CliRunner.Run("validate", "builtin:small-town-fire", "--set", NoUnits);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("builtin:small-town-fire: ok"));
        Assert.That(ErrorLines(r.Stderr), Has.Length.EqualTo(1));
        Assert.That(r.Stderr, Does.StartWith(NoUnitsWarning));

        var fixedToo = CliRunner.Run("validate", "builtin:small-town-fire", "--set", NoUnits, "--set", "actors.rescue_team.convergence=true", "--set", "actors.rescue_team.convergence_pool=3");
        Assert.That((fixedToo.ExitCode, fixedToo.Stderr), Is.EqualTo((0, "")));
    }

    [Test]
    public void Validate_NamesTheFileAndLineOfAnEditedScenario()
    {
        using var tmp = new TempDir();
        string path = tmp["town.yaml"];
        var lines = File.ReadAllLines(Repo.PathOf("scenarios", "small-town-fire.yaml")).ToList();
        int at = lines.FindIndex(l => l.StartsWith("    tasks: [information, supplies]", StringComparison.Ordinal));
        lines[at] = "    tasks: [supplies]";
        File.WriteAllLines(path, lines);

        var r = CliRunner.Run("validate", path);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        int actorsLine = lines.IndexOf("actors:") + 2; // the position of the actors map: its first entry
        Assert.That(ErrorLines(r.Stderr), Is.EqualTo(new[] { $"warning: {path}:{actorsLine}:3: actors: no actor has the information task: no official information is ever released, so after the explosions rumour grows unchecked, everyone affected stays uninformed (unmet_information_hours) and organisations outside the command get no releases; give one government actor the information task (it needs no units)" }));
    }

    [Test]
    public void Run_PrintsTheWarning_AndStillWritesItsOutputs()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("run", "builtin:small-town-fire", "--set", NoUnits, "--set", "time.horizon_h=4", "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.StartWith(NoUnitsWarning));
        Assert.That(File.ReadAllLines(tmp["o/runs.csv"]), Has.Length.EqualTo(2));
        Assert.That(File.ReadAllLines(tmp["o/ticks.csv"]), Has.Length.EqualTo(1 + 24));
        Assert.That(r.Stdout, Does.Contain("wrote"));
    }

    [Test]
    public void AnExperiment_WarnsOfItsBaseScenario_InValidateAndSweep()
    {
        using var tmp = new TempDir();
        string exp = tmp["exp.yaml"];
        File.WriteAllText(exp, """
            name: warned
            scenario: builtin:small-town-fire
            replicates: 1
            fixed:
              time.horizon_h: 2
              actors.rescue_team.units: 0
            design:
              kind: factorial
              factors:
                governance.trust: [0.3, 0.9]
            """);
        var v = CliRunner.Run("validate", exp);
        Assert.That(v.ExitCode, Is.Zero, v.Stderr);
        Assert.That(ErrorLines(v.Stderr), Has.Length.EqualTo(1));
        Assert.That(v.Stderr, Does.StartWith($"warning: {exp}:6:3: actors.rescue_team.units: has no units"), "at the fixed value's line in the experiment");

        var s = CliRunner.Run("sweep", exp, "--out", tmp["o"], "--no-report");
        Assert.That(s.ExitCode, Is.Zero, s.Stderr);
        Assert.That(s.Stderr, Does.StartWith($"warning: {exp}:6:3: actors.rescue_team.units: has no units"));
        Assert.That(File.ReadAllLines(tmp["o/runs.csv"]), Has.Length.EqualTo(3));
    }
}
