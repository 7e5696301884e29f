using System.Globalization;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// The console's comparison in plain language: better or worse from the metric catalog, one line per group and metric
/// with the same decimals for every number of a metric, no line wider than 100 columns, and the numbers of
/// comparison.csv (rounded as printed) for the shipped governance experiment.
/// </summary>
public class ComparisonSummaryTests
{
    private static ComparisonRow Row(string group, string metric, double mean, double diff, double low, double high, double pHolm) =>
        new([group], metric, new SampleSummary(20, mean, 1, mean - 1, mean + 1), false, new PairedResult(20, diff, low, high, 0.5, 2, pHolm, pHolm), pHolm, []);

    private static ComparisonRow Baseline(string metric, double mean) =>
        new(["single-government"], metric, new SampleSummary(20, mean, 1, mean - 1.5, mean + 1.5), true, null, double.NaN, []);

    [TestCase("deaths_civilian", -2.6, 0.002, Verdict.Better)]
    [TestCase("deaths_civilian", 2.6, 0.002, Verdict.Worse)]
    [TestCase("deaths_civilian", -2.6, 0.05, Verdict.NoDifference)]
    [TestCase("rescued", 2.6, 0.01, Verdict.Better)]
    [TestCase("rescued", -2.6, 0.01, Verdict.Worse)]
    [TestCase("messages_sent", 10, 0.001, Verdict.Different)]
    public void TheVerdictFollowsTheCatalogsDirection(string metric, double diff, double p, Verdict expected)
    {
        Assume.That(MetricCatalog.Find(metric), Is.Not.Null, metric + " is in the catalog");
        Assert.That(ComparisonVerdict.Of(metric, diff, p), Is.EqualTo(expected));
    }

    [Test]
    public void AMetricWithoutABetterSideIsDifferentNotBetter()
    {
        var neither = MetricCatalog.Runs.FirstOrDefault(m => m.Better == Better.Neither);
        Assume.That(neither, Is.Not.Null);
        Assert.That(ComparisonVerdict.Of(neither!.Name, -5, 0.001), Is.EqualTo(Verdict.Different));
        Assert.That(ComparisonVerdict.Of(neither.Name, -5, 0.2), Is.EqualTo(Verdict.NoDifference));
    }

    [Test]
    public void ALineSaysTheDifferenceInTheMetricsOwnWords()
    {
        var rows = new List<ComparisonRow>
        {
            Baseline("deaths_civilian", 70.27),
            Row("co-platform", "deaths_civilian", 67.67, -2.6, -4.04, -1.11, 0.0021),
            Row("government-alone", "deaths_civilian", 74.47, 4.2, 2.71, 5.64, 0.0004),
            Baseline("info_latency_mean_h", 3.76),
            Row("co-platform", "info_latency_mean_h", 2.73, -1.034, -1.462, -0.606, 0.4),
        };
        string text = Regex.Replace(ComparisonSummary.Format(rows, "single-government", []), @"\n {5,}", " ");
        Assert.That(text, Does.Contain("civilian deaths (deaths_civilian; persons; lower is better)"));
        Assert.That(text, Does.Contain("single-government (baseline): mean 70.3, 95 % CI [68.8, 71.8], n = 20"));
        Assert.That(text, Does.Contain("co-platform: 2.6 fewer civilian deaths (-3.7 %), 95 % CI [-4.0, -1.1], Holm p = 0.002: better"));
        Assert.That(text, Does.Contain("government-alone: 4.2 more civilian deaths (+6.0 %), 95 % CI [2.7, 5.6], Holm p < 0.001: worse"));
        Assert.That(text, Does.Contain("co-platform: mean information latency 1.03 h shorter (-27.5 %), 95 % CI [-1.46, -0.61], Holm p = 0.400: no clear difference"));
    }

    [TestCase(0.43, 2)]
    [TestCase(1.5, 1)]
    [TestCase(15, 0)]
    [TestCase(440, 0)]
    [TestCase(0.04, 3)]
    [TestCase(0.0001, 3)]
    public void EveryNumberOfAMetricHasTheDecimalsOfItsIntervals(double halfWidth, int decimals)
    {
        var rows = new[] { Row("a", "deaths_civilian", 10, 1, 1 - halfWidth, 1 + halfWidth, 0.5) };
        Assert.That(ComparisonSummary.Decimals(rows), Is.EqualTo(decimals));
    }

    [Test]
    public void NoNumberIsPrintedAsMinusZero()
    {
        Assert.That(ComparisonSummary.Number(-0.004, 2), Is.EqualTo("0.00"));
        Assert.That(ComparisonSummary.Number(-0.006, 2), Is.EqualTo("-0.01"));
        Assert.That(ComparisonSummary.Effect(-0.01, MetricCatalog.Find("deaths_civilian"), "deaths_civilian", 1), Is.EqualTo("about as many civilian deaths"));
    }

    [Test]
    public void LongLinesWrapAtACommaOutsideAnIntervalAndFit100Columns()
    {
        var rows = new List<ComparisonRow>
        {
            Baseline("unmet_need_hours", 474379),
            Row("organisations-absorbed-into-the-command", "unmet_need_hours", 477151, 2772.3, 559.2, 4984.1, 0.101),
        };
        string text = ComparisonSummary.Format(rows, "single-government", []);
        Assert.That(text.Split('\n').Select(l => l.Length), Has.All.LessThanOrEqualTo(ConsoleText.Columns), text);
        Assert.That(text, Does.Contain("[559, 4984]"), "an interval is never split across lines");
    }

    [Test]
    public void WithinStrataOnlyTheSignificantDifferencesAreListedAndTheRestCounted()
    {
        ComparisonRow At(ComparisonRow r, string level) => r with { Stratum = [level] };
        var rows = new List<ComparisonRow>
        {
            At(Baseline("deaths_civilian", 20), "0.5"),
            At(Row("co", "deaths_civilian", 20, 0.1, -0.5, 0.7, 0.8), "0.5"),
            At(Baseline("deaths_civilian", 200), "2"),
            At(Row("co", "deaths_civilian", 190, -10, -14, -6, 0.001), "2"),
        };
        string text = ComparisonSummary.Format(rows, "single-government", ["population.scale"]);
        Assert.That(text, Does.Contain("within population.scale = 2 (single-government mean 200"));
        Assert.That(text, Does.Not.Contain("population.scale = 0.5"));
        Assert.That(text, Does.Match(@"co: 10(\.0+)? fewer civilian deaths \(-5\.0 %\)"));
        Assert.That(text, Does.Contain("no clear difference in the other 1 of 2 group-levels"));
    }

    /// <summary>
    /// The shipped governance experiment, as the README runs it: the console's and report.html's numbers are
    /// comparison.csv's, and the merge of two Slurm-style shards compares to the same console text, comparison.csv and
    /// interaction.csv.
    /// </summary>
    [Test]
    public void TheMainJobSaysOneComparisonOnTheConsoleInItsFilesItsReportAndFromAMergedClusterRun()
    {
        using var tmp = new TempDir();
        string experiment = Repo.PathOf("scenarios", "experiments", "governance-comparison.yaml");
        var r = CliRunner.Run("sweep", experiment, "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(CliRunner.Run("sweep", experiment, "--out", tmp[$"shards/s{i}"], "--shard", $"{i}/2").ExitCode, Is.Zero);
        }

        Assert.That(CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged"]).ExitCode, Is.Zero);
        var merged = CliRunner.Run("compare", tmp["merged"], "--out", tmp["mc"]);
        Assert.That(merged.ExitCode, Is.Zero, merged.Stderr);
        foreach (string file in new[] { "comparison.csv", "interaction.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp["mc/" + file]), Is.EqualTo(File.ReadAllBytes(tmp["o/" + file])), "the merged cluster run's " + file);
        }

        string Summary(string stdout) => stdout[stdout.IndexOf("Against ", StringComparison.Ordinal)..stdout.IndexOf("\nwrote ", stdout.IndexOf("Against ", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.That(Summary(merged.Stdout), Is.EqualTo(Summary(r.Stdout)), "the merged cluster run's console");
        Assert.That(r.Stdout.Split('\n').Where(l => !l.StartsWith("wrote ", StringComparison.Ordinal) && !l.Contains(tmp.Path, StringComparison.Ordinal)).Select(l => l.Length),
            Has.All.LessThanOrEqualTo(ConsoleText.Columns), "every line but the paths fits 100 columns");
        var table = RunsTableFile.Read(tmp["o/comparison.csv"]);
        string console = Regex.Replace(r.Stdout, @"\n {5,}", " "); // undo the wrapping (continuation lines are indented past the groups)
        int checkedRows = 0;
        foreach (var row in table.Rows.Where(x => x[table.Column("n_pairs")] != ""))
        {
            string arm = row[table.Column("arm")];
            string metric = row[table.Column("metric")];
            string section = Section(console, metric);
            var line = Regex.Match(section, $@"(?m)^ *{Regex.Escape(arm)}: .*?95 % CI \[(?<lo>[^,]+), (?<hi>[^\]]+)\], Holm p (?<p>[=<] [0-9.]+): (?<verdict>[a-z ]+)$");
            Assert.That(line.Success, $"{arm} {metric} has a line:\n{section}");
            int decimals = line.Groups["lo"].Value.Split('.').ElementAtOrDefault(1)?.Length ?? 0;
            Assert.That(line.Groups["lo"].Value, Is.EqualTo(ComparisonSummary.Number(Number(row, table, "diff_ci_low"), decimals)), $"{arm} {metric} CI low");
            Assert.That(line.Groups["hi"].Value, Is.EqualTo(ComparisonSummary.Number(Number(row, table, "diff_ci_high"), decimals)), $"{arm} {metric} CI high");
            double p = Number(row, table, "p_holm");
            Assert.That(line.Groups["p"].Value, Is.EqualTo(ComparisonSummary.HolmP(p)), $"{arm} {metric} Holm p");
            Assert.That(line.Groups["verdict"].Value, Is.EqualTo(ComparisonVerdict.Of(metric, Number(row, table, "diff_mean"), p).Word()));
            checkedRows++;
        }

        Assert.That(checkedRows, Is.EqualTo(6 * 6), "six arms against the baseline on six headline metrics");

        // The report: every paired difference and Holm p at full precision, its verdict in the console's word.
        string html = File.ReadAllText(tmp["o/report.html"]);
        foreach (var row in table.Rows.Where(x => x[table.Column("n_pairs")] != ""))
        {
            string metric = row[table.Column("metric")], arm = row[table.Column("arm")];
            int start = html.IndexOf($"<table class=\"comparison\" data-metric=\"{metric}\">", StringComparison.Ordinal);
            Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the report has a table of {metric}");
            string tableHtml = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
            var tr = Regex.Match(tableHtml, $@"<tr[^>]*data-group=""{Regex.Escape(arm)}""[^>]*>.*?data-diff-mean=""(?<m>[^""]*)"" data-diff-ci-low=""(?<lo>[^""]*)"" data-diff-ci-high=""(?<hi>[^""]*)"".*?data-p-holm=""(?<p>[^""]*)"".*?<td class=""v"">(?<v>[^<]*)</td>");
            Assert.That(tr.Success, $"the report's {metric} table has {arm}");
            foreach (var (group, column) in new[] { ("m", "diff_mean"), ("lo", "diff_ci_low"), ("hi", "diff_ci_high"), ("p", "p_holm") })
            {
                Assert.That(double.Parse(tr.Groups[group].Value, CultureInfo.InvariantCulture), Is.EqualTo(Number(row, table, column)), $"report {arm} {metric} {column}");
            }

            Assert.That(tr.Groups["v"].Value, Does.EndWith(ComparisonVerdict.Of(metric, Number(row, table, "diff_mean"), Number(row, table, "p_holm")).Word()), $"report {arm} {metric} verdict");
        }

        // The examples the docs quote are this run's lines.
        string doc = File.ReadAllText(Repo.PathOf("docs", "experiments.md"));
        var example = Regex.Match(doc, @"\*\*What the console prints\*\*.*?```text\n(?<lines>.*?)```", RegexOptions.Singleline);
        Assert.That(example.Success, "docs/experiments.md §5 shows the console");
        foreach (string quoted in example.Groups["lines"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.That(r.Stdout, Does.Contain(quoted), "docs/experiments.md §5 quotes the README's main job");
        }

        var readme = Regex.Match(File.ReadAllText(Repo.PathOf("README.md")), @"one plain-language line per group and metric \(""(?<line>[^""]+)""");
        Assert.That(readme.Success && r.Stdout.Contains(readme.Groups["line"].Value, StringComparison.Ordinal), $"the README's example line is the main job's: {readme.Groups["line"].Value}");
    }

    private static double Number(string[] row, CrisisSim.Core.Analysis.ResultTable table, string column) =>
        double.Parse(row[table.Column(column)], CultureInfo.InvariantCulture);

    /// <summary>The console's block for <paramref name="metric"/>: from its header to the next metric's.</summary>
    private static string Section(string console, string metric)
    {
        var lines = console.Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains($"({metric}; ", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section for {metric}");
        int end = Array.FindIndex(lines, start + 1, l => l.Length > 0 && l[0] != ' ');
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }
}
