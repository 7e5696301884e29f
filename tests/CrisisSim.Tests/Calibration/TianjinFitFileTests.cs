using System.Globalization;
using System.Text.RegularExpressions;
using CrisisSim.Core.Calibration;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Calibration;

/// <summary>
/// scenarios/experiments/calibration-tianjin-abc.yaml is the pre-registered fit of docs/validation.md §3: its priors,
/// targets, bands, hours and uses are read from §3's tables here and compared with the file, so neither can drift.
/// </summary>
public partial class TianjinFitFileTests
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private static CalibrationSpec TheFile() =>
        CalibrationLoader.Parse(System.IO.File.ReadAllText(Repo.PathOf("scenarios", "experiments", "calibration-tianjin-abc.yaml")), "calibration-tianjin-abc.yaml");

    /// <summary>The text of validation.md §3, up to the next section or the end.</summary>
    private static string Section3()
    {
        string doc = System.IO.File.ReadAllText(Repo.PathOf("docs", "validation.md")).ReplaceLineEndings("\n");
        int start = doc.IndexOf("\n## 3. Pre-registered targets", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "validation.md has no §3 'Pre-registered targets'");
        int end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    /// <summary>§3's target rows by id: the cells after the id (target, figure, model quantity, band, use).</summary>
    private static Dictionary<string, string[]> TargetRows() =>
        Section3().Split('\n').Where(l => TargetRow().IsMatch(l))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[1], c => c[2..^1]);

    [Test]
    public void ThePriorsAreSection3sPriorTable()
    {
        var rows = Section3().Split('\n').Select(l => PriorRow().Match(l)).Where(m => m.Success).ToList();
        var priors = TheFile().Priors;
        Assert.That(rows, Has.Count.EqualTo(11), "§3's prior table has eleven rows");
        Assert.That(priors.Select(p => p.Path), Is.EqualTo(rows.Select(m => m.Groups["path"].Value)), "the same parameters in the same order");
        using (Assert.EnterMultipleScope())
        {
            foreach (var (p, m) in priors.Zip(rows))
            {
                Assert.That(p.Kind, Is.EqualTo(m.Groups["kind"].Value == "LU" ? PriorKind.LogUniform : PriorKind.Uniform), p.Path);
                Assert.That((p.Lo, p.Hi), Is.EqualTo((Num(m.Groups["lo"].Value), Num(m.Groups["hi"].Value))), p.Path);
            }
        }
    }

    [Test]
    public void TheRunsAreSection3sCaseWithSection3sReplicates()
    {
        var spec = TheFile();
        var replicates = Regex.Match(Section3(), @"Replicates per parameter set: (\d+)");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(spec.Scenario, Is.EqualTo("built-in"), "the case arm: the built-in scenario as it is");
            Assert.That(spec.Replicates, Is.EqualTo(int.Parse(replicates.Groups[1].Value, s_inv)));
            Assert.That((spec.MasterSeed, spec.Draws), Is.EqualTo((20150812UL, 20000)));
            Assert.That(spec.FixedOverrides, Is.Empty, "nothing fixed: the accepted sets apply to the scenario as it is");
        }
    }

    [Test]
    public void TheTargetsAreSection3sWithItsBandsHoursAndUses()
    {
        var rows = TargetRows();
        var targets = TheFile().Targets;
        Assert.That(rows.Keys, Is.EqualTo(new[] { "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "H1", "H2", "H3" }));
        Assert.That(targets.Select(t => DocId(t.Id)).Distinct(), Is.EqualTo(rows.Keys), "every §3 target, in §3's order; each id starts with its §3 id");
        using (Assert.EnterMultipleScope())
        {
            foreach (var (id, cells) in rows)
            {
                var mine = targets.Where(t => DocId(t.Id) == id).ToList();
                var clauses = Clauses(cells[3]);
                Assert.That(mine, Has.Count.EqualTo(clauses.Count), $"{id}: one target per band of '{cells[3]}'");
                foreach (var t in mine)
                {
                    Assert.That(t.Use, Is.EqualTo(cells[4] == "fit" ? TargetUse.Fit : TargetUse.HeldOut), t.Id);
                    Assert.That(clauses.Count(c => c.Lo == t.Lo && c.Hi == t.Hi && (c.Hour is null || c.Hour == t.AtH)), Is.EqualTo(1), $"{t.Id}: [{t.Lo}, {t.Hi}] at {t.AtH} is one of '{cells[3]}'");
                    var hours = Hours().Matches(cells[2] + " " + cells[3]).Select(m => Num(m.Groups[1].Value)).ToList();
                    Assert.That(t.AtH is null || hours.Contains(t.AtH.Value), Is.True, $"{t.Id}: at_h {t.AtH} is an hour the row names ({string.Join(", ", hours)})");
                    Assert.That(RunQuantities.Find(t.Quantity, t.AtH is not null)!.NeedsHour, Is.EqualTo(t.AtH is not null), t.Id);
                    var named = Backticked().Matches(string.Join(" ", cells)).Select(m => m.Groups[1].Value).ToList();
                    bool column = RunQuantities.Find(t.Quantity, t.AtH is not null)!.Kind != QuantityKind.Derived;
                    Assert.That(!column || named.Count == 0 || named.Contains(t.Quantity), Is.True, $"{t.Id}: {t.Quantity} is a column the row names ({string.Join(", ", named)})");
                }
            }
        }
    }

    /// <summary>"F5_sheltered_17_7h" → "F5", "H2a_..." → "H2".</summary>
    private static string DocId(string id) => Regex.Match(id, @"^([FH]\d)[a-z]?_").Groups[1].Value;

    /// <summary>
    /// The bands of a §3 band cell: its clauses (split at ';' and ', and'), each "lo–hi", "at most x", "at least x"
    /// or "(`count` > x)" (a count above x: at least x + 1), with the hour it names ("at H h"), if any.
    /// </summary>
    private static List<(double Lo, double Hi, double? Hour)> Clauses(string cell)
    {
        var result = new List<(double, double, double?)>();
        foreach (string clause in Regex.Split(cell, @";|, and "))
        {
            double? hour = Hours().Match(clause) is { Success: true } h ? Num(h.Groups[1].Value) : null;
            if (Regex.Match(clause, @"at most (\d[\d.,]*)") is { Success: true } most)
            {
                result.Add((double.NegativeInfinity, Num(most.Groups[1].Value), hour));
            }
            else if (Regex.Match(clause, @"at least (\d[\d.,]*)") is { Success: true } least)
            {
                result.Add((Num(least.Groups[1].Value), double.PositiveInfinity, hour));
            }
            else if (Regex.Match(clause, @"` > (\d+)\)") is { Success: true } above)
            {
                result.Add((Num(above.Groups[1].Value) + 1, double.PositiveInfinity, hour));
            }
            else if (Regex.Match(clause, @"(\d[\d,]*(?:\.\d+)?)–(\d[\d,]*(?:\.\d+)?)") is { Success: true } range)
            {
                result.Add((Num(range.Groups[1].Value), Num(range.Groups[2].Value), hour));
            }
        }

        return result;
    }

    private static double Num(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal).TrimEnd('.'), s_inv);

    [GeneratedRegex(@"^\| [FH]\d \|")]
    private static partial Regex TargetRow();

    [GeneratedRegex(@"^\| `(?<path>[a-z_.]+)` \| [\d.]+ \| (?<kind>LU|U)\((?<lo>[\d.]+), (?<hi>[\d.]+)\) \|")]
    private static partial Regex PriorRow();

    [GeneratedRegex(@"(?:at|within) (\d+(?:\.\d+)?) h\b")]
    private static partial Regex Hours();

    [GeneratedRegex(@"`([a-z_0-9]+)`")]
    private static partial Regex Backticked();
}
