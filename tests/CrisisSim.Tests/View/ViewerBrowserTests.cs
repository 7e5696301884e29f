using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.View;

/// <summary>
/// The viewer's page in headless Chromium (DevTools protocol): it draws one map element per zone, the slider and the
/// keyboard move the clock and the zones' counts to what zones.csv says at that tick, two runs are both shown on one
/// slider, and the page raises no console error or exception. Needs Chromium (CI installs it; locally the test is
/// skipped with the install command unless CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1).
/// </summary>
public class ViewerBrowserTests
{
    private const string Clock = "document.getElementById('clock').textContent";

    private static string Cell(int run, string zone, string column) =>
        $"document.querySelector('#run-{run} table.zones tr[data-zone=\"{zone}\"] td.{column}').textContent";

    private static void Slide(HeadlessChromium browser, int step) =>
        browser.Evaluate($"(() => {{ const s = document.getElementById('time'); s.value = {step}; s.dispatchEvent(new Event('input', {{ bubbles: true }})); return s.value; }})()");

    /// <summary>zones.csv's <paramref name="column"/> of <paramref name="zone"/> at <paramref name="tick"/>, as the page formats counts (1,234).</summary>
    private static string Expected(string folder, int tick, string zone, string column)
    {
        var (header, rows) = TracedRuns.Csv(Path.Combine(folder, "zones.csv"));
        var row = rows.Single(r => r[1] == tick.ToString(System.Globalization.CultureInfo.InvariantCulture) && r[3] == zone);
        return double.Parse(row[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void OneRunRendersAndTheSliderAndKeysMoveItsState()
    {
        AnalysisTools.RequireChromium();
        string page = Path.Combine(TracedRuns.NewFolder("browser"), "one.html");
        using var data = TracedRuns.View(page, TracedRuns.Single);
        int zones = data.RootElement.GetProperty("runs")[0].GetProperty("zones").GetArrayLength();
        using var browser = HeadlessChromium.Start();
        browser.Open(page);

        Assert.That(browser.Evaluate("document.querySelectorAll('#run-0 svg.map g.zone').length").GetInt32(), Is.EqualTo(zones), "one map element per zone");
        Assert.That(browser.Evaluate("document.querySelectorAll('#run-0 svg.map g.zone[data-zone=\"qihang_jiayuan\"] circle').length").GetInt32(), Is.GreaterThan(0));
        Assert.That(browser.Evaluate(Clock).GetString(), Does.StartWith("t = 0.17 h since the first call"));
        Assert.That(browser.Evaluate(Cell(0, "qihang_jiayuan", "displaced")).GetString(), Is.EqualTo(Expected(TracedRuns.Single, 0, "qihang_jiayuan", "displaced")));

        Slide(browser, 40);
        Assert.That(browser.Evaluate(Clock).GetString(), Does.StartWith("t = 6.83 h since the first call"));
        foreach (string column in new[] { "trapped", "injured", "displaced", "dead" })
        {
            Assert.That(browser.Evaluate(Cell(0, "qihang_jiayuan", column)).GetString(), Is.EqualTo(Expected(TracedRuns.Single, 40, "qihang_jiayuan", column)), column + " at tick 40");
        }

        Assert.That(browser.Evaluate(Cell(0, "qihang_jiayuan", "displaced")).GetString(), Is.Not.EqualTo(Expected(TracedRuns.Single, 0, "qihang_jiayuan", "displaced")), "the state moved");
        Assert.That(browser.Evaluate("document.querySelector('#run-0 g.zone[data-zone=\"qihang_jiayuan\"] text.status').textContent").GetString(), Does.Contain("trapped " + Expected(TracedRuns.Single, 40, "qihang_jiayuan", "trapped")));
        Assert.That(browser.Evaluate("document.querySelectorAll('#run-0 table.units tbody tr[data-actor]').length").GetInt32(), Is.GreaterThan(3), "units by actor");
        Assert.That(browser.Evaluate("document.querySelectorAll('#run-0 svg.comms path.flow').length").GetInt32(), Is.GreaterThan(0), "messages in the window");

        browser.Evaluate("document.getElementById('play').focus(); document.activeElement.blur(); true");
        browser.Press("ArrowRight", 39);
        Assert.That(browser.Evaluate(Clock).GetString(), Does.StartWith("t = 7.00 h"), "→ moves one tick");
        browser.Press("End", 35);
        Assert.That(browser.Evaluate(Clock).GetString(), Does.StartWith("t = 72.00 h"));
        Assert.That(browser.Evaluate(Cell(0, "blast_core", "dead")).GetString(), Is.EqualTo(Expected(TracedRuns.Single, 431, "blast_core", "dead")));
        Assert.That(browser.Errors, Is.Empty, "no console error or exception");
    }

    [Test]
    public void TwoRunsAreBothShownOnOneSlider()
    {
        AnalysisTools.RequireChromium();
        string page = Path.Combine(TracedRuns.NewFolder("browser"), "two.html");
        using var data = TracedRuns.View(page, TracedRuns.Single, TracedRuns.Co);
        int zones = data.RootElement.GetProperty("runs")[0].GetProperty("zones").GetArrayLength();
        using var browser = HeadlessChromium.Start();
        browser.Open(page);

        Assert.That(browser.Evaluate("[...document.querySelectorAll('section.run h2')].map(h => h.textContent).join(' | ')").GetString(),
            Is.EqualTo("single-government · hierarchical | co-governance · platform"));
        Assert.That(browser.Evaluate("document.querySelectorAll('input[type=range]').length").GetInt32(), Is.EqualTo(1), "one shared slider");
        for (int run = 0; run < 2; run++)
        {
            Assert.That(browser.Evaluate($"document.querySelectorAll('#run-{run} svg.map g.zone').length").GetInt32(), Is.EqualTo(zones), $"run {run}'s map");
        }

        Slide(browser, 100);
        Assert.That(browser.Evaluate(Clock).GetString(), Does.StartWith("t = 16.83 h"));
        Assert.That(browser.Evaluate(Cell(0, "ring_3km", "displaced")).GetString(), Is.EqualTo(Expected(TracedRuns.Single, 100, "ring_3km", "displaced")));
        Assert.That(browser.Evaluate(Cell(1, "ring_3km", "displaced")).GetString(), Is.EqualTo(Expected(TracedRuns.Co, 100, "ring_3km", "displaced")));
        Assert.That(browser.Evaluate("document.querySelector('#run-1 details summary').textContent").GetString(), Is.Not.Empty);
        Assert.That(browser.Errors, Is.Empty, "no console error or exception");
    }

    [Test]
    public void TheBrowserCheckSeesConsoleErrorsAndExceptionsWhereThereAreSome()
    {
        AnalysisTools.RequireChromium();
        string page = Path.Combine(TracedRuns.NewFolder("browser"), "broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><script>console.error('drawn wrong'); undefinedFunction();</script></body></html>");
        using var browser = HeadlessChromium.Start();
        browser.Open(page);
        Assert.That(browser.Errors, Has.Some.Contains("drawn wrong"));
        Assert.That(browser.Errors, Has.Some.Contains("undefinedFunction"));
    }
}
