using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using CrisisSim.Cli.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>Figures, the HTML report and the CSVs as analysts meet them: valid files, readable text, pandas, a real browser.</summary>
public class FigureAndReportTests
{
    private static readonly Lazy<string> s_sweep = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "crisissim-figures-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "e.yaml"), """
            name: figures
            master_seed: 3
            replicates: 4
            fixed: {time.horizon_h: 12, population.scale: 0.2}
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
                platform: {governance.mode: co-governance, governance.communication: platform}
              factors:
                governance.trust: [0.3, 0.9]
                governance.responsibility_clarity: [0.5, 1.0]
            """);
        var r = CliRunner.Run("sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "o"), "--ticks-every", "3");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return Path.Combine(dir, "o");
    });

    [Test]
    public void PlotWritesValidPngAndSvgWithTitlesAndUnits()
    {
        var r = CliRunner.Run("plot", s_sweep.Value, "--force"); // the sweep drew its figures already
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string figures = Path.Combine(s_sweep.Value, "figures");
        string[] expected = ["timeseries-trapped", "box-deaths_civilian", "box-info_latency_mean_h", "heatmap-deaths_civilian"];
        foreach (string name in expected)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(figures, name + ".png"));
            Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{name}.png is a PNG");
            Assert.That(png.Length, Is.GreaterThan(10_000), $"{name}.png has content");
            var svg = XDocument.Load(Path.Combine(figures, name + ".svg"));
            Assert.That(svg.Root!.Name.LocalName, Is.EqualTo("svg"));
            string text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + " "));
            Assert.That(text, Is.Not.Empty, $"{name}.svg has text");
        }

        string ts = File.ReadAllText(Path.Combine(figures, "timeseries-trapped.svg"));
        Assert.That(ts, Does.Contain("residents trapped over time by arm").And.Contain("(hours)").And.Contain("residents trapped (persons)").And.Contain("platform"));
        string box = File.ReadAllText(Path.Combine(figures, "box-info_latency_mean_h.svg"));
        Assert.That(box, Does.Contain("mean information latency (hours)").And.Contain("single"));
        string heat = File.ReadAllText(Path.Combine(figures, "heatmap-deaths_civilian.svg"));
        Assert.That(heat, Does.Contain("governance.trust").And.Contain("governance.responsibility_clarity"));
    }

    [Test]
    public void ReportIsOneSelfContainedPageThatRendersInChromium()
    {
        var r = CliRunner.Run("report", s_sweep.Value, "--force"); // the sweep wrote its report already
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string path = Path.Combine(s_sweep.Value, "report.html");
        string html = File.ReadAllText(path);
        Assert.That(html, Does.Contain("<h2>Design</h2>").And.Contain("<h2>Comparison by arm</h2>").And.Contain("<h2>Figures</h2>").And.Contain("<h2>Provenance</h2>"));
        Assert.That(html, Does.Contain("data:image/png;base64,"));
        Assert.That(html, Does.Not.Contain("src=\"http").And.Not.Contain("src=\"figures/"), "no external resources");
        Assert.That(html, Does.Contain("design_hash"));

        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.Ignore("Chromium is not installed (apt-get install chromium); the rendering check was skipped. CI installs it.");
        }

        string shot = Path.Combine(s_sweep.Value, "report.png");
        string profile = Path.Combine(s_sweep.Value, "chromium-profile");
        var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--window-size=1200,2400", $"--screenshot={shot}", new Uri(path).AbsoluteUri })
        {
            psi.ArgumentList.Add(a);
        }

        using (var p = Process.Start(psi)!)
        {
            p.StandardOutput.ReadToEndAsync();
            p.StandardError.ReadToEndAsync();
            Assert.That(p.WaitForExit(60_000), Is.True, "chromium finished");
        }

        Assert.That(File.Exists(shot), Is.True, "chromium rendered a screenshot of the report");
        Assert.That(new FileInfo(shot).Length, Is.GreaterThan(20_000), "the screenshot shows content, not a blank page");

        var dom = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", $"--user-data-dir={profile}", "--dump-dom", new Uri(path).AbsoluteUri })
        {
            dom.ArgumentList.Add(a);
        }

        using var d = Process.Start(dom)!;
        var err = d.StandardError.ReadToEndAsync();
        string rendered = d.StandardOutput.ReadToEnd();
        d.WaitForExit(60_000);
        Assert.That(rendered, Does.Contain("Comparison by arm").And.Contain("deaths_civilian"), err.Result);
    }

    [TestCase("de-DE")]
    [TestCase("tr-TR")]
    [TestCase("ar-SA")]
    public void FiguresAndReportAreByteIdenticalWhateverTheCulture(string culture)
    {
        Assert.That(new CultureInfo(culture).NumberFormat.NumberDecimalSeparator, Is.Not.EqualTo("."), "the culture formats numbers differently (ICU is loaded)");
        string root = Path.Combine(Path.GetTempPath(), "crisissim-culture-" + Guid.NewGuid().ToString("N"));
        try
        {
            var reference = DrawIn("en-US", Path.Combine(root, "en"));
            var other = DrawIn(culture, Path.Combine(root, "other"));
            Assert.That(other.Keys, Is.EquivalentTo(reference.Keys));
            foreach (var (name, bytes) in reference)
            {
                Assert.That(other[name], Is.EqualTo(bytes), $"{name} under {culture} is byte-identical to en-US");
            }

            string ticks = System.Text.Encoding.UTF8.GetString(reference["timeseries-rumour.svg"]);
            Assert.That(ticks, Does.Match(@">\s*0\.0\d+\s*<"), "the time series has decimal tick labels (so a culture would show in them)");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void FiguresDrawnByAProcessUnderLangDeDeMatchTheInvariantOnes()
    {
        string root = Path.Combine(Path.GetTempPath(), "crisissim-lang-" + Guid.NewGuid().ToString("N"));
        try
        {
            var reference = DrawIn("en-US", Path.Combine(root, "en"));
            string de = Path.Combine(root, "de");
            var env = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false" };
            var r = CliRunner.RunProcess(["plot", s_sweep.Value, "--out", de, "--metric", "unmet_need_hours", "--series", "rumour"], environment: env);
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
            foreach (string name in new[] { "box-unmet_need_hours.svg", "timeseries-rumour.svg", "heatmap-unmet_need_hours.svg" })
            {
                Assert.That(File.ReadAllBytes(Path.Combine(de, name)), Is.EqualTo(reference[name]), $"{name} drawn by a process with LANG=de_DE.UTF-8");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>plot and report with the thread's culture set to <paramref name="culture"/>; the files they wrote, by name.</summary>
    private static Dictionary<string, byte[]> DrawIn(string culture, string outDir)
    {
        var (oldCulture, oldUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var plot = CliRunner.Run("plot", s_sweep.Value, "--out", outDir);
            Assert.That(plot.ExitCode, Is.Zero, plot.Stderr);
            string html = Path.Combine(outDir, "report.html");
            var report = CliRunner.Run("report", s_sweep.Value, "--out", html);
            Assert.That(report.ExitCode, Is.Zero, report.Stderr);
        }
        finally
        {
            CultureInfo.CurrentCulture = oldCulture;
            CultureInfo.CurrentUICulture = oldUi;
        }

        return Directory.GetFiles(outDir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Test]
    public void TheFontCheckAcceptsTheInstalledFontAndRefusesOnesWithoutGlyphs()
    {
        Assert.That(Directory.Exists("/usr/share/fonts/truetype/dejavu"), Is.True, "fonts-dejavu-core is installed (CI installs it)");
        var real = Figures.ProbeFont();
        Assert.That(Figures.FontProblem(real), Is.Null, $"the installed font is usable: {real}");
        Assert.That(real.Resolved, Is.Not.Empty);

        FontProbe[] unusable =
        [
            new(real.Family, "", 0, 0, null), // no font at all: SkiaSharp's empty typeface
            new(real.Family, "Some Symbols", 3, 21.5f, null), // a typeface without letters or digits
            new(real.Family, real.Resolved, Figures.FontSample.Length, 0, null), // glyphs that measure nothing
            new(real.Family, null, 0, 0, "cannot open /usr/share/fonts"), // loading failed
        ];
        foreach (var probe in unusable)
        {
            string? problem = Figures.FontProblem(probe);
            Assert.That(problem, Does.StartWith("no usable font for the figures:").And.Contain("fonts-dejavu-core"), probe.ToString());
        }

        Assert.That(Figures.FontProblem(unusable[^1]), Does.Contain("cannot open /usr/share/fonts"));
    }

    [Test]
    public void WithoutAUsableFontPlotAndReportFailWithAMessageAndWriteNothing()
    {
        string root = Path.Combine(Path.GetTempPath(), "crisissim-nofont-" + Guid.NewGuid().ToString("N"));
        var old = Figures.ProbeFont;
        try
        {
            Figures.ProbeFont = () => new FontProbe("DejaVu Serif", "", 0, 0, null);
            var plot = CliRunner.Run("plot", s_sweep.Value, "--out", Path.Combine(root, "figures"));
            Assert.That(plot.ExitCode, Is.EqualTo(2), plot.Stderr);
            Assert.That(plot.Stderr, Does.StartWith("error: no usable font for the figures:").And.Contain("apt-get install fonts-dejavu-core").And.Not.Contain("   at "));
            Assert.That(Directory.Exists(Path.Combine(root, "figures")), Is.False, "no figures without text were written");

            var report = CliRunner.Run("report", s_sweep.Value, "--out", Path.Combine(root, "report.html"));
            Assert.That(report.ExitCode, Is.EqualTo(2), report.Stderr);
            Assert.That(report.Stderr, Does.StartWith("error: no usable font for the figures:"));
            Assert.That(File.Exists(Path.Combine(root, "report.html")), Is.False);
        }
        finally
        {
            Figures.ProbeFont = old;
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        Assert.That(CliRunner.Run("plot", s_sweep.Value, "--out", Path.Combine(root, "figures")).ExitCode, Is.Zero, "the real font check passes again");
        Directory.Delete(root, recursive: true);
    }

    [Test]
    public void CsvOutputsLoadInPandasWithTheRightTypes()
    {
        const string python = "/usr/bin/python3";
        var check = Process.Start(new ProcessStartInfo(python, ["-c", "import pandas"]) { RedirectStandardError = true, UseShellExecute = false });
        check!.WaitForExit();
        if (check.ExitCode != 0)
        {
            Assert.Ignore("pandas is not installed for /usr/bin/python3 (apt-get install python3-pandas); the check was skipped. CI installs it.");
        }

        CliRunner.Run("compare", s_sweep.Value);
        string script = """
            import sys, warnings
            warnings.simplefilter("error")
            import pandas as pd
            d = sys.argv[1]
            runs = pd.read_csv(d + "/runs.csv")
            assert str(runs["run_id"].dtype) == "int64", runs["run_id"].dtype
            assert str(runs["seed"].dtype) in ("int64", "uint64"), runs["seed"].dtype
            assert str(runs["deaths_civilian"].dtype) == "int64", runs["deaths_civilian"].dtype
            assert str(runs["info_latency_mean_h"].dtype) == "float64"
            assert str(runs["governance.trust"].dtype) == "float64"
            assert runs["arm"].dtype == object and set(runs["arm"]) == {"single", "platform"}
            assert (runs["status"] == "ok").all()
            ticks = pd.read_csv(d + "/ticks.csv")
            assert str(ticks["time_h"].dtype) == "float64" and str(ticks["trapped"].dtype) == "int64"
            assert ticks.groupby("run_id").size().nunique() == 1
            comp = pd.read_csv(d + "/comparison.csv")
            assert str(comp["mean"].dtype) == "float64" and str(comp["n"].dtype) == "int64"
            print("ok", len(runs), len(ticks), len(comp))
            """;
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script.Replace("\r", "", StringComparison.Ordinal));
        psi.ArgumentList.Add(s_sweep.Value);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("ok 32 "));
    }
}
