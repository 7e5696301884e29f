using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrisisSim.Cli.Analysis;
using CrisisSim.Core.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// Figures a journal can take: text in a sans-serif font (PNG, SVG, PDF), no two labels on top of each other, the
/// forest plot's numbers those of comparison.csv, the size, resolution and format asked for; and a report whose
/// comparison is comparison.csv's.
/// </summary>
public partial class JournalFigureTests
{
    /// <summary>Arms with long names, one without a place to break it, two factors and a stratum.</summary>
    private const string LongNames = """
        name: long-names
        scenario: built-in
        master_seed: 11
        replicates: 2
        fixed: {time.horizon_h: 6, population.scale: 0.05}
        design:
          kind: factorial
          arms:
            single-government: {governance.mode: single-government}
            co-governance-with-the-shared-platform-and-liaison-officers: {governance.mode: co-governance, governance.communication: platform}
            coGovernanceHierarchicalWithoutAnyBreakInItsName: {governance.mode: co-governance, governance.communication: hierarchical}
            co-liaison: {governance.mode: co-governance, governance.communication: liaison}
            organisations-absorbed-into-the-command: {governance.mode: single-government, governance.organisations: absorbed}
          factors:
            governance.trust: [0.3, 0.9]
            governance.responsibility_clarity: [0.5, 1.0]
        compare:
          by: arm
          within: governance.trust
        """;

    /// <summary>Three arms, no compare section: the forest plot writes each estimate beside it.</summary>
    private const string ThreeArms = """
        name: three-arms
        scenario: built-in
        master_seed: 5
        replicates: 3
        fixed: {time.horizon_h: 6, population.scale: 0.05}
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
            hierarchical: {governance.mode: co-governance, governance.communication: hierarchical}
        """;

    private static readonly Lazy<string> s_long = new(() => Sweep("long", LongNames, "--ticks-every", "2"));

    private static readonly Lazy<string> s_three = new(() => Sweep("three", ThreeArms));

    private static string Sweep(string name, string yaml, params string[] extra)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"crisissim-journal-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "e.yaml"), yaml);
        var r = CliRunner.Run(["sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "o"), .. extra]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return Path.Combine(dir, "o");
    }

    [TestCase("")]
    [TestCase("narrow")]
    public void NoTwoLabelsOverlapAndNoneLeavesTheFigure(string size)
    {
        using var tmp = new TempDir();
        string[] options = size == "narrow" ? ["--width", "700", "--height", "520"] : [];
        var r = CliRunner.Run(["plot", s_long.Value, "--out", tmp["f"], .. options]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Not.Contain("Unsupported"), "nothing from inside Skia on stderr");
        var svgs = Directory.GetFiles(tmp["f"], "*.svg");
        Assert.That(svgs.Select(Path.GetFileNameWithoutExtension), Does.Contain("forest-deaths_civilian").And.Contain("box-deaths_civilian").And.Contain("heatmap-deaths_civilian-co-liaison")
            .And.Contain("timeseries-trapped").And.Contain("difference-deaths_civilian-by-governance_trust"));
        bool turned = false;
        foreach (string svg in svgs)
        {
            var root = XDocument.Load(svg).Root!;
            double w = double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture);
            double h = double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture);
            var texts = SvgText.Read(svg);
            Assert.That(texts, Is.Not.Empty, $"{svg} has text");
            for (int i = 0; i < texts.Count; i++)
            {
                Assert.That(texts[i].Family, Is.EqualTo(Figures.FontFamily), $"{Path.GetFileName(svg)}: '{texts[i].Text}' is in the sans-serif font");
                Assert.That(texts[i].Inside(w, h), Is.True, $"{Path.GetFileName(svg)}: '{texts[i].Text}' lies inside the figure");
                for (int j = i + 1; j < texts.Count; j++)
                {
                    Assert.That(texts[i].Overlaps(texts[j]), Is.False, $"{Path.GetFileName(svg)}: '{texts[i].Text}' and '{texts[j].Text}' overlap");
                }
            }

            turned |= texts.Any(t => t.Text.StartsWith("coGovernance", StringComparison.Ordinal) && Math.Abs(t.Corners[0].Y - t.Corners[1].Y) > 1);
        }

        if (size == "narrow")
        {
            Assert.That(turned, Is.True, "in a narrow figure the arm names that cannot be wrapped are turned (the case this test is for)");
        }

        var box = SvgText.Read(Path.Combine(tmp["f"], "box-deaths_civilian.svg")).Select(t => t.Text);
        Assert.That(box, Has.Some.StartsWith("organisations-"), "the long name is drawn (wrapped or turned)");
    }

    [TestCase("long")]
    [TestCase("three")]
    public void TheForestPlotDrawsComparisonCsvsNumbers(string which)
    {
        string dir = which == "long" ? s_long.Value : s_three.Value;
        using var tmp = new TempDir();
        var drawing = FolderFigures.DrawAll(new PlotRequest(dir, [], [], null, null, ForestOnly: true), tmp["f"]);
        var csv = ComparisonCsv(Path.Combine(dir, "comparison.csv"));
        var forests = drawing.Figures.Where(f => f.Forest is not null).ToList();
        Assert.That(forests.Select(f => f.Name), Is.EqualTo(Comparison.HeadlineMetrics.Select(m => "forest-" + m)), "a forest plot per compared metric, in their order");
        foreach (var f in forests)
        {
            string metric = f.Name["forest-".Length..];
            var rows = csv.Where(r => r["metric"] == metric && r["diff_mean"].Length > 0).ToList();
            Assert.That(f.Forest!, Has.Count.EqualTo(rows.Count), $"{f.Name}: every paired difference of comparison.csv is drawn");
            foreach (var row in rows)
            {
                string stratum = row.TryGetValue("governance.trust", out string? level) ? level : "";
                var point = f.Forest!.Single(p => p.Group == row["arm"] && p.Stratum == stratum);
                Assert.That(point.Mean, Is.EqualTo(D(row["diff_mean"])), $"{f.Name} {row["arm"]} {stratum}: diff_mean");
                Assert.That(point.Low, Is.EqualTo(D(row["diff_ci_low"])), $"{f.Name} {row["arm"]} {stratum}: diff_ci_low");
                Assert.That(point.High, Is.EqualTo(D(row["diff_ci_high"])), $"{f.Name} {row["arm"]} {stratum}: diff_ci_high");
            }

            if (which == "three")
            {
                var texts = SvgText.Read(f.Files.Single(p => p.EndsWith(".svg", StringComparison.Ordinal))).Select(t => t.Text).ToHashSet();
                int d = ComparisonSummary.Decimals(rows.Select(row => (D(row["diff_ci_high"]) - D(row["diff_ci_low"])) / 2)); // the console's digits
                foreach (var row in rows)
                {
                    string shown = $"{ComparisonSummary.Number(D(row["diff_mean"]), d)} [{ComparisonSummary.Number(D(row["diff_ci_low"]), d)}, {ComparisonSummary.Number(D(row["diff_ci_high"]), d)}]";
                    Assert.That(texts, Does.Contain(shown), $"{f.Name}: {row["arm"]}'s estimate from comparison.csv is written beside the plot");
                }
            }
        }
    }

    [Test]
    public void TheReportsComparisonIsComparisonCsvAndNamesTheBaselineOnce()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("report", s_long.Value, "--out", tmp["r.html"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string html = File.ReadAllText(tmp["r.html"]);
        var csv = ComparisonCsv(Path.Combine(s_long.Value, "comparison.csv"));
        var cells = ReportTable().Matches(html).SelectMany(t => ReportRow().Matches(t.Groups["body"].Value).Select(m => (Metric: t.Groups["metric"].Value, Row: m))).ToList();
        Assert.That(cells, Has.Count.EqualTo(csv.Count(c => c["diff_mean"].Length > 0)), "a Δ cell per paired row of comparison.csv");
        foreach (var (metric, m) in cells)
        {
            var row = csv.Single(c => c["metric"] == metric && c["arm"] == m.Groups["group"].Value && c["governance.trust"] == m.Groups["stratum"].Value);
            foreach (string column in new[] { "diff_mean", "diff_ci_low", "diff_ci_high", "p_holm" })
            {
                string shown = m.Groups[column.Replace("_", "", StringComparison.Ordinal)].Value;
                Assert.That(shown.Length == 0 ? double.NaN : D(shown), Is.EqualTo(row[column].Length == 0 ? double.NaN : D(row[column])), $"{row["metric"]} {row["arm"]}: {column}");
            }
        }

        Assert.That(Regex.Count(html, "Baseline: <b>single-government</b>"), Is.EqualTo(1), "the baseline is named once");
        Assert.That(html.IndexOf("<h2>Paired differences from the baseline</h2>", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<h2>Comparison by arm", StringComparison.Ordinal)), "the forest plots come first");
        Assert.That(html, Does.Contain("<h2>Glossary</h2>").And.Contain("civilian deaths</dt><dd>residents who died").And.Contain("Unit: persons; lower is better"));
        Assert.That(html, Does.Not.Contain("class=\"sig\""), "significance is shown by verdict, not bold");
    }

    [Test]
    public void TheReportColoursSignificantDifferencesByVerdictWithAWordAndDecomposesThe2x2()
    {
        string dir = Sweep("2x2", ThreeArms.Replace("hierarchical: {governance.mode: co-governance, governance.communication: hierarchical}", """
            hierarchical: {governance.mode: co-governance, governance.communication: hierarchical}
                both: {governance.mode: co-governance, governance.communication: platform, governance.trust: 0.9}
            compare:
              by: arm
              interaction: {neither: single, first: platform, second: hierarchical, both: both}
            """, StringComparison.Ordinal));
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(html, Does.Contain("<h2>2x2 decomposition</h2>").And.Contain("(both − hierarchical) − (platform − single)"));
        foreach (Match row in Regex.Matches(html, "<tr class=\"(better|worse)\"[^>]*>.*?</tr>"))
        {
            Assert.That(row.Value, Does.Contain(row.Groups[1].Value == "better" ? "▲ better" : "▼ worse"), "a coloured row says its verdict in words too");
        }
    }

    [Test]
    public void TheOptionsGiveTheSizeResolutionAndFormatsAskedForWithTheFontEmbedded()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("plot", s_three.Value, "--out", tmp["f"], "--forest", "--width", "85mm", "--height", "60mm", "--dpi", "300", "--format", "png,svg", "--format", "pdf", "--no-title", "--arm", "hierarchical");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(Directory.GetFiles(tmp["f"]).Select(Path.GetFileName), Has.All.StartWith("forest-"), "--forest draws only forest plots");
        byte[] png = File.ReadAllBytes(tmp["f/forest-deaths_civilian.png"]);
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(1004), "85 mm at 300 dpi");
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), Is.EqualTo(709), "60 mm at 300 dpi");
        Assert.That(Encoding.ASCII.GetString(png, 37, 4), Is.EqualTo("pHYs"));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(41)), Is.EqualTo(11811), "300 dpi as pixels per metre");
        using (var image = SkiaSharp.SKBitmap.Decode(png))
        {
            Assert.That((image.Width, image.Height), Is.EqualTo((1004, 709)), "Skia decodes the PNG with its pHYs chunk");
        }

        var svg = XDocument.Load(tmp["f/forest-deaths_civilian.svg"]).Root!;
        Assert.That(((string?)svg.Attribute("width"), (string?)svg.Attribute("height")), Is.EqualTo(("85mm", "60mm")));
        string svgText = string.Concat(SvgText.Read(tmp["f/forest-deaths_civilian.svg"]).Select(t => t.Text + "|"));
        Assert.That(svgText, Does.Not.Contain("mean and 95% CI of paired differences"), "--no-title");
        Assert.That(svgText, Does.Contain("hierarchical").And.Not.Contain("platform|"), "--arm chooses the arms");

        string pdf = Encoding.Latin1.GetString(File.ReadAllBytes(tmp["f/forest-deaths_civilian.pdf"]));
        Assert.That(pdf, Does.StartWith("%PDF-"));
        double[] box = [.. MediaBox().Match(pdf).Groups[1].Value.Split(' ').Select(D)];
        Assert.That(box[0], Is.EqualTo(85 / 25.4 * 72).Within(0.25), "85 mm in points");
        Assert.That(box[1], Is.EqualTo(60 / 25.4 * 72).Within(0.25), "60 mm in points");
        Assert.That(pdf, Does.Contain("/FontFile2").And.Match(@"/BaseFont /[A-Z]{6}\+" + Figures.FontFamily.Replace(" ", "", StringComparison.Ordinal)), "the PDF embeds the sans-serif font: it has text");
    }

    [TestCase("--width", "10px", "expected 100 to 20000 pixels")]
    [TestCase("--width", "wide", "expected pixels (1200 or 1200px) or a print size")]
    [TestCase("--dpi", "0", "--dpi 0: expected dots per inch")]
    [TestCase("--format", "jpg", "--format jpg: expected png, svg or pdf")]
    [TestCase("--arm", "platfrom", "did you mean 'platform'?")]
    [TestCase("--height", "5mm", "59 pixels at 300 dpi; expected 100 to 20000 pixels")]
    [TestCase("--width", "40mm", "too small for its text")]
    public void BadOptionsFailWithAMessageAndWriteNothing(string option, string value, string message)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("plot", s_three.Value, "--out", tmp["f"], option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stderr);
        Assert.That(r.Stderr, Does.StartWith("error: ").And.Contain(message).And.Not.Contain("   at "));
        Assert.That(Directory.Exists(tmp["f"]), Is.False);
    }

    [Test]
    public void TheVerdictFollowsTheCatalogsBetterSide()
    {
        Assert.That(ComparisonVerdict.Of("deaths_civilian", -2, 0.01), Is.EqualTo(Verdict.Better));
        Assert.That(ComparisonVerdict.Of("deaths_civilian", 2, 0.01), Is.EqualTo(Verdict.Worse));
        Assert.That(ComparisonVerdict.Of("rescued", 2, 0.01), Is.EqualTo(Verdict.Better));
        Assert.That(ComparisonVerdict.Of("rescued", 2, 0.05), Is.EqualTo(Verdict.NoDifference), "p = 0.05 is not below 0.05");
        Assert.That(ComparisonVerdict.Of("messages_sent", 2, 0.001), Is.EqualTo(Verdict.Different), "no better side");
        Assert.That(ComparisonVerdict.Of("rescued", 2, double.NaN), Is.EqualTo(Verdict.None));
    }

    private static double D(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>comparison.csv as rows of column → cell (no quoted cells in these tests' sweeps).</summary>
    private static List<Dictionary<string, string>> ComparisonCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    [GeneratedRegex(@"<table class=""comparison"" data-metric=""(?<metric>[^""]+)"">(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex ReportTable();

    [GeneratedRegex(@"<tr[^>]* data-group=""(?<group>[^""]*)"" data-stratum=""(?<stratum>[^""]*)"">[^\n]*?data-diff-mean=""(?<diffmean>[^""]*)"" data-diff-ci-low=""(?<diffcilow>[^""]*)"" data-diff-ci-high=""(?<diffcihigh>[^""]*)""[^\n]*?data-p-holm=""(?<pholm>[^""]*)""")]
    private static partial Regex ReportRow();

    [GeneratedRegex(@"/MediaBox \[0 0 ([0-9. ]+)\]")]
    private static partial Regex MediaBox();
}
