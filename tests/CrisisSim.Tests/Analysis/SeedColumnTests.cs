using System.Globalization;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>runs.csv carries each seed twice: in decimal (seed) and as text (seed_hex), which is never taken for a factor.</summary>
public class SeedColumnTests
{
    [Test]
    public void SeedHexIsTheSeedOfEveryRowAndNoFactor()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: seeds
            master_seed: 31
            replicates: 3
            fixed: {time.horizon_h: 2, population.scale: 0.1}
            design:
              kind: factorial
              factors:
                governance.trust: [0.2, 0.9]
            """);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["o"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);

        var table = RunsTableFile.Read(tmp["o/runs.csv"]);
        Assert.That(table.Header[..5], Is.EqualTo(ResultTable.LeadingColumns));
        Assert.That(Comparison.FactorColumns(table), Is.EqualTo(new[] { "governance.trust" }));
        foreach (var row in table.Rows)
        {
            ulong seed = ulong.Parse(row[3], CultureInfo.InvariantCulture);
            Assert.That(row[4], Does.Match("^0x[0-9A-F]{16}$"));
            Assert.That(ulong.Parse(row[4][2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), Is.EqualTo(seed));
            Assert.That(SeedText.TryParse(row[4], out ulong back) && back == seed, Is.True, "run --seed reads seed_hex back");
        }
    }

    [Test]
    public void ATableWrittenBeforeSeedHexStillHasItsFactorsFoundAfterSeed()
    {
        var before = new ResultTable(["run_id", "point_id", "replicate", "seed", "arm", "deaths_civilian"], []);
        var now = new ResultTable(["run_id", "point_id", "replicate", "seed", "seed_hex", "arm", "deaths_civilian"], []);
        Assert.That(Comparison.FactorColumns(before), Is.EqualTo(new[] { "arm" }));
        Assert.That(Comparison.FactorColumns(now), Is.EqualTo(new[] { "arm" }));
    }
}
