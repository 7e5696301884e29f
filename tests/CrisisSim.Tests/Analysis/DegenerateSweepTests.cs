using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrisisSim.Tests.Support;
using SkiaSharp;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// plot and report on result folders a user can really end up with: every run failed, no status column, one replicate,
/// a constant metric, only a header, NaN and empty cells, no or a one-row ticks.csv, a group of one run. Each gives figures
/// (with notes) or one clear error with exit 1 or 2; never a stack trace or an exception from ScottPlot.
/// </summary>
public partial class DegenerateSweepTests
{
    private const string Experiment = """
        name: degenerate
        master_seed: 5
        replicates: REPLICATES
        fixed: {time.horizon_h: 6, population.scale: 0.1}
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
          factors:
            governance.trust: [0.3, 0.9]
            governance.responsibility_clarity: [0.5, 1.0]
        compare:
          within: [governance.trust]
        """;

    private static readonly Lazy<string> s_sweep = new(() => Sweep(2));

    private static readonly Lazy<string> s_oneReplicate = new(() => Sweep(1));

    /// <summary>What plot and report must do with a folder.</summary>
    /// <param name="Name">The case.</param>
    /// <param name="Base">The sweep it starts from.</param>
    /// <param name="Mutate">Changes the copied folder.</param>
    /// <param name="PlotExit">plot's exit code.</param>
    /// <param name="PlotSays">Text plot must print on stderr (the error or a warning), or null.</param>
    /// <param name="ReportExit">report's exit code.</param>
    /// <param name="ReportSays">Text report.html must contain when written, or null.</param>
    public sealed record Case(string Name, Func<string> Base, Action<string> Mutate, int PlotExit, string? PlotSays, int ReportExit, string? ReportSays)
    {
        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        static Case C(string name, Action<string> mutate, int plotExit, string? plotSays, int reportExit, string? reportSays, bool oneReplicate = false) =>
            new(name, oneReplicate ? () => s_oneReplicate.Value : () => s_sweep.Value, mutate, plotExit, plotSays, reportExit, reportSays);

        Case[] cases =
        [
            C("every run failed", d =>
            {
                Runs(d, r => Fail(r));
                Ticks(d, rows => rows.Take(0));
            }, 2, "error: ", 0, "none of the 16 runs in runs.csv succeeded (16 failed)"),
            C("every run failed, ticks kept", d => Runs(d, r => Fail(r)), 2, "nothing to plot: none of the 16 runs", 0, "none of the 16 runs"),
            C("no status column", d => DropColumns(d, "status", "error"), 0, "no status column: every row is taken as a successful run", 0, "no status column"),
            C("no status column, some rows without values", d =>
            {
                Runs(d, r => r.Id % 3 != 0 || Fail(r));
                DropColumns(d, "status", "error");
            }, 0, "have no value of deaths_civilian and are left out", 0, "<h2>Comparison by arm"),
            C("only a header", d => Runs(d, _ => false), 2, "runs.csv has a header but no runs", 0, "runs.csv has a header but no runs"),
            C("empty runs.csv", d => File.WriteAllText(Path.Combine(d, "runs.csv"), ""), 2, "runs.csv is empty (not even a header)", 0, "runs.csv is empty"),
            C("one replicate", _ => { }, 0, null, 0, "<h2>Comparison by arm", oneReplicate: true),
            C("one replicate, one point per arm", d => Runs(d, r => r["governance.trust"] == "0.3" && r["governance.responsibility_clarity"] == "0.5"), 0, "one run per group: no spread", 0, "one run per group", oneReplicate: true),
            C("constant metrics", d => Runs(d, r => { r.SetMetrics("5"); return true; }), 0, null, 0, "<h2>Comparison by arm"),
            C("NaN, Infinity and empty cells", d =>
            {
                Runs(d, r =>
                {
                    if (r.Id % 2 == 0)
                    {
                        r.SetMetrics(r.Id % 4 == 0 ? "NaN" : r.Id % 8 == 2 ? "" : "Infinity");
                    }

                    return true;
                });
                Ticks(d, rows => rows.Select((row, i) =>
                {
                    var cells = row.Split(',');
                    cells[6] = i % 3 == 0 ? "" : cells[6];
                    cells[14] = i % 5 == 0 ? "NaN" : cells[14];
                    return string.Join(",", cells);
                }));
            }, 0, "left out", 0, "left out"),
            C("every metric cell empty", d => Runs(d, r => { r.SetMetrics(""); return true; }), 0, "box-deaths_civilian: no successful run has a value of deaths_civilian; not drawn", 0, "not drawn"),
            C("no ticks.csv", d => File.Delete(Path.Combine(d, "ticks.csv")), 0, null, 0, "<h2>Figures"),
            C("ticks.csv with one row", d => Ticks(d, rows => rows.Take(1)), 0, "one time point per group: drawn as points", 0, "one time point"),
            C("ticks.csv with only a header", d => Ticks(d, rows => rows.Take(0)), 0, "ticks.csv has no rows for the successful runs", 0, "ticks.csv has no rows"),
            C("ticks.csv empty", d => File.WriteAllText(Path.Combine(d, "ticks.csv"), ""), 0, "ticks.csv is empty", 0, "ticks.csv is empty"),
            C("ticks.csv with a bad run_id", d => Ticks(d, rows => rows.Select((row, i) => i == 4 ? "x" + row : row)), 2, "is not a whole number", 2, null),
            C("a group with one run", d => Runs(d, r => r["arm"] == "single" || (r["replicate"] == "0" && r["governance.trust"] == "0.3" && r["governance.responsibility_clarity"] == "0.5")), 0, null, 0, "<h2>Comparison by arm"),
            C("a single run", d => Runs(d, r => r.Id == 0), 0, "one run per group", 0, "one run per group"),
            C("every run of the baseline failed", d => Runs(d, r => r["arm"] != "single" || Fail(r)), 0, null, 0, "<h2>Comparison by arm"),
            C("every run of the baseline failed at one level", d => Runs(d, r => r["arm"] != "single" || r["governance.trust"] != "0.3" || Fail(r)), 0, null, 0, "no successful runs of the baseline"),
            C("rows cut short", d => File.WriteAllLines(Path.Combine(d, "runs.csv"), File.ReadAllLines(Path.Combine(d, "runs.csv")).Select((l, i) => i == 0 ? l : l[..(l.Length / 3)])), 2, "16 without a status", 0, "16 without a status"),
            C("a run_id on two rows", d => File.AppendAllLines(Path.Combine(d, "runs.csv"), [File.ReadAllLines(Path.Combine(d, "runs.csv"))[1]]), 2, "run_id 0 is on two rows", 2, null),
        ];
        return cases.Select(c => new TestCaseData(c).SetName("PlotAndReport: " + c.Name));
    }

    [TestCaseSource(nameof(Cases))]
    public void PlotAndReportGiveFiguresWithNotesOrOneClearError(Case c)
    {
        using var tmp = new TempDir();
        string dir = tmp["sweep"];
        CopyResults(c.Base(), dir);
        c.Mutate(dir);

        var plot = CliRunner.Run("plot", dir);
        AssertClean(plot, "plot");
        Assert.That(plot.ExitCode, Is.EqualTo(c.PlotExit), plot.Stderr);
        if (c.PlotSays is not null)
        {
            Assert.That(plot.Stderr, Does.Contain(c.PlotSays));
        }

        if (plot.ExitCode != 0)
        {
            Assert.That(plot.Stderr, Does.StartWith("error: "), "a failing plot says why in one line");
            Assert.That(Directory.Exists(Path.Combine(dir, "figures")), Is.False, "a failing plot writes nothing");
        }

        AssertFiguresValid(Path.Combine(dir, "figures"));

        var within = CliRunner.Run("plot", dir, "--within", "governance.trust", "--metric", "deaths_civilian", "--out", tmp["within"]);
        AssertClean(within, "plot --within");
        AssertFiguresValid(tmp["within"]);

        string html = tmp["report.html"];
        var report = CliRunner.Run("report", dir, "--out", html);
        AssertClean(report, "report");
        Assert.That(report.ExitCode, Is.EqualTo(c.ReportExit), report.Stderr);
        if (report.ExitCode == 0)
        {
            string text = File.ReadAllText(html);
            Assert.That(text, Does.StartWith("<!DOCTYPE html>").And.EndWith("</html>\n"));
            if (c.ReportSays is not null)
            {
                Assert.That(text, Does.Contain(c.ReportSays));
            }

            foreach (Match m in PngData().Matches(text))
            {
                AssertPng(Convert.FromBase64String(m.Groups[1].Value), "a figure embedded in report.html");
            }
        }
        else
        {
            Assert.That(report.Stderr, Does.StartWith("error: "));
            Assert.That(File.Exists(html), Is.False, "a failing report writes no page");
        }

        AssertFiguresValid(Path.Combine(dir, "figures"));
    }

    /// <summary>Exit 0, 1 or 2; no stack trace; no exception type names.</summary>
    private static void AssertClean(CliResult r, string what)
    {
        Assert.That(r.ExitCode, Is.AnyOf(0, 1, 2), $"{what}: exit code\n{r.Stderr}");
        string output = r.Stderr + r.Stdout;
        Assert.That(output, Does.Not.Contain("   at "), $"{what}: no stack trace");
        Assert.That(ExceptionName().IsMatch(output), Is.False, $"{what}: no exception type names\n{output}");
        Assert.That(output, Does.Not.Contain("ScottPlot").And.Not.Contain("SkiaSharp"), $"{what}: nothing from inside the plotting library\n{output}");
    }

    /// <summary>Every PNG decodes to a 1200×750 image; every SVG is XML with text in it; PNG and SVG come in pairs.</summary>
    internal static void AssertFiguresValid(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var png = Directory.GetFiles(folder, "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        var svg = Directory.GetFiles(folder, "*.svg").Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.That(svg, Is.EqualTo(png), "each figure has a PNG and an SVG");
        Assert.That(Directory.GetFiles(folder).Where(f => !f.EndsWith(".png", StringComparison.Ordinal) && !f.EndsWith(".svg", StringComparison.Ordinal)), Is.Empty, "no temporary or partial files");
        foreach (string name in png.OfType<string>())
        {
            AssertPng(File.ReadAllBytes(Path.Combine(folder, name + ".png")), name + ".png");
            var doc = XDocument.Load(Path.Combine(folder, name + ".svg"));
            Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("svg"), name + ".svg");
            string text = string.Concat(doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()));
            Assert.That(text, Is.Not.Empty, name + ".svg has text");
        }
    }

    private static void AssertPng(byte[] bytes, string what)
    {
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), what + " is a PNG");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.That(bitmap, Is.Not.Null, what + " decodes");
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((1200, 750)), what + " has the figure size");
    }

    private static string Sweep(int replicates)
    {
        string dir = Path.Combine(Path.GetTempPath(), "crisissim-degenerate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string exp = Path.Combine(dir, "e.yaml");
        File.WriteAllText(exp, Experiment.Replace("REPLICATES", replicates.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", exp, "--out", Path.Combine(dir, "o"), "--ticks-every", "6");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return Path.Combine(dir, "o");
    }

    /// <summary>The result tables of a sweep, without what the sweep derived from them (figures, report, comparison).</summary>
    private static void CopyResults(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string name in new[] { "runs.csv", "ticks.csv", "sweep.json" })
        {
            File.Copy(Path.Combine(from, name), Path.Combine(to, name));
        }
    }

    /// <summary>A row of runs.csv, by column name.</summary>
    private sealed class Row(string[] header, string[] cells)
    {
        public long Id => long.Parse(this["run_id"], CultureInfo.InvariantCulture);

        public string this[string column]
        {
            get => cells[Array.IndexOf(header, column)];
            set => cells[Array.IndexOf(header, column)] = value;
        }

        /// <summary>Sets every metric (the columns between the factors and status).</summary>
        public void SetMetrics(string value)
        {
            for (int i = Array.IndexOf(header, "deaths_civilian"); i < Array.IndexOf(header, "status"); i++)
            {
                cells[i] = value;
            }
        }

        public string Line => string.Join(",", cells);
    }

    /// <summary>A failed run as the sweep writes it: no metrics, status failed, the model's error.</summary>
    private static bool Fail(Row r)
    {
        r.SetMetrics("");
        r["status"] = "failed";
        r["error"] = "InvalidOperationException: boom";
        return true;
    }

    /// <summary>Rewrites runs.csv: <paramref name="keep"/> may change a row and says whether to keep it.</summary>
    private static void Runs(string dir, Func<Row, bool> keep)
    {
        string path = Path.Combine(dir, "runs.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => new Row(header, l.Split(','))).Where(keep).Select(r => r.Line).ToList();
        File.WriteAllLines(path, [lines[0], .. rows]);
    }

    private static void DropColumns(string dir, params string[] columns)
    {
        string path = Path.Combine(dir, "runs.csv");
        var lines = File.ReadAllLines(path).Select(l => l.Split(',')).ToList();
        var drop = columns.Select(c => Array.IndexOf(lines[0], c)).ToHashSet();
        File.WriteAllLines(path, lines.Select(cells => string.Join(",", cells.Where((_, i) => !drop.Contains(i)))));
    }

    /// <summary>Rewrites the data rows of ticks.csv (the header is kept).</summary>
    private static void Ticks(string dir, Func<IEnumerable<string>, IEnumerable<string>> rows)
    {
        string path = Path.Combine(dir, "ticks.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0], .. rows(lines.Skip(1))]);
    }

    [GeneratedRegex(@"\b[A-Z]\w*Exception\b")]
    private static partial Regex ExceptionName();

    [GeneratedRegex("data:image/png;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex PngData();
}
