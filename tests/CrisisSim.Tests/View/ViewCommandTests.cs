using System.Globalization;
using System.Text.Json;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.View;

/// <summary>
/// crisissim view: the page embeds what the run folder's CSV files say (checked at given ticks), lays out the map with
/// or without the scenario's positions, shows two runs on one page, and refuses what is not a traced run without
/// writing anything.
/// </summary>
public class ViewCommandTests
{
    private static double N(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [TestCase(0)]
    [TestCase(40)]
    [TestCase(431)]
    public void TheEmbeddedZoneStateIsZonesCsvAtThatTick(int tick)
    {
        using var data = TracedRuns.View(Path.Combine(TracedRuns.NewFolder("page"), "v.html"), TracedRuns.Co);
        var run = data.RootElement.GetProperty("runs")[0];
        var (zh, zones) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "zones.csv"));
        var rows = zones.Where(r => r[1] == tick.ToString(CultureInfo.InvariantCulture)).ToList();
        var ids = run.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()).ToList();
        Assert.That(rows.Select(r => r[3]), Is.EqualTo(ids));
        Assert.Multiple(() =>
        {
            foreach (string column in zh.Skip(4))
            {
                var embedded = Doubles(run.GetProperty("zone_columns").GetProperty(column)).Skip(tick * ids.Count).Take(ids.Count);
                Assert.That(embedded, Is.EqualTo(rows.Select(r => N(r[Array.IndexOf(zh, column)]))), column);
            }
        });
    }

    [Test]
    public void TheEmbeddedSeriesUnitsAndMessagesAreTheRunFoldersAtATick()
    {
        const int tick = 40;
        using var data = TracedRuns.View(Path.Combine(TracedRuns.NewFolder("page"), "v.html"), TracedRuns.Co);
        var run = data.RootElement.GetProperty("runs")[0];
        var (th, ticks) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "ticks.csv"));
        Assert.That(Doubles(run.GetProperty("time_h"))[tick], Is.EqualTo(N(ticks[tick][2])));
        Assert.That(Doubles(run.GetProperty("series").GetProperty("dead"))[tick], Is.EqualTo(N(ticks[tick][Array.IndexOf(th, "dead")])));

        var (_, units) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "units.csv"));
        var u = run.GetProperty("units");
        var start = Doubles(u.GetProperty("start"));
        var nodes = run.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        var zoneIds = run.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()!).ToList();
        var states = data.RootElement.GetProperty("unit_states").EnumerateArray().Select(s => s.GetString()!).ToList();
        var embedded = Enumerable.Range((int)start[tick], (int)(start[tick + 1] - start[tick])).Select(i =>
            string.Join(',', nodes[(int)Doubles(u.GetProperty("node"))[i]], states[(int)Doubles(u.GetProperty("state"))[i]], zoneIds[(int)Doubles(u.GetProperty("zone"))[i]],
                Doubles(u.GetProperty("target"))[i] is >= 0 and var t ? zoneIds[(int)t] : "", Doubles(u.GetProperty("units"))[i], Doubles(u.GetProperty("members"))[i]));
        Assert.That(embedded, Is.EqualTo(units.Where(r => r[1] == "40").Select(r => string.Join(',', r.Skip(3)))));

        var (eh, events) = TracedRuns.Csv(Path.Combine(TracedRuns.Co, "events.csv"));
        var sent = events.Where(r => r[1] == "40" && r[3] == "message_sent").ToList();
        var m = run.GetProperty("messages");
        var mstart = Doubles(m.GetProperty("start"));
        Assert.That(Doubles(m.GetProperty("count")).Skip((int)mstart[tick]).Take((int)(mstart[tick + 1] - mstart[tick])).Sum(), Is.EqualTo(sent.Count), "messages sent in the tick");
        Assert.That(Doubles(run.GetProperty("per_tick").GetProperty("posts"))[tick], Is.EqualTo(sent.Count(r => r[Array.IndexOf(eh, "channel")] == "platform")), "platform posts in the tick");
        Assert.That(Doubles(run.GetProperty("per_tick").GetProperty("posts")).Sum(), Is.GreaterThan(0), "the platform run posts");
    }

    [Test]
    public void TheMomentsHeadquartersLearnsOfANeedAreWhereZonesCsvSaysItKnows()
    {
        using var data = TracedRuns.View(Path.Combine(TracedRuns.NewFolder("page"), "v.html"), TracedRuns.Single);
        var run = data.RootElement.GetProperty("runs")[0];
        var (zh, zones) = TracedRuns.Csv(Path.Combine(TracedRuns.Single, "zones.csv"));
        var expected = new List<string>();
        var before = new Dictionary<(string, string), double>();
        foreach (var r in zones)
        {
            foreach (string need in new[] { "rescue", "medical", "shelter", "supplies" })
            {
                double known = N(r[Array.IndexOf(zh, "hq_knows_" + need)]);
                if (known > 0 && before.GetValueOrDefault((r[3], need)) == 0)
                {
                    expected.Add($"{r[1]} {r[3]} {need}");
                }

                before[(r[3], need)] = known;
            }
        }

        var ids = run.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()).ToList();
        var learned = run.GetProperty("learned").EnumerateArray().Select(l => $"{l.GetProperty("tick").GetInt32()} {ids[l.GetProperty("zone").GetInt32()]} {l.GetProperty("need").GetString()}");
        Assert.That(learned, Is.EqualTo(expected));
        Assert.That(expected, Has.Count.GreaterThan(3), "headquarters learns of several needs");
    }

    [Test]
    public void TheBuiltInScenarioIsDrawnAtItsPositionsAndOneWithoutThemByTravelTime()
    {
        using var given = TracedRuns.View(Path.Combine(TracedRuns.NewFolder("page"), "v.html"), TracedRuns.Single);
        var map = given.RootElement.GetProperty("runs")[0].GetProperty("map");
        Assert.That(map.GetProperty("kind").GetString(), Is.EqualTo("given"));
        Assert.That(map.GetProperty("rings").GetArrayLength(), Is.GreaterThan(2), "distance rings around the warehouse");
        AssertPlaced(given.RootElement.GetProperty("runs")[0]);

        string folder = TracedRuns.NewFolder("auto");
        string file = Path.Combine(folder, "no-map.yaml");
        File.WriteAllText(file, string.Join('\n', Repo.BuiltInText.Split('\n').Where(l => !l.TrimStart().StartsWith("map:", StringComparison.Ordinal))));
        TracedRuns.Run(Path.Combine(folder, "run"), file, "--set", "time.horizon_h=6");
        using var auto = TracedRuns.View(Path.Combine(folder, "v.html"), Path.Combine(folder, "run"));
        var autoRun = auto.RootElement.GetProperty("runs")[0];
        Assert.That(autoRun.GetProperty("map").GetProperty("kind").GetString(), Is.EqualTo("automatic"));
        Assert.That(autoRun.GetProperty("map").GetProperty("rings").GetArrayLength(), Is.Zero);
        AssertPlaced(autoRun);
        var z = autoRun.GetProperty("zones").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => (X: e.GetProperty("x").GetDouble(), Y: e.GetProperty("y").GetDouble()));
        double Dist(string a, string b) => Math.Sqrt(Math.Pow(z[a].X - z[b].X, 2) + Math.Pow(z[a].Y - z[b].Y, 2));
        Assert.That(Dist("teda_hospital", "city_hospitals"), Is.GreaterThan(Dist("qihang_jiayuan", "haigang_chengjiayuan")), "0.75 h apart is drawn farther than 0.1 h");

        TracedRuns.Run(Path.Combine(folder, "partial"), file, "--set", "time.horizon_h=6", "--set", "zones.blast_core.map={x_km: 0, y_km: 0}", "--set", "zones.city_hospitals.map={x_km: -45, y_km: 7}");
        using var partial = TracedRuns.View(Path.Combine(folder, "p.html"), Path.Combine(folder, "partial"));
        Assert.That(partial.RootElement.GetProperty("runs")[0].GetProperty("map").GetProperty("kind").GetString(), Is.EqualTo("partial"));
        AssertPlaced(partial.RootElement.GetProperty("runs")[0]);
    }

    /// <summary>Every zone inside the drawing, and no two circles overlapping.</summary>
    private static void AssertPlaced(JsonElement run)
    {
        var zones = run.GetProperty("zones").EnumerateArray().Select(e => (X: e.GetProperty("x").GetDouble(), Y: e.GetProperty("y").GetDouble(), R: e.GetProperty("r").GetDouble())).ToList();
        double w = run.GetProperty("map").GetProperty("width").GetDouble(), h = run.GetProperty("map").GetProperty("height").GetDouble();
        Assert.That(zones, Has.All.Matches<(double X, double Y, double R)>(z => z.X - z.R >= 0 && z.X + z.R <= w && z.Y - z.R >= 0 && z.Y + z.R <= h));
        for (int i = 0; i < zones.Count; i++)
        {
            for (int j = i + 1; j < zones.Count; j++)
            {
                Assert.That(Math.Sqrt(Math.Pow(zones[i].X - zones[j].X, 2) + Math.Pow(zones[i].Y - zones[j].Y, 2)), Is.GreaterThanOrEqualTo(zones[i].R + zones[j].R), $"zones {i} and {j} overlap");
            }
        }
    }

    [Test]
    public void TwoRunsAreOnePageEachTitledByItsGovernance()
    {
        string page = Path.Combine(TracedRuns.NewFolder("pair"), "pair.html");
        using var data = TracedRuns.View(page, TracedRuns.Single, TracedRuns.Co);
        var runs = data.RootElement.GetProperty("runs");
        Assert.That(runs.EnumerateArray().Select(r => r.GetProperty("title").GetString()), Is.EqualTo(new[] { "single-government · hierarchical", "co-governance · platform" }));
        Assert.That(runs[0].GetProperty("seed").GetString(), Is.EqualTo(runs[1].GetProperty("seed").GetString()), "one seed");
        string html = File.ReadAllText(page);
        Assert.That(System.Net.WebUtility.HtmlDecode(html), Does.Contain("<title>CrisisSim view: single-government · hierarchical vs co-governance · platform</title>"));
        foreach (string fetch in new[] { "<link", " src=", "href=", "@import", "url(http", "fetch(", "XMLHttpRequest", "https://" })
        {
            Assert.That(html, Does.Not.Contain(fetch), "nothing fetched: no link, no remote script, style or request");
        }
    }

    [Test]
    public void TheDefaultPageIsInTheRunFolderAndTheSameInputsGiveTheSameBytes()
    {
        string folder = TracedRuns.NewFolder("default");
        TracedRuns.Run(folder, "--set", "time.horizon_h=4");
        var first = CliRunner.Run("view", folder);
        Assert.That(first.ExitCode, Is.Zero, first.Stderr);
        byte[] bytes = File.ReadAllBytes(Path.Combine(folder, "view.html"));
        var again = CliRunner.Run("view", folder, "--force");
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "view.html")), Is.EqualTo(bytes));
        var pair = CliRunner.Run("view", folder, folder);
        Assert.That(pair.ExitCode, Is.Zero, pair.Stderr);
        Assert.That(File.Exists(Path.Combine(folder, "view-pair.html")), Is.True);
    }

    [Test]
    public void AFolderThatIsNotATracedRunIsRefusedSayingHowToMakeOne()
    {
        string plain = TracedRuns.NewFolder("plain");
        Assert.That(CliRunner.Run("run", "--out", plain, "--force", "--set", "time.horizon_h=2").ExitCode, Is.Zero);
        var r = CliRunner.Run("view", plain);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("not a traced run").And.Contain("run --trace"));
        Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.GetFiles(plain).Select(Path.GetFileName), Is.EquivalentTo(new[] { "runs.csv", "ticks.csv", "provenance.json" }), "nothing written");

        var missing = CliRunner.Run("view", Path.Combine(plain, "nowhere"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("no such folder"));

        string old = TracedRuns.NewFolder("old");
        TracedRuns.Run(old, "--set", "time.horizon_h=2");
        File.Delete(Path.Combine(old, "zones.csv"));
        var older = CliRunner.Run("view", old);
        Assert.That(older.ExitCode, Is.EqualTo(2));
        Assert.That(older.Stderr, Does.Contain("zones.csv").And.Contain("run --trace"));

        var three = CliRunner.Run("view", TracedRuns.Single, TracedRuns.Co, TracedRuns.Single);
        Assert.That(three.ExitCode, Is.EqualTo(2), "one or two runs");
    }

    [Test]
    public void AnExistingPageIsReplacedOnlyWithForceAndADamagedTableWritesNothing()
    {
        string folder = TracedRuns.NewFolder("exists");
        TracedRuns.Run(Path.Combine(folder, "run"), "--set", "time.horizon_h=2");
        string page = Path.Combine(folder, "page.html");
        File.WriteAllText(page, "mine");
        var r = CliRunner.Run("view", Path.Combine(folder, "run"), "--out", page);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("exists already").And.Contain("--force"));
        Assert.That(File.ReadAllText(page), Is.EqualTo("mine"));

        string zones = Path.Combine(folder, "run", "zones.csv");
        File.WriteAllText(zones, File.ReadAllText(zones).Replace(",blast_core,", ",nowhere,", StringComparison.Ordinal));
        var damaged = CliRunner.Run("view", Path.Combine(folder, "run"), "--out", page, "--force");
        Assert.That(damaged.ExitCode, Is.EqualTo(2));
        Assert.That(damaged.Stderr, Does.Contain("zones.csv:").And.Contain("'nowhere'"));
        Assert.That(File.ReadAllText(page), Is.EqualTo("mine"), "a refused page replaces nothing");
        Assert.That(Directory.GetFiles(folder, ".*"), Is.Empty.Or.All.Not.Contain(".tmp-"), "no temporary file left");

        var force = CliRunner.Run("view", TracedRuns.Single, "--out", page, "--force");
        Assert.That(force.ExitCode, Is.Zero, force.Stderr);
        Assert.That(File.ReadAllText(page), Does.StartWith("<!DOCTYPE html>"));
    }
}
