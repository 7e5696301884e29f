using System.Text;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// Text cells in the CSV outputs: formula-like text is defused for spreadsheets (a leading apostrophe),
/// numbers are never touched, and text with line breaks survives every tool that reads the tables back.
/// </summary>
public class TextCellTests
{
    /// <summary>A small sweep whose factor levels are hostile text: a line break, and formulas.</summary>
    private const string HostileLevels = """
        name: hostile-text
        scenario: built-in
        master_seed: 5
        replicates: 2
        fixed:
          time.horizon_h: 1
          population.scale: 0.05
        design:
          kind: factorial
          factors:
            description: ["line one\nline two", "=HYPERLINK(\"http://example.com\")", "+1", "-2+3"]
        """;

    [Test]
    public void RunEscapesFormulaLikeTextButNotNumbers()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("run", "--seed", "3", "--set", "time.horizon_h=1", "--set", "population.scale=0.05",
            "--set", "name==1+2", "--set", "description=-2+3+cmd|' /C calc'!A0", "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);

        var rows = ReadCsv(tmp["o/runs.csv"]);
        var header = rows[0];
        var row = rows[1];
        string Cell(string column) => row[Array.IndexOf(header, column)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Cell("name"), Is.EqualTo("'=1+2"));
            Assert.That(Cell("description"), Is.EqualTo("'-2+3+cmd|' /C calc'!A0"));

            // Within one hour no kits reach a shelter and the chemicals stay unknown: those cells are empty (missing), never
            // an escaped text or a code; every other metric is a plain number.
            Assert.That(Cell("first_relief_h"), Is.Empty);
            Assert.That(Cell("hazard_known_h"), Is.Empty);
            foreach (var (name, _) in Core.Metrics.RunMetrics.Columns.Where(c => c.Name is not ("first_relief_h" or "hazard_known_h")))
            {
                Assert.That(double.TryParse(Cell(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), Is.True, $"{name} = {Cell(name)} is a plain number");
            }
        }
    }

    [Test]
    public void SweepEscapesFormulaLikeFactorLevelsAndKeepsLineBreaks()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["exp.yaml"], HostileLevels);
        var r = CliRunner.Run("sweep", tmp["exp.yaml"], "--out", tmp["full"], "--threads", "1");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);

        var rows = ReadCsv(tmp["full/runs.csv"]);
        int column = Array.IndexOf(rows[0], "description");
        Assert.That(rows.Skip(1).Select(row => row[column]).Distinct(), Is.EqualTo(new[]
        {
            "line one\nline two", "'=HYPERLINK(\"http://example.com\")", "'+1", "'-2+3",
        }));
    }

    [Test]
    public void MergedShardsEqualTheSingleMachineSweepEvenWithALineBreakInATextCell()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["exp.yaml"], HostileLevels);
        Assert.That(CliRunner.Run("sweep", tmp["exp.yaml"], "--out", tmp["full"], "--threads", "1").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("sweep", tmp["exp.yaml"], "--out", tmp["s0"], "--shard", "0/2", "--threads", "1").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("sweep", tmp["exp.yaml"], "--out", tmp["s1"], "--shard", "1/2", "--threads", "1").ExitCode, Is.Zero);

        var merged = CliRunner.Run("merge", tmp["s0"], tmp["s1"], "--out", tmp["merged"]);

        // Known bug (found by this test): merge reads runs.csv line by line, so a quoted cell holding a
        // line break splits a row and merge refuses valid shards ("expected run 2 but found run -1").
        Assert.That(merged.ExitCode, Is.Zero, merged.Stderr);
        Assert.That(File.ReadAllBytes(tmp["merged/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["full/runs.csv"])));
    }

    /// <summary>A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.</summary>
    private static List<string[]> ReadCsv(string path)
    {
        string text = File.ReadAllText(path, new UTF8Encoding(false));
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.That(fields, Is.Empty, "the file ends with a complete record");
        return records;
    }
}
