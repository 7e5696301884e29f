using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>Every output column is declared once in the metric catalog, and the README's column table is the catalog's.</summary>
public class MetricCatalogTests
{
    [Test]
    public void EveryRunsColumnHasOneCatalogEntryInColumnOrder() =>
        Assert.That(MetricCatalog.Runs.Select(m => m.Name), Is.EqualTo(RunMetrics.Columns.Select(c => c.Name)),
            "the catalog is RunMetrics.Declared: one entry per column");

    [Test]
    public void EveryTicksColumnHasOneCatalogEntryInColumnOrder() =>
        Assert.That(MetricCatalog.Ticks.Select(m => m.Name), Is.EqualTo(TickRecord.Columns.Select(c => c.Name)),
            "the catalog is TickRecord.Declared: one entry per column");

    [Test]
    public void EveryQuantityARunCountsIsAColumnWithACatalogEntry()
    {
        // A property of RunMetrics that no declared column reads would be counted and never written, with no unit or
        // meaning: set each one to a distinctive value and find the column that shows it.
        foreach (var p in typeof(RunMetrics).GetProperties().Where(p => p.CanWrite))
        {
            var m = new RunMetrics();
            p.SetValue(m, Convert.ChangeType(4321, p.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            var showing = RunMetrics.Declared.Where(d => d.Value(m) == 4321).Select(d => d.Info.Name).ToList();
            Assert.That(showing, Has.Count.EqualTo(1), $"RunMetrics.{p.Name} needs exactly one entry in RunMetrics.Declared");
        }

        foreach (var f in typeof(TickRecord).GetFields().Where(f => f.Name is not ("Tick" or "TimeH")))
        {
            object r = new TickRecord();
            f.SetValue(r, Convert.ChangeType(4321, f.FieldType, System.Globalization.CultureInfo.InvariantCulture));
            var showing = TickRecord.Declared.Where(d => d.Value((TickRecord)r) == 4321).Select(d => d.Info.Name).ToList();
            Assert.That(showing, Has.Count.EqualTo(1), $"TickRecord.{f.Name} needs exactly one entry in TickRecord.Declared");
        }
    }

    [Test]
    public void EveryWholeNumberQuantityIsDeclaredACountAndNoFractionIs()
    {
        // Count (int64 in Parquet) is declared with a whole-number accessor, so the compiler holds "a count is whole"; this
        // holds the converse: a column showing an int or long quantity is a count, one showing a double quantity is not.
        foreach (var p in typeof(RunMetrics).GetProperties().Where(p => p.CanWrite))
        {
            var m = new RunMetrics();
            p.SetValue(m, Convert.ChangeType(4321, p.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
            var column = RunMetrics.Declared.Single(d => d.Value(m) == 4321).Info;
            Assert.That(column.Count, Is.EqualTo(p.PropertyType != typeof(double)), $"{column.Name} shows RunMetrics.{p.Name} ({p.PropertyType.Name})");
        }

        foreach (var f in typeof(TickRecord).GetFields().Where(f => f.Name is not ("Tick" or "TimeH")))
        {
            object r = new TickRecord();
            f.SetValue(r, Convert.ChangeType(4321, f.FieldType, System.Globalization.CultureInfo.InvariantCulture));
            var column = TickRecord.Declared.Single(d => d.Value((TickRecord)r) == 4321).Info;
            Assert.That(column.Count, Is.EqualTo(f.FieldType != typeof(double)), $"{column.Name} shows TickRecord.{f.Name} ({f.FieldType.Name})");
        }

        var flags = MetricCatalog.Runs.Where(m => m.Unit == "0/1").ToList();
        Assert.That(flags, Is.Not.Empty.And.All.Matches<MetricInfo>(m => m.Count), "0/1 flags are whole numbers");
    }

    [Test]
    public void EveryEntrySaysWhatItMeansAndItsUnit()
    {
        foreach (var m in MetricCatalog.Runs.Concat(MetricCatalog.Ticks))
        {
            Assert.That(m.Meaning, Has.Length.GreaterThan(10), m.Name);
            Assert.That(m.Unit, Is.Not.Empty, m.Name);
        }

        Assert.That(MetricCatalog.Runs.Where(m => m.Never is not null).Select(m => m.Name), Is.EquivalentTo(new[] { "first_relief_h", "hazard_known_h" }));
    }

    [Test]
    public void TheReadmeColumnTableOfRunsCsvIsTheCatalog()
    {
        string readme = File.ReadAllText(Repo.PathOf("README.md")).ReplaceLineEndings("\n");
        Assert.That(readme, Does.Contain(ReadmeRows()), "regenerate the rows of README.md's runs.csv table from MetricCatalog (see ReadmeRows in this test)");
    }

    [Test]
    public void ASweepsConsoleComparisonCsvAndReportCompareTheSameHeadlineMetrics()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], CrisisSim.Tests.Robustness.OutputSafetyTests.Tiny);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["s"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var inCsv = File.ReadAllLines(tmp["s/comparison.csv"]).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
        Assert.That(inCsv, Is.EqualTo(MetricCatalog.Reported(Prominence.Headline)));
        string html = File.ReadAllText(tmp["s/report.html"]);
        foreach (var m in MetricCatalog.Runs)
        {
            bool shown = html.Contains($"<table class=\"comparison\" data-metric=\"{m.Name}\">", StringComparison.Ordinal);
            Assert.That(shown, Is.EqualTo(m.Prominence == Prominence.Headline), $"{m.Name} in the report's comparison: one Holm family with comparison.csv");
            Assert.That(r.Stdout.Contains($"({m.Name}; ", StringComparison.Ordinal), Is.EqualTo(m.Prominence == Prominence.Headline), $"{m.Name} on the console");
        }
    }

    /// <summary>The README's runs.csv table rows for the metrics: meaning, unit, and which way is better.</summary>
    public static string ReadmeRows() => string.Concat(MetricCatalog.Runs.Select(m =>
        $"| `{m.Name}` | {m.Meaning} ({m.Unit}{m.Better switch { Better.Lower => "; lower is better", Better.Higher => "; higher is better", _ => "" }}{m.Prominence switch { Prominence.Headline => "; headline", _ => "" }}) |\n"));
}
