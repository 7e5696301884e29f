using System.Globalization;
using System.Text;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Validation;

/// <summary>
/// docs/findings.md §11 (issue 18): the comparison of the governance arrangements is reproducible with one command, and
/// the page's table is generated from its committed comparison.csv (docs/findings/governance-presets-comparison.csv).
/// </summary>
public class GovernancePresetFindingsTests
{
    private const string Committed = "docs/findings/governance-presets-comparison.csv";

    private static readonly string[] s_metrics = ["deaths_civilian", "rescued", "deaths_responder", "info_latency_mean_h"];

    [Test]
    public void TheExperimentReproducesTheCommittedComparisonByteForByte()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("sweep", "builtin:governance-presets", "--out", tmp["sweep"], "--no-report");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["sweep/comparison.csv"]), Is.EqualTo(File.ReadAllText(Repo.PathOf(Committed))),
            "rerun: crisissim sweep builtin:governance-presets --out DIR, then copy DIR/comparison.csv to " + Committed);
    }

    [Test]
    public void TheFindingsTableIsTheCommittedComparison()
    {
        string page = File.ReadAllText(Repo.PathOf("docs", "findings.md")).ReplaceLineEndings("\n");
        Assert.That(page, Does.Contain(Table()), "regenerate §11's table from " + Committed + " (GovernancePresetFindingsTests.Table)");
    }

    /// <summary>The table of §11: each arm's paired difference from china-2015 at each demand level, with its interval and Holm p.</summary>
    public static string Table()
    {
        var rows = File.ReadAllLines(Repo.PathOf(Committed));
        string[] header = rows[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var cells = rows.Skip(1).Select(l => l.Split(',')).Where(c => c[Col("diff_mean")].Length > 0).ToList();
        var sb = new StringBuilder();
        sb.Append("| demand | arm | civilian deaths | people rescued | responder deaths | information latency (h) |\n");
        sb.Append("|---|---|---:|---:|---:|---:|\n");
        foreach (var level in cells.Select(c => c[Col("population.scale")]).Distinct())
        {
            foreach (var arm in cells.Where(c => c[Col("population.scale")] == level).Select(c => c[Col("arm")]).Distinct())
            {
                sb.Append("| ").Append(level).Append("× | `").Append(arm).Append('`');
                foreach (string metric in s_metrics)
                {
                    var c = cells.Single(x => x[Col("population.scale")] == level && x[Col("arm")] == arm && x[Col("metric")] == metric);
                    double p = double.Parse(c[Col("p_holm")], CultureInfo.InvariantCulture);
                    string cell = $"{N(c[Col("diff_mean")])} [{N(c[Col("diff_ci_low")])}, {N(c[Col("diff_ci_high")])}] ({(p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture))})";
                    sb.Append(" | ").Append(p < 0.05 ? "**" + cell + "**" : cell);
                }

                sb.Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string N(string value) =>
        double.Parse(value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal);
}
