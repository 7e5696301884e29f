using System.Globalization;
using System.Text;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Validation;

/// <summary>
/// The out-of-sample cases (issue 18): each case's comparison is reproducible with one command
/// (<c>crisissim sweep builtin:NAME</c>), and its validation page's two tables (the model against the case's recorded
/// figures, and the governance arrangements against the recorded one) are generated from the committed comparison.csv.
/// </summary>
public class CaseValidationTests
{
    /// <summary>A recorded figure of a case: the metric it compares with, what it is, its value (null: a pattern, not a number) and its source.</summary>
    public sealed record Fact(string Metric, string Quantity, double? Value, string Recorded);

    public sealed record Case(string Experiment, string Committed, string Page, Fact[] Facts, string[] Compared);

    public static readonly Case Lushan = new(
        "builtin:lushan-out-of-sample", "docs/cases/lushan-2013-out-of-sample.csv", "docs/cases/lushan-2013-validation.md",
        [
            new("deaths_civilian", "civilian deaths (72 h)", 217, "196 dead + 21 missing, final ([P1])"),
            new("rescued", "people freed from ruins (72 h)", 475, "475 in all areas by ~106 h ([P1]); Lushan 278 by ~30 h ([D1])"),
            new("rescued_within_24h", "share of the freed who were freed in the first 24 h", null, "most in the first day: 278 of Lushan's by ~30 h ([D1])"),
            new("sheltered_day1", "people in shelters after 24 h", 20000, "20,000+ resettled in Lushan by ~30 h ([D1])"),
            new("congestion_delay_h", "vehicle-hours lost to congestion", null, "10 h for 200 km; traffic 5–10× design capacity; private cars banned at ~24 h ([X1], [X17])"),
            new("response_latency_mean_h", "hours from a need to the first unit on it", null, "outside forces from ~4 h (armed police), ~12 h (7,000 troops); Baoxing by road at ~34 h ([X7], [X9], [X11])"),
        ],
        ["deaths_civilian", "rescued", "rescued_within_24h", "congestion_delay_h", "response_latency_mean_h"]);

    public static readonly Case Zhengzhou = new(
        "builtin:zhengzhou-out-of-sample", "docs/cases/zhengzhou-2021-out-of-sample.csv", "docs/cases/zhengzhou-2021-validation.md",
        [
            new("deaths_civilian", "civilian deaths in the urban core (48 h)", 108, "108 dead in the five urban districts and four development zones, of 292 in Zhengzhou by 2 Aug ([R4])"),
            new("rescued", "people freed (48 h)", 849, "Zhengzhou fire: 849 freed by ~6 h, 5,093 by ~13 h, all of the city ([F4], [F1])"),
            new("sheltered_day1", "people in shelters after 24 h", 100000, "~100,000 moved on 20–21 Jul, nearly 200,000 by 21 Jul 07:00 ([N6])"),
            new("rescue_time_mean_h", "mean hours trapped before being freed", null, "the metro train's passengers led out within ~3 h of the stop ([F2])"),
        ],
        ["deaths_civilian", "rescued", "sheltered_day1", "response_latency_mean_h"]);

    private static IEnumerable<Case> Cases => [Lushan, Zhengzhou];

    [TestCaseSource(nameof(Cases))]
    public void TheExperimentReproducesTheCommittedComparisonByteForByte(Case c)
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("sweep", c.Experiment, "--out", tmp["sweep"], "--no-report");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["sweep/comparison.csv"]), Is.EqualTo(File.ReadAllText(Repo.PathOf(c.Committed))),
            $"rerun: crisissim sweep {c.Experiment} --out DIR, then copy DIR/comparison.csv to {c.Committed}");
    }

    [TestCaseSource(nameof(Cases))]
    public void TheValidationPageShowsTheCommittedComparison(Case c)
    {
        string page = File.ReadAllText(Repo.PathOf(c.Page)).ReplaceLineEndings("\n");
        Assert.That(page, Does.Contain(FactTable(c)), $"regenerate the table of recorded figures in {c.Page} (CaseValidationTests.FactTable)");
        Assert.That(page, Does.Contain(ArmTable(c)), $"regenerate the table of arrangements in {c.Page} (CaseValidationTests.ArmTable)");
    }

    /// <summary>The recorded arrangement's mean and interval for each recorded figure, the figure and the ratio.</summary>
    public static string FactTable(Case c)
    {
        var cells = Rows(c);
        var sb = new StringBuilder("| quantity | model, recorded arrangement: mean [95 % CI] | the case | model ÷ case |\n|---|---:|---|---:|\n");
        foreach (var f in c.Facts)
        {
            var row = cells.Single(x => x["arm"] == "recorded" && x["metric"] == f.Metric);
            double mean = D(row["mean"]);
            string ratio = f.Value is { } v ? (mean / v).ToString("0.00", CultureInfo.InvariantCulture) : "pattern";
            sb.Append(CultureInfo.InvariantCulture, $"| {f.Quantity} (`{f.Metric}`) | {N(row["mean"])} [{N(row["ci_low"])}, {N(row["ci_high"])}] | {f.Recorded} | {ratio} |\n");
        }

        return sb.ToString();
    }

    /// <summary>Each other arm's paired difference from the recorded arrangement, with its interval and Holm p (bold below 0.05).</summary>
    public static string ArmTable(Case c)
    {
        var cells = Rows(c).Where(x => x["diff_mean"].Length > 0).ToList();
        var sb = new StringBuilder("| arm |").Append(string.Concat(c.Compared.Select(m => $" `{m}` |"))).Append('\n');
        sb.Append("|---|").Append(string.Concat(c.Compared.Select(_ => "---:|"))).Append('\n');
        foreach (string arm in cells.Select(x => x["arm"]).Distinct())
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{arm}`");
            foreach (string metric in c.Compared)
            {
                var x = cells.Single(r => r["arm"] == arm && r["metric"] == metric);
                double p = D(x["p_holm"]);
                string cell = $"{N(x["diff_mean"])} [{N(x["diff_ci_low"])}, {N(x["diff_ci_high"])}] ({(p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture))})";
                sb.Append(" | ").Append(p < 0.05 ? "**" + cell + "**" : cell);
            }

            sb.Append(" |\n");
        }

        return sb.ToString();
    }

    private static List<Dictionary<string, string>> Rows(Case c)
    {
        var lines = File.ReadAllLines(Repo.PathOf(c.Committed));
        string[] header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(cells => header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(t => t.h, t => t.v))];
    }

    private static double D(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>Three significant figures' worth: shares to 2 decimals, the rest to 1 below 100 and whole above.</summary>
    private static string N(string value)
    {
        double v = D(value);
        string format = Math.Abs(v) < 1.5 ? "0.00" : Math.Abs(v) < 100 ? "0.0" : "#,0";
        return v.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);
    }
}
