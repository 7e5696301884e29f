using System.Globalization;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// docs/analysis.md's snippets, run in pandas, R and DuckDB on a sample of the governance experiment: what they print
/// is CrisisSim's own comparison (paired differences and intervals to the printed four decimals), the dead at the last
/// hour are each arm's mean civilian deaths (so ticks were joined to the right runs), the never-reached counts are the
/// empty cells of runs.csv, and each figure is written.
/// </summary>
public class AnalysisDocTests
{
    /// <summary>Four printed decimals, half a unit of the last either way (and a hair for DuckDB's t quantile).</summary>
    private const double Printed = 0.6e-4;

    private const string Forest = "arm,n_pairs,diff_mean,diff_ci_low,diff_ci_high";

    private const string End = "arm,dead_at_end";

    private const string Never = "arm,runs,relief_never,relief_reached_0";

    private static string Folder => AnalysisTools.GovernanceSample.Value;

    private static string Results(string file) => Path.Combine(Folder, "results", "gov", file);

    [Test]
    public void ThePageMarksSnippetsForEveryTool()
    {
        Assert.That(Snippets("pandas"), Has.Count.EqualTo(3));
        Assert.That(Snippets("r"), Has.Count.EqualTo(2));
        Assert.That(Snippets("duckdb"), Has.Count.EqualTo(2));
        Assert.That(Snippets("duckdb-parquet"), Has.Count.EqualTo(1));
        Assert.That(File.ReadAllText(Repo.PathOf("README.md")), Does.Contain("(docs/analysis.md)"), "the README links the page");
    }

    [Test]
    public void PandasSnippetsGiveTheComparisonAndTheFigure()
    {
        AnalysisTools.RequirePandas();
        var r = AnalysisTools.RunPython(Script("pandas"), Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        CheckPrinted(AnalysisTools.Tables(r.Stdout), forest: true);
        AssertFigure("deaths-forest-pandas.png");
    }

    [Test]
    public void RSnippetsGiveTheComparisonAndTheFigure()
    {
        AnalysisTools.RequireR();
        var r = AnalysisTools.RunR(Script("r"), Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        CheckPrinted(AnalysisTools.Tables(r.Stdout), forest: true);
        AssertFigure("deaths-forest-r.png");
    }

    [Test]
    public void DuckDbSnippetsGiveTheComparison()
    {
        AnalysisTools.RequireDuckDb();
        var r = AnalysisTools.RunDuckDb(Script("duckdb"), Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        CheckPrinted(AnalysisTools.Tables(r.Stdout), forest: true);
    }

    [Test]
    public void DuckDbReadsTheParquetCopiesWithTheirTypes()
    {
        AnalysisTools.RequireDuckDb();
        var r = AnalysisTools.RunDuckDb(Script("duckdb-parquet"), Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var tables = AnalysisTools.Tables(r.Stdout);
        Assert.That(tables["column_name,column_type"].ToDictionary(c => c[0], c => c[1]), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["arm"] = "VARCHAR", ["deaths_civilian"] = "BIGINT", ["first_relief_h"] = "DOUBLE", ["relief_reached"] = "BIGINT", ["seed"] = "BIGINT", ["seed_hex"] = "VARCHAR",
        }));
        CheckPrinted(tables, forest: false);
    }

    /// <summary>The snippets marked <c>&lt;!-- tested: TOOL --&gt;</c> in docs/analysis.md, in order.</summary>
    internal static List<string> Snippets(string tool)
    {
        string page = File.ReadAllText(Repo.PathOf("docs", "analysis.md")).ReplaceLineEndings("\n");
        return [.. Regex.Matches(page, @"<!-- tested: ([\w-]+) -->\n```\w*\n(.*?)\n```", RegexOptions.Singleline)
            .Where(m => m.Groups[1].Value == tool).Select(m => m.Groups[2].Value)];
    }

    private static string Script(string tool) => string.Join("\n\n", Snippets(tool)) + "\n";

    private static void CheckPrinted(Dictionary<string, List<string[]>> tables, bool forest)
    {
        var comparison = RunsTableFile.Read(Results("comparison.csv"));
        var deaths = comparison.Rows.Where(row => row[Col(comparison, "metric")] == "deaths_civilian").ToList();
        string baseline = deaths[0][Col(comparison, "baseline")];
        Assert.That(tables.Keys, Does.Contain(End).And.Contain(Never), "printed: " + string.Join(" | ", tables.Keys));
        using (Assert.EnterMultipleScope())
        {
            var end = tables[End].ToDictionary(c => c[0], c => Number(c[1]));
            Assert.That(end.Keys, Is.EquivalentTo(deaths.Select(row => row[0])));
            foreach (var row in deaths)
            {
                Assert.That(end[row[0]], Is.EqualTo(ResultTable.Number(row[Col(comparison, "mean")])).Within(Printed), row[0] + ": dead at the last hour");
            }

            CheckNever(tables[Never]);
            if (forest)
            {
                Assert.That(tables.Keys, Does.Contain(Forest));
                var printed = tables[Forest].ToDictionary(c => c[0]);
                Assert.That(printed.Keys, Is.EquivalentTo(deaths.Select(row => row[0]).Where(a => a != baseline)));
                foreach (var row in deaths.Where(row => row[0] != baseline))
                {
                    var p = printed[row[0]];
                    Assert.That(p[1], Is.EqualTo(row[Col(comparison, "n_pairs")]), row[0] + ": pairs");
                    for (int i = 2; i < 5; i++)
                    {
                        string column = Forest.Split(',')[i];
                        Assert.That(Number(p[i]), Is.EqualTo(ResultTable.Number(row[Col(comparison, column)])).Within(Printed), $"{row[0]}: {column}");
                    }
                }
            }
        }
    }

    /// <summary>The never-reached counts by arm are runs.csv's empty first_relief_h cells, and the companion's zeros.</summary>
    private static void CheckNever(List<string[]> printed)
    {
        var runs = RunsTableFile.Read(Results("runs.csv"));
        var expected = runs.Rows.GroupBy(row => row[Col(runs, "arm")]).ToDictionary(
            g => g.Key, g => $"{g.Count()},{g.Count(row => row[Col(runs, "first_relief_h")].Length == 0)},{g.Count(row => row[Col(runs, "relief_reached")] == "0")}");
        Assert.That(expected.Values.Any(v => v.Split(',')[1] != "0") && expected.Values.Any(v => v.Split(',')[1] != "20"), Is.True, "the sample has runs with and without relief");
        Assert.That(printed.ToDictionary(c => c[0], c => string.Join(",", c.Skip(1))), Is.EquivalentTo(expected));
    }

    private static void AssertFigure(string name)
    {
        var png = new FileInfo(Path.Combine(Folder, name));
        Assert.That(png.Exists && png.Length > 1000, Is.True, name + " is written");
        using var f = png.OpenRead();
        var magic = new byte[4];
        f.ReadExactly(magic);
        Assert.That(magic, Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
    }

    private static int Col(ResultTable t, string name) => t.Column(name) is var i and >= 0 ? i : throw new AssertionException($"no column {name}");

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
