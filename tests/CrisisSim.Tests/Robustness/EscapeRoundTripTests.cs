using CrisisSim.Cli.Output;
using CrisisSim.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// The spreadsheet escape of a text cell (a leading apostrophe) protects the CSV for Excel, and CrisisSim undoes it
/// whenever it reads its own tables: a factor level such as "-x" or "=a" is compared, reported, merged and exported
/// to Parquet as the experiment wrote it.
/// </summary>
public class EscapeRoundTripTests
{
    private static readonly string[] s_levels = ["-x", "=a", "plain"];

    private const string Experiment = """
        name: escaped-levels
        master_seed: 5
        replicates: 3
        fixed: {time.horizon_h: 2, population.scale: 0.1}
        design:
          kind: factorial
          factors:
            description: ["-x", "=a", "plain"]
            governance.trust: [0.2, 0.5]
        compare:
          by: description
          baseline: "-x"
          metrics: [deaths_civilian, rescued]
        """;

    [TestCase("")]
    [TestCase("plain")]
    [TestCase("=1+2")]
    [TestCase("-x")]
    [TestCase("+1")]
    [TestCase("@cmd")]
    [TestCase("\tindented")]
    [TestCase("\rreturn")]
    [TestCase("'")]
    [TestCase("''")]
    [TestCase("'plain")]
    [TestCase("'=a")]
    [TestCase("'''-x")]
    [TestCase("a'=b")]
    [TestCase("\"=quoted\", with comma")]
    public void EveryTextReadsBackAsWritten(string text)
    {
        string row = CsvTable.Render(["c"], withHeader: false, t => t.Text(text));
        string cell = RecordReader.Cells(row).Single();
        Assert.That(CsvTable.Unescape(cell), Is.EqualTo(text));
        if (text.Length > 0 && (text.TrimStart('\'') is var rest && rest.Length > 0 && "=@+-\t\r".Contains(rest[0], StringComparison.Ordinal)))
        {
            Assert.That(cell, Does.StartWith("'"), "a spreadsheet sees text, not a formula");
        }
        else
        {
            Assert.That(cell, Is.EqualTo(text), "nothing else is touched");
        }
    }

    [Test]
    public async Task ALevelThatNeedsEscapingSurvivesSweepCompareReportMergeAndParquet()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var sweep = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["full"], "--threads", "1");
        Assert.That(sweep.ExitCode, Is.Zero, sweep.Stderr);
        Assert.That(sweep.Stdout, Does.Contain("-x ").And.Contain("(baseline)"), "the experiment's baseline, named as written, is found");

        string raw = File.ReadAllText(tmp["full/runs.csv"]);
        Assert.That(raw, Does.Contain("\"'-x\"").And.Contain("\"'=a\""), "the CSV itself is safe in a spreadsheet");
        var table = RunsTableFile.Read(tmp["full/runs.csv"]);
        int column = Array.IndexOf(table.Header, "description");
        Assert.That(table.Rows.Select(r => r[column]).Distinct(), Is.EqualTo(s_levels), "read back as the experiment wrote them");

        // compare without options gives the sweep's own comparison; a baseline is named as written.
        var compare = CliRunner.Run("compare", tmp["full"], "--out", tmp["c"]);
        Assert.That(compare.ExitCode, Is.Zero, compare.Stderr);
        Assert.That(File.ReadAllBytes(tmp["c/comparison.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["full/comparison.csv"])));
        var other = CliRunner.Run("compare", tmp["full"], "--baseline", "=a", "--metric", "rescued", "--out", tmp["c2"]);
        Assert.That(other.ExitCode, Is.Zero, other.Stderr);
        var groups = RunsTableFile.Read(tmp["c2/comparison.csv"]);
        Assert.That(groups.Rows.Select(r => r[Array.IndexOf(groups.Header, "baseline")]).Distinct(), Is.EqualTo(new[] { "=a" }));
        Assert.That(groups.Rows.Select(r => r[0]), Is.EquivalentTo(s_levels));

        // The report names the groups as written, not with the CSV's apostrophe.
        var report = CliRunner.Run("report", tmp["full"], "--out", tmp["r.html"]);
        Assert.That(report.ExitCode, Is.Zero, report.Stderr);
        string html = File.ReadAllText(tmp["r.html"]);
        Assert.That(html, Does.Contain("<td class=\"l\">=a</td>").And.Contain("<td class=\"l\">-x</td>").And.Not.Contain("<td class=\"l\">'=a</td>"));

        // Shards merge into the single machine's bytes, and Parquet holds the levels as written.
        for (int i = 0; i < 2; i++)
        {
            var shard = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"s{i}"], "--shard", $"{i}/2", "--threads", "1");
            Assert.That(shard.ExitCode, Is.Zero, shard.Stderr);
        }

        var merge = CliRunner.Run("merge", tmp["s0"], tmp["s1"], "--out", tmp["m"], "--format", "parquet");
        Assert.That(merge.ExitCode, Is.Zero, merge.Stderr);
        Assert.That(File.ReadAllBytes(tmp["m/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["full/runs.csv"])));
        await using var reader = await ParquetReader.CreateAsync(tmp["m/runs.parquet"]);
        using var group = reader.OpenRowGroupReader(0);
        var field = reader.Schema.GetDataFields().Single(f => f.Name == "description");
        var levels = new string?[group.RowCount];
        await group.ReadAsync((DataField)field, levels.AsMemory());
        Assert.That(levels.Distinct(), Is.EqualTo(s_levels));
    }
}
