using System.Text.Json;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>The `crisissim run`, `validate` and `params` commands as a user meets them.</summary>
public class RunCommandTests
{
    [Test]
    public void RunWritesRunsTicksAndProvenanceAndPrintsASummary()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("run", "--seed", "7", "--out", tmp["out"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("deaths").And.Contain("rescued").And.Contain("unmet need").And.Contain("info latency"));

        var runs = File.ReadAllLines(tmp["out/runs.csv"]);
        Assert.That(runs, Has.Length.EqualTo(2));
        var header = runs[0].Split(',');
        var row = runs[1].Split(',');
        Assert.That(header.Take(5), Is.EqualTo(new[] { "run_id", "point_id", "replicate", "seed", "seed_hex" }));
        Assert.That(header, Is.SupersetOf(new[]
        {
            "deaths_civilian", "deaths_responder", "rescued", "injured_treated", "rescue_time_mean_h", "rescue_time_p90_h",
            "unmet_need_hours", "duplicated_deliveries", "wasted_supplies", "info_latency_mean_h", "rumour_peak", "messages_sent",
            "messages_lost", "idle_volunteer_hours", "congestion_delay_h", "status", "error",
        }));
        Assert.That(row, Has.Length.EqualTo(header.Length));
        Assert.That(row[3], Is.EqualTo("7"));
        Assert.That(row[4], Is.EqualTo("0x0000000000000007"), "seed_hex: the same seed as text");
        Assert.That(row[^2], Is.EqualTo("ok"));

        var ticks = File.ReadAllLines(tmp["out/ticks.csv"]);
        Assert.That(ticks, Has.Length.EqualTo(1 + (72 * 6)), "one row per 10-minute tick over 72 h");
        Assert.That(ticks[0], Does.StartWith("run_id,tick,time_h,unaffected,displaced,injured,trapped,sheltered,treated,dead"));
        Assert.That(ticks[^1].Split(',')[2], Is.EqualTo("72"));

        using var provenance = JsonDocument.Parse(File.ReadAllText(tmp["out/provenance.json"]));
        var root = provenance.RootElement;
        Assert.That(root.GetProperty("seed").GetString(), Is.EqualTo("7"));
        Assert.That(root.GetProperty("scenario").GetString(), Is.EqualTo("builtin:tianjin-8-12"));
        Assert.That(root.GetProperty("scenario_hash").GetString(), Has.Length.EqualTo(16));
        Assert.That(Directory.GetFileSystemEntries(tmp.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "out", ".out.lock" }), "no staging folder or owner file is left behind, only the (empty) lock file");
    }

    [Test]
    public void OverridesBecomeFactorColumnsAndChangeTheRun()
    {
        using var tmp = new TempDir();
        var file = Repo.PathOf("scenarios", "tianjin-8-12.yaml");
        var r = CliRunner.Run("run", file, "--set", "governance.mode=co-governance", "--set", "governance.communication=platform", "--seed", "7", "--out", tmp["co"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("co-governance (platform)"));
        var runs = File.ReadAllLines(tmp["co/runs.csv"]);
        Assert.That(runs[0], Does.StartWith("run_id,point_id,replicate,seed,seed_hex,governance.mode,governance.communication,deaths_civilian"));
        Assert.That(runs[1], Does.StartWith("0,0,0,7,0x0000000000000007,co-governance,platform,"));
    }

    [Test]
    public void SeedTakesTheDecimalAndTheSeedHexFormOfOneSeed()
    {
        using var tmp = new TempDir();
        string[] args = ["--set", "time.horizon_h=2", "--set", "population.scale=0.1"];
        var dec = CliRunner.Run(["run", "--seed", "9223372036854775807", .. args, "--out", tmp["dec"]]);
        Assert.That(dec.ExitCode, Is.Zero, dec.Stderr);
        var row = File.ReadAllLines(tmp["dec/runs.csv"])[1].Split(',');
        Assert.That(row[3..5], Is.EqualTo(new[] { "9223372036854775807", "0x7FFFFFFFFFFFFFFF" }));

        var hex = CliRunner.Run(["run", "--seed", row[4], .. args, "--out", tmp["hex"]]);
        Assert.That(hex.ExitCode, Is.Zero, hex.Stderr);
        var lower = CliRunner.Run(["run", "--seed", "0x7fffffffffffffff", .. args, "--out", tmp["lower"]]);
        Assert.That(lower.ExitCode, Is.Zero, lower.Stderr);
        foreach (string f in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp["hex/" + f]), Is.EqualTo(File.ReadAllBytes(tmp["dec/" + f])), f + ": the same run");
            Assert.That(File.ReadAllBytes(tmp["lower/" + f]), Is.EqualTo(File.ReadAllBytes(tmp["dec/" + f])), f + ": hex digits in either case");
        }

        foreach (string bad in new[] { "0x", "0x1FFFFFFFFFFFFFFFF", "18446744073709551616", "-1", "0xZZ", "1e3" })
        {
            var r = CliRunner.Run(["run", "--seed", bad, .. args, "--out", tmp["bad"]]);
            Assert.That(r.ExitCode, Is.EqualTo(2), bad);
            Assert.That(r.Stderr, Does.Contain($"--seed {bad}: expected a whole number from 0 to 18446744073709551615, or 0x and up to 16 hex digits"), bad);
            Assert.That(Directory.Exists(tmp["bad"]), Is.False, bad + ": nothing written");
        }
    }

    [Test]
    public void TraceWritesEveryKindOfMessageAndTaskEvent()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("run", "--seed", "2", "--trace", "--out", tmp["t"], "--set", "governance.mode=co-governance", "--set", "governance.communication=liaison");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var lines = File.ReadAllLines(tmp["t/events.csv"]);
        Assert.That(lines[0], Is.EqualTo("run_id,tick,time_h,event,actor,counterpart,unit,zone,need,channel,value,observed_tick"));
        var kinds = lines.Skip(1).Select(l => l.Split(',')[3]).ToHashSet();
        Assert.That(kinds, Is.SupersetOf(new[] { "message_sent", "message_lost", "message_read", "message_delayed", "message_distrusted", "broadcast", "task_claimed", "task_started", "task_finished" }));
        int sent = lines.Count(l => l.Split(',')[3] == "message_sent");
        int lost = lines.Count(l => l.Split(',')[3] == "message_lost");
        var runs = File.ReadAllLines(tmp["t/runs.csv"]);
        var header = runs[0].Split(',');
        var row = runs[1].Split(',');
        int broadcasts = lines.Count(l => l.Split(',')[3] == "broadcast");
        Assert.That(sent + broadcasts, Is.EqualTo(long.Parse(row[Array.IndexOf(header, "messages_sent")], System.Globalization.CultureInfo.InvariantCulture)), "events.csv accounts for every message in runs.csv");
        Assert.That(lost, Is.EqualTo(long.Parse(row[Array.IndexOf(header, "messages_lost")], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void AnExistingOutputFolderIsNotOverwrittenWithoutForce()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["out"]);
        File.WriteAllText(tmp["out/precious.txt"], "keep me");
        var refused = CliRunner.Run("run", "--out", tmp["out"]);
        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.Contain("--force"));
        Assert.That(File.ReadAllText(tmp["out/precious.txt"]), Is.EqualTo("keep me"));

        var notResults = CliRunner.Run("run", "--out", tmp["out"], "--force");
        Assert.That(notResults.ExitCode, Is.EqualTo(2), "--force replaces earlier results only, never a folder of someone's own files");
        Assert.That(notResults.Stderr, Does.Contain("did not write"));
        Assert.That(File.ReadAllText(tmp["out/precious.txt"]), Is.EqualTo("keep me"));

        Assert.That(CliRunner.Run("run", "--seed", "1", "--set", "time.horizon_h=1", "--out", tmp["old"]).ExitCode, Is.Zero);
        var forced = CliRunner.Run("run", "--seed", "2", "--set", "time.horizon_h=1", "--out", tmp["old"], "--force");
        Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
        Assert.That(File.ReadAllText(tmp["old/provenance.json"]), Does.Contain("\"seed\": \"2\""));
    }

    [Test]
    public void ValidateAcceptsTheShippedScenario()
    {
        var r = CliRunner.Run("validate", Repo.PathOf("scenarios", "tianjin-8-12.yaml"));
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain("ok"));
    }

    [Test]
    public void UsageErrorsExitWithTwoAndNoStackTrace()
    {
        var unknownOption = CliRunner.Run("run", "--sed", "3");
        var missingFile = CliRunner.Run("run", "/nonexistent/scenario.yaml");
        var badSeed = CliRunner.Run("run", "--seed", "minus-one");
        foreach (var r in new[] { unknownOption, missingFile, badSeed })
        {
            Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
            Assert.That(r.Stderr, Does.Contain("error:"));
            Assert.That(r.Stderr, Does.Not.Contain("   at "));
        }

        Assert.That(missingFile.Stderr, Does.Contain("/nonexistent/scenario.yaml: no such file"));
    }

    [Test]
    public void ParamsListsEveryDocumentedValue()
    {
        var r = CliRunner.Run("params");
        Assert.That(r.ExitCode, Is.Zero);
        Assert.That(r.Stdout, Does.Contain("governance.trust = 0.6").And.Contain("governance.legal.authorisation_delay_h"));
    }

    [Test]
    public void ParamsListsTheValuesEveryChoiceMayTake()
    {
        var lines = CliRunner.Run("params").Stdout.Split('\n');
        string Line(string path) => lines.Single(l => l.StartsWith(path + " = ", StringComparison.Ordinal));
        string modes = string.Join(" | ", SchemaCatalog.EnumNames(typeof(GovernanceMode)).Select(n => n.Name));
        Assert.That(Line("governance.mode"), Does.Contain($"[{modes}]"));
        string rules = string.Join(" | ", SchemaCatalog.EnumNames(typeof(CrisisSim.Core.Communication.CommunicationRule)).Select(n => n.Name));
        Assert.That(Line("governance.communication"), Does.Contain($"[{rules}]"));
        Assert.That(Line("actors.<id>.tasks"), Does.Contain("[each of: fire | rescue | medical"));
        Assert.That(Line("zones.<id>.cordoned"), Does.Contain("[true | false]"));
        Assert.That(lines.Where(l => l.Contains("  []  ", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]),
            Is.Empty.Or.All.Matches<string>(p => SchemaCatalog.Table(typeof(Scenario)).Single(r => r.Path == p).Choices.Count == 0),
            "a parameter shows an empty range only when it is free text");
    }

    [Test]
    public void TheBuiltInScenarioIsTheShippedFile()
    {
        Assert.That(CrisisSim.Cli.ScenarioSource.BuiltInText(), Is.EqualTo(Repo.BuiltInText));
    }

    [Test]
    public void ThePublishedMetricNamesAreStable()
    {
        // Names in runs.csv are a contract with analysts' scripts: renaming one is a breaking change.
        Assert.That(RunMetrics.Columns.Select(c => c.Name).Take(6), Is.EqualTo(new[] { "deaths_civilian", "deaths_responder", "rescued", "injured_treated", "rescue_time_mean_h", "rescue_time_p90_h" }));
    }
}
