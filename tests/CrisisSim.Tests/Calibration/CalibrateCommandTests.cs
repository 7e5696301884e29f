using System.Security.Cryptography;
using System.Text.Json;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Calibration;

/// <summary>`crisissim calibrate` end to end: the three files, byte-identical across thread counts, and every bad input refused at its line with nothing written.</summary>
public class CalibrateCommandTests
{
    private const string Tiny = """
        name: tiny-abc
        description: two draws of two replicates over six hours
        scenario: built-in
        master_seed: 2015
        draws: 2
        replicates: 2
        fixed: {time.horizon_h: 6, population.scale: 0.2}
        priors:
          zones.blast_core.blast.killed: {uniform: [0.01, 0.20]}
          hazard.fire.suppression_per_unit_h: {log_uniform: [0.001, 0.016]}
        targets:
          deaths_civilian: {band: [0, 100000]}
          injured_treated: {band: [0, 100000]}
          rescue_time_p90_h: {band: [0, 24], use: held_out}
        """;

    private static string Write(TempDir tmp, string text)
    {
        File.WriteAllText(tmp["c.yaml"], text);
        return tmp["c.yaml"];
    }

    [Test]
    public void WritesTheDrawsThePosteriorAndTheProvenance()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny);
        var r = CliRunner.Run("calibrate", file, "--out", tmp["out"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var draws = File.ReadAllLines(tmp["out/draws.csv"]);
        var posterior = File.ReadAllLines(tmp["out/posterior.csv"]);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["out/calibration.json"]));
        var root = json.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(draws[0], Is.EqualTo("draw,zones.blast_core.blast.killed,hazard.fire.suppression_per_unit_h,deaths_civilian,injured_treated,rescue_time_p90_h,accepted"));
            Assert.That(draws, Has.Length.EqualTo(3));
            Assert.That(draws[1], Does.StartWith("0,").And.EndWith(",1"), "wide bands accept every set");
            Assert.That(posterior, Is.EqualTo(draws), "every set accepted: the posterior is every draw");
            Assert.That(root.GetProperty("calibration_sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)))));
            Assert.That(root.GetProperty("draws").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("replicates").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("accepted").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("tool_version").GetString(), Is.Not.Empty);
            Assert.That(r.Stdout, Does.Contain("accepted 2 of 2").And.Contain("zones.blast_core.blast.killed").And.Contain("held out rescue_time_p90_h"));
        }
    }

    [Test]
    public void TheSameFileGivesTheSameDrawsWithOneOrManyThreads()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny.Replace("draws: 2", "draws: 4", StringComparison.Ordinal).Replace("deaths_civilian: {band: [0, 100000]}", "deaths_civilian: {band: [0, 3]}", StringComparison.Ordinal));
        var one = CliRunner.Run("calibrate", file, "--out", tmp["one"], "--threads", "1");
        var many = CliRunner.Run("calibrate", file, "--out", tmp["many"], "--threads", "3");
        Assert.That(one.ExitCode + many.ExitCode, Is.Zero, one.Stderr + many.Stderr);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllBytes(tmp["many/draws.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["one/draws.csv"])));
            Assert.That(File.ReadAllBytes(tmp["many/posterior.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["one/posterior.csv"])));
            Assert.That(File.ReadAllLines(tmp["one/draws.csv"]).Skip(1).Select(l => l.Split(',')[3]).Distinct().Count(), Is.GreaterThan(1), "the draws differ in deaths");
        }
    }

    [Test]
    public void AnExistingResultIsReplacedOnlyWithForce()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny);
        Assert.That(CliRunner.Run("calibrate", file, "--out", tmp["out"]).ExitCode, Is.Zero);
        var again = CliRunner.Run("calibrate", file, "--out", tmp["out"]);
        var forced = CliRunner.Run("calibrate", file, "--out", tmp["out"], "--force");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.ExitCode, Is.EqualTo(2));
            Assert.That(again.Stderr, Does.Contain("not empty").And.Contain("--force"));
            Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
        }
    }

    [Test]
    public void DryRunAndValidateCountTheRunsAndWriteNothing()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny);
        var dry = CliRunner.Run("calibrate", file, "--out", tmp["out"], "--dry-run");
        var validate = CliRunner.Run("validate", file);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dry.ExitCode + validate.ExitCode, Is.Zero, dry.Stderr + validate.Stderr);
            Assert.That(dry.Stdout, Does.Contain("2 draws × 2 replicates = 4 runs"));
            Assert.That(validate.Stdout, Does.Contain("ok — experiment 'tiny-abc', calibration"));
            Assert.That(Directory.Exists(tmp["out"]), Is.False);
        }
    }

    // a replacement in Tiny, the line and key path the error must name, and a fragment of its message
    [TestCase("draws: 2", "drawz: 2", 5, "drawz", "did you mean 'draws'")]
    [TestCase("zones.blast_core.blast.killed: {", "zones.blast_core.blast.kiled: {", 9, "priors.zones.blast_core.blast.kiled", "kiled")]
    [TestCase("[0.01, 0.20]", "[0.20, 0.20]", 9, "priors.zones.blast_core.blast.killed.uniform", "must be below hi")]
    [TestCase("[0.001, 0.016]", "[0, 0.016]", 10, "priors.hazard.fire.suppression_per_unit_h.log_uniform", "above 0")]
    [TestCase("{uniform: [0.01, 0.20]}", "{normal: [0.01, 0.20]}", 9, "priors.zones.blast_core.blast.killed.normal", "unknown key 'normal'")]
    [TestCase("[0.01, 0.20]", "[0.01, 1.5]", 9, "priors.zones.blast_core.blast.killed", "")]
    [TestCase("injured_treated: {", "injured_treatd: {", 13, "targets.injured_treatd", "did you mean 'injured_treated'")]
    [TestCase("use: held_out", "use: later", 14, "targets.rescue_time_p90_h.use", "fit or held_out")]
    [TestCase("zones.blast_core.blast.killed: {uniform: [0.01, 0.20]}", "governance.mode: {uniform: [0.01, 0.20]}", 9, "priors.governance.mode", "not a real number")]
    [TestCase("zones.blast_core.blast.killed: {", "governance.trust: {", 9, "priors.governance.trust", "")]
    [TestCase("hazard.fire.suppression_per_unit_h: {", "time.horizon_h: {", 10, "priors.time.horizon_h", "same parameter")]
    public void ABadFileIsRefusedAtItsLineAndNothingIsWritten(string find, string replace, int line, string keyPath, string fragment)
    {
        using var tmp = new TempDir();
        string text = Tiny.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Tiny));
        string file = Write(tmp, text.Replace("governance.trust: {uniform: [0.01, 0.20]}", "governance.trust: {uniform: [0.5, 1.5]}", StringComparison.Ordinal));
        CalibrationRefusal.AssertRefusedAt(tmp, file, line, keyPath, fragment);
    }

    [Test]
    public void EveryMistakeIsReportedInOnePass()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny.Replace("draws: 2", "drawz: 2", StringComparison.Ordinal).Replace("[0.01, 0.20]", "[0.3, 0.2]", StringComparison.Ordinal).Replace("injured_treated:", "injured:", StringComparison.Ordinal));
        var r = CliRunner.Run("calibrate", file, "--out", tmp["out"]);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr.Split('\n').Count(l => l.StartsWith("error: ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), r.Stderr);
    }
}
