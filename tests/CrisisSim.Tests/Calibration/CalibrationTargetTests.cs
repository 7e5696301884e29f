using System.Text.Json;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Calibration;

/// <summary>
/// Targets beyond runs.csv means, end to end through `crisissim calibrate`: ids, quantities at an hour, ticks-based
/// quantities, one-sided bands, and every mistake refused at its line with nothing written.
/// </summary>
public class CalibrationTargetTests
{
    private const string Tiny = """
        name: tiny-targets
        description: targets beyond runs.csv means, over six hours
        scenario: built-in
        master_seed: 2015
        draws: 3
        replicates: 2
        fixed: {time.horizon_h: 6, population.scale: 0.2}
        priors:
          zones.blast_core.blast.killed: {uniform: [0.01, 0.20]}
        targets:
          deaths_civilian: {band: [0, 100000]}
          all_dead: {quantity: deaths_all, band: [0, 100000]}
          sheltered_5h: {quantity: sheltered, at_h: 5.5, at_least: 0}
          fire_out: {quantity: fire_out_h, at_most: 72}
          known_by_5h: {quantity: hazard_known_by, at_h: 5, at_most: 1, use: held_out}
          idle_ratio: {quantity: volunteer_idle_ratio, at_least: 1.5, use: held_out}
        """;

    private static string Write(TempDir tmp, string text, string name = "c.yaml")
    {
        File.WriteAllText(tmp[name], text);
        return tmp[name];
    }

    private static List<string[]> Rows(string csv) => [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];

    [Test]
    public void TicksBasedAndOneSidedTargetsAreComputedAndWrittenTheSameWithOneOrTwoThreads()
    {
        using var tmp = new TempDir();
        string file = Write(tmp, Tiny);
        var one = CliRunner.Run("calibrate", file, "--out", tmp["one"], "--threads", "1");
        var two = CliRunner.Run("calibrate", file, "--out", tmp["two"], "--threads", "2");
        Assert.That(one.ExitCode + two.ExitCode, Is.Zero, one.Stderr + two.Stderr);
        var rows = Rows(tmp["one/draws.csv"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllLines(tmp["one/draws.csv"])[0], Is.EqualTo("draw,zones.blast_core.blast.killed,deaths_civilian,all_dead,sheltered_5h,fire_out,known_by_5h,idle_ratio,accepted"));
            Assert.That(File.ReadAllBytes(tmp["two/draws.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["one/draws.csv"])));
            Assert.That(rows, Has.Count.EqualTo(3));
            Assert.That(rows.Select(r => double.Parse(r[3], Inv)), Is.All.GreaterThan(0));
            Assert.That(rows.Select(r => double.Parse(r[3], Inv) - double.Parse(r[2], Inv)), Is.All.GreaterThan(0), "all deaths include the responders'");
            Assert.That(rows.Select(r => double.Parse(r[4], Inv)), Is.All.GreaterThan(0), "people are sheltered at 5.5 h");
            Assert.That(rows.Select(r => r[5]), Is.All.EqualTo("6"), "the fire burns past 6 h: censored at the run's end");
            Assert.That(rows.Select(r => r[6]), Is.All.AnyOf("0", "0.5", "1"), "a share of two runs");
            Assert.That(rows.Select(r => r[7]), Is.All.Empty, "no second day in 6 h: the idle ratio is undefined");
            Assert.That(rows.Select(r => r[8]), Is.All.EqualTo("1"), "every fit band holds, and a held-out NaN never blocks");
            Assert.That(one.Stdout, Does.Contain("fit sheltered_5h (sheltered at 5.5 h) >= 0: 100 % of the draws")
                .And.Contain("fit fire_out (fire_out_h) <= 72").And.Contain("fit deaths_civilian in [0, 1E+05]")
                .And.Contain("held out idle_ratio (volunteer_idle_ratio) >= 1.5"));
        }
    }

    [Test]
    public void CalibrationJsonGivesEachTargetsIdQuantityHourAndBandWithNullForAMissingSide()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("calibrate", Write(tmp, Tiny.Replace("draws: 3", "draws: 1", StringComparison.Ordinal)), "--out", tmp["out"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp["out/calibration.json"]));
        var targets = json.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        string Raw(string id, string key) => targets[id].GetProperty(key).GetRawText();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(targets.Keys, Is.EqualTo(new[] { "deaths_civilian", "all_dead", "sheltered_5h", "fire_out", "known_by_5h", "idle_ratio" }));
            Assert.That(targets["deaths_civilian"].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "quantity", "at_h", "lo", "hi", "use" }));
            Assert.That((Raw("deaths_civilian", "quantity"), Raw("deaths_civilian", "at_h"), Raw("deaths_civilian", "lo")), Is.EqualTo(("\"deaths_civilian\"", "null", "0")));
            Assert.That((Raw("sheltered_5h", "quantity"), Raw("sheltered_5h", "at_h"), Raw("sheltered_5h", "lo"), Raw("sheltered_5h", "hi")), Is.EqualTo(("\"sheltered\"", "5.5", "0", "null")));
            Assert.That((Raw("fire_out", "lo"), Raw("fire_out", "hi"), Raw("fire_out", "use")), Is.EqualTo(("null", "72", "\"fit\"")));
            Assert.That((Raw("known_by_5h", "at_h"), Raw("known_by_5h", "use")), Is.EqualTo(("5", "\"held_out\"")));
            Assert.That(json.RootElement.GetProperty("fixed").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "time.horizon_h=6", "population.scale=0.2" }));
        }
    }

    [Test]
    public void RecordingTicksAndNamingAQuantityChangeNoOtherValue()
    {
        // the runs.csv target alone (no ticks recorded), and again under another id with its quantity named
        using var tmp = new TempDir();
        string targets = Tiny[..Tiny.IndexOf("  all_dead", StringComparison.Ordinal)];
        string alone = Write(tmp, targets, "alone.yaml");
        string renamed = Write(tmp, targets.Replace("deaths_civilian: {band", "civilians: {quantity: deaths_civilian, band", StringComparison.Ordinal), "renamed.yaml");
        string all = Write(tmp, Tiny, "all.yaml");
        foreach (var (f, o) in new[] { (alone, "a"), (renamed, "r"), (all, "t") })
        {
            var run = CliRunner.Run("calibrate", f, "--out", tmp[o]);
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllLines(tmp["r/draws.csv"])[0], Is.EqualTo("draw,zones.blast_core.blast.killed,civilians,accepted"));
            Assert.That(File.ReadAllLines(tmp["r/draws.csv"]).Skip(1), Is.EqualTo(File.ReadAllLines(tmp["a/draws.csv"]).Skip(1)));
            Assert.That(Rows(tmp["t/draws.csv"]).Select(r => r[2]), Is.EqualTo(Rows(tmp["a/draws.csv"]).Select(r => r[2])));
            Assert.That(Rows(tmp["a/draws.csv"]).Select(r => r[2]).Distinct().Count(), Is.GreaterThan(1), "the draws differ in deaths");
        }
    }

    // a replacement in Tiny, the line and key path the error must name, and a fragment of its message
    [TestCase("quantity: deaths_all", "quantity: deaths_al", 12, "targets.all_dead.quantity", "did you mean 'deaths_all'?")]
    [TestCase("  deaths_civilian: {band", "  deaths_civilain: {band", 11, "targets.deaths_civilain", "did you mean 'deaths_civilian'?")]
    [TestCase("quantity: sheltered, at_h: 5.5,", "quantity: sheltered,", 13, "targets.sheltered_5h.at_h", "'sheltered' is read at an hour: give at_h")]
    [TestCase("quantity: deaths_all, band", "quantity: deaths_all, at_h: 3, band", 12, "targets.all_dead.at_h", "not read at an hour")]
    [TestCase("{band: [0, 100000]}", "{at_h: 3, band: [0, 100000]}", 11, "targets.deaths_civilian.at_h", "a runs.csv metric: its value at the end of the run); remove at_h")]
    [TestCase("quantity: volunteer_idle_ratio,", "quantity: volunteer_idle_ratio, at_h: 30,", 16, "targets.idle_ratio.at_h", "it covers the whole run")]
    [TestCase("at_h: 5.5,", "at_h: -3,", 13, "targets.sheltered_5h.at_h", "positive finite number")]
    [TestCase("at_h: 5.5,", "at_h: 0,", 13, "targets.sheltered_5h.at_h", "positive finite number")]
    [TestCase("at_h: 5.5,", "at_h: .inf,", 13, "targets.sheltered_5h.at_h", "positive finite number")]
    [TestCase("at_h: 5.5,", "at_h: soon,", 13, "targets.sheltered_5h.at_h", "positive finite number")]
    [TestCase("at_h: 5,", "at_h: 7,", 15, "targets.known_by_5h.at_h", "at_h 7 is beyond the run: the scenario's horizon is 6 h (time.horizon_h, with the fixed values)")]
    [TestCase("at_least: 0}", "at_least: 0, at_most: 9}", 13, "targets.sheltered_5h.at_most", "not both 'at_least' (line 13) and 'at_most'")]
    [TestCase("all_dead: {quantity: deaths_all, band: [0, 100000]}", "all_dead: {quantity: deaths_all, band: [0, 9], at_least: 1}", 12, "targets.all_dead.at_least", "give one of band, at_least and at_most")]
    [TestCase("{quantity: deaths_all, band: [0, 100000]}", "{quantity: deaths_all}", 12, "targets.all_dead.band", "no band: give one of band: [lo, hi], at_least: x or at_most: x")]
    [TestCase("at_least: 0}", "at_least: lots}", 13, "targets.sheltered_5h.at_least", "expected a finite number")]
    [TestCase("at_most: 1, use", "at_most: 1, uses", 15, "targets.known_by_5h.uses", "did you mean 'use'?")]
    [TestCase("quantity: fire_out_h, at_most", "quantity: fire_out_h, quantiy: x, at_most", 14, "targets.fire_out.quantiy", "did you mean 'quantity'?")]
    [TestCase("  fire_out: {", "  fire/out: {", 14, "targets.fire/out", "letters, digits")]
    [TestCase("{quantity: fire_out_h, at_most: 72}", "fire_out_h", 14, "targets.fire_out", "expected {band: [lo, hi]}, {at_least: x} or {at_most: x}")]
    public void ABadTargetIsRefusedAtItsLineAndNothingIsWritten(string find, string replace, int line, string keyPath, string fragment)
    {
        using var tmp = new TempDir();
        string text = Tiny.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Tiny));
        string file = Write(tmp, text);
        CalibrationRefusal.AssertRefusedAt(tmp, file, line, keyPath + ": ", fragment);
    }

    [Test]
    public void EveryMistakeOfTheTargetsIsReportedInOnePass()
    {
        using var tmp = new TempDir();
        string parse = Write(tmp, Tiny.Replace("deaths_all", "deaths_al", StringComparison.Ordinal).Replace("at_h: 5.5,", "", StringComparison.Ordinal)
            .Replace("at_most: 72", "at_most: 72, at_least: 1", StringComparison.Ordinal).Replace("at_h: 5", "at_h: 0", StringComparison.Ordinal), "parse.yaml");
        string check = Write(tmp, Tiny.Replace("at_h: 5.5,", "at_h: 9,", StringComparison.Ordinal).Replace("at_h: 5", "at_h: 24", StringComparison.Ordinal)
            .Replace("[0.01, 0.20]", "[0.01, 1.5]", StringComparison.Ordinal), "check.yaml");
        var p = CliRunner.Run("calibrate", parse, "--out", tmp["out"]);
        var c = CliRunner.Run("calibrate", check, "--out", tmp["out"]);
        static string[] Errors(string stderr) => [.. stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal))];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(p.ExitCode + c.ExitCode, Is.EqualTo(4));
            Assert.That(Errors(p.Stderr).Select(l => l.Split(": ")[2]), Is.EqualTo(new[] { "targets.all_dead.quantity", "targets.sheltered_5h.at_h", "targets.fire_out.at_least", "targets.known_by_5h.at_h" }), p.Stderr);
            Assert.That(Errors(c.Stderr).Select(l => l.Split(": ")[2]), Is.EqualTo(new[] { "priors.zones.blast_core.blast.killed", "targets.sheltered_5h.at_h", "targets.known_by_5h.at_h" }), c.Stderr);
            Assert.That(Errors(c.Stderr)[2], Does.Contain($"{check}:15:").And.Contain("at_h 24 is beyond the run"));
            Assert.That(Directory.Exists(tmp["out"]), Is.False);
        }
    }

    private static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;
}
