using System.Globalization;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.View;

/// <summary>
/// What run --trace writes for the viewer — zones.csv, units.csv, map.json — says what ticks.csv says when summed, and
/// neither tracing nor the zones' map positions change a result.
/// </summary>
public class TraceOutputTests
{
    private static double N(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    [Test]
    public void EachStateSummedOverTheZonesIsTicksCsv()
    {
        var (th, ticks) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "ticks.csv"));
        var (zh, zones) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "zones.csv"));
        Assert.That(zones, Has.Count.EqualTo(ticks.Count * 10), "one row per tick and zone");
        var byTick = zones.GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Multiple(() =>
        {
            foreach (string state in new[] { "unaffected", "displaced", "injured", "trapped", "sheltered", "treated", "dead", "responders_dead" })
            {
                int zc = Array.IndexOf(zh, state), tc = Array.IndexOf(th, state);
                Assert.That(ticks.Select(t => byTick[t[1]].Sum(r => N(r[zc]))), Is.EqualTo(ticks.Select(t => N(t[tc]))), state);
            }

            int fire = Array.IndexOf(zh, "fire"), intensity = Array.IndexOf(th, "fire_intensity");
            Assert.That(ticks.Select(t => byTick[t[1]].Sum(r => N(r[fire]))), Is.EqualTo(ticks.Select(t => N(t[intensity]))).Within(1e-9), "fire");
            Assert.That(zones.Select(r => r[2]), Is.EqualTo(ticks.SelectMany(t => Enumerable.Repeat(t[2], 10))), "time_h is ticks.csv's");
        });
        Assert.That(ticks.Max(t => N(t[Array.IndexOf(th, "dead")])), Is.GreaterThan(0), "the run has deaths to sum");
    }

    [Test]
    public void UnitsByStateSummedOverActorsAndZonesIsTicksCsv()
    {
        var (th, ticks) = TracedRuns.Csv(Path.Combine(TracedRuns.Single, "ticks.csv"));
        var (uh, units) = TracedRuns.Csv(Path.Combine(TracedRuns.Single, "units.csv"));
        Assert.That(uh, Is.EqualTo(new[] { "run_id", "tick", "time_h", "actor", "state", "zone", "target", "units", "members" }));
        int state = Array.IndexOf(uh, "state"), n = Array.IndexOf(uh, "units"), target = Array.IndexOf(uh, "target");
        var byTick = units.GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.ToList());
        double Sum(string tick, params string[] states) => byTick.TryGetValue(tick, out var rows) ? rows.Where(r => states.Contains(r[state])).Sum(r => N(r[n])) : 0;
        Assert.Multiple(() =>
        {
            Assert.That(ticks.Select(t => Sum(t[1], "working")), Is.EqualTo(ticks.Select(t => N(t[Array.IndexOf(th, "units_working")]))), "working");
            Assert.That(ticks.Select(t => Sum(t[1], "travelling", "carrying")), Is.EqualTo(ticks.Select(t => N(t[Array.IndexOf(th, "units_travelling")]))), "travelling");
            Assert.That(ticks.Select(t => Sum(t[1], "idle")), Is.EqualTo(ticks.Select(t => N(t[Array.IndexOf(th, "units_idle")]))), "idle");
            Assert.That(units.Where(r => r[state] is "travelling" or "carrying").Select(r => r[target]), Has.All.Not.Empty, "a unit on the road has a target");
            Assert.That(units.Where(r => r[state] is "working" or "idle").Select(r => r[target]), Has.All.Empty, "a unit in a zone has none");
        });
        Assert.That(units.Select(r => r[state]).Distinct(), Is.SupersetOf(new[] { "working", "travelling", "idle" }));
    }

    [Test]
    public void TracingChangesNeitherRunsNorTicks()
    {
        string plain = TracedRuns.NewFolder("untraced");
        var r = CliRunner.Run("run", "--out", plain, "--force", "--set", "governance.mode=co-governance", "--set", "governance.communication=platform");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(plain, "ticks.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(TracedRuns.Co, "ticks.csv"))));
        Assert.That(File.ReadAllBytes(Path.Combine(plain, "runs.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(TracedRuns.Co, "runs.csv"))));
        Assert.That(Directory.GetFiles(plain).Select(Path.GetFileName), Is.EquivalentTo(new[] { "runs.csv", "ticks.csv", "provenance.json" }), "the viewer's files only with --trace");
    }

    [Test]
    public void MapPositionsChangeNoResult()
    {
        // The built-in scenario has a map position for every zone; the same file without them must run identically.
        string withoutMaps = string.Join('\n', Repo.BuiltInText.Split('\n').Where(l => !l.TrimStart().StartsWith("map:", StringComparison.Ordinal)));
        Assert.That(withoutMaps, Is.Not.EqualTo(Repo.BuiltInText.Replace("\r", "", StringComparison.Ordinal)), "the built-in scenario has map positions");
        string folder = TracedRuns.NewFolder("nomap");
        string file = Path.Combine(folder, "no-map.yaml");
        File.WriteAllText(file, withoutMaps);
        TracedRuns.Run(Path.Combine(folder, "run"), file, "--set", "governance.mode=co-governance", "--set", "governance.communication=platform");
        foreach (string name in new[] { "runs.csv", "ticks.csv", "events.csv", "zones.csv", "units.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "run", name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(TracedRuns.Co, name))), name);
        }
    }

    [Test]
    public void MapJsonHasEveryZoneWithItsPositionRoadsAndNodes()
    {
        using var map = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TracedRuns.Single, "map.json")));
        var zones = map.RootElement.GetProperty("zones").EnumerateArray().ToList();
        var scenario = Repo.BuiltIn();
        Assert.That(zones.Select(z => z.GetProperty("id").GetString()), Is.EqualTo(scenario.Zones.Select(z => z.Id)));
        var core = zones.Single(z => z.GetProperty("id").GetString() == "blast_core").GetProperty("map");
        Assert.That((core.GetProperty("x_km").GetDouble(), core.GetProperty("y_km").GetDouble()), Is.EqualTo((0.0, 0.0)), "the Ruihai warehouse is the reference point");
        var qihang = scenario.Zones.Single(z => z.Id == "qihang_jiayuan").Map!;
        Assert.That(Math.Sqrt((qihang.XKm * qihang.XKm) + (qihang.YKm * qihang.YKm)), Is.EqualTo(0.6).Within(0.05), "Qihang Jiayuan ~600 m from the warehouse");
        Assert.That(map.RootElement.GetProperty("roads").GetArrayLength(), Is.EqualTo(scenario.Roads.Count));
        Assert.That(map.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Take(3), Is.EqualTo(new[] { "headquarters", "district_command", scenario.Actors[0].Id }));
    }

    [Test]
    public void AMapPositionNeedsBothCoordinates()
    {
        var r = CliRunner.Run("validate", Repo.PathOf("scenarios", "tianjin-8-12.yaml"), "--set", "zones.staging_area.map={x_km: 1}");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("zones.staging_area.map.y_km").And.Contain("required"));
        r = CliRunner.Run("validate", Repo.PathOf("scenarios", "tianjin-8-12.yaml"), "--set", "zones.staging_area.map.x_km=30000");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("out of range"));
    }

    [Test]
    public void TheReadmeTablesOfZonesCsvAndTheViewCommandAreTheCodes()
    {
        string readme = File.ReadAllText(Repo.PathOf("README.md")).ReplaceLineEndings("\n");
        string rows = string.Concat(Core.Metrics.ZoneRecord.Declared.Select(d => $"| `{d.Info.Name}` | {d.Info.Meaning} ({d.Info.Unit}) |\n"));
        Assert.That(readme, Does.Contain(rows), "regenerate README.md's zones.csv rows from ZoneRecord.Declared (see this test)");
        Assert.That(CrisisSim.Cli.Output.TraceFiles.ZonesHeader.Take(4), Is.EqualTo(new[] { "run_id", "tick", "time_h", "zone" }));
        Assert.That(readme, Does.Contain("| `crisissim view RUN_DIR [RUN_DIR2] [--out FILE] [--force]` |"));
        string viewer = File.ReadAllText(Repo.PathOf("docs", "viewer.md"));
        Assert.That(viewer, Does.Contain("crisissim run --trace --set governance.mode=co-governance --set governance.communication=platform --out results/co"));
    }

    [Test]
    public void MapPositionsChangeNeitherTheScenarioHashNorADesignHash()
    {
        string withoutMaps = string.Join('\n', Repo.BuiltInText.Split('\n').Where(l => !l.TrimStart().StartsWith("map:", StringComparison.Ordinal)));
        string Hash(string text, params string[] overrides) => Core.Scenarios.ScenarioLoader.Load(text, "t.yaml", overrides).Hash;
        Assert.That(Hash(Repo.BuiltInText), Is.EqualTo(Hash(withoutMaps)), "with and without positions");
        Assert.That(Hash(Repo.BuiltInText, "zones.ring_3km.map={x_km: 9, y_km: 9}"), Is.EqualTo(Hash(Repo.BuiltInText)), "moved");
        Assert.That(Hash(Repo.BuiltInText, "zones.ring_3km.residents=29999"), Is.Not.EqualTo(Hash(Repo.BuiltInText)), "a simulated value still counts");
        Assert.That(Hash(Repo.BuiltInText), Is.EqualTo("656a4b92102ea511"), "the built-in scenario's hash from before it had positions (calibration.json of the committed posterior)");

        var dry = CliRunner.Run("sweep", Repo.PathOf("scenarios", "experiments", "governance-comparison.yaml"), "--dry-run");
        Assert.That(dry.Stdout, Does.Contain("(hash 656a4b92102ea511)"), dry.Stderr);
    }
}
