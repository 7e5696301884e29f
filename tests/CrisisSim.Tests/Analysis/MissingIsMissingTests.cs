using CrisisSim.Cli.Output;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// "Never" is missing, not a number: an event that never happened in a run is an empty cell (which pandas, R and
/// DuckDB read as missing) with a 0/1 companion column, and compare leaves it out and says how many.
/// </summary>
public class MissingIsMissingTests
{
    [Test]
    public void AnEventThatNeverHappenedIsAnEmptyCellWithItsCompanionAtZero()
    {
        using var tmp = new TempDir();
        // Two hours: no kits reach a shelter (first relief comes after about 5 h) and headquarters cannot know the chemicals.
        var r = CliRunner.Run("run", "--set", "time.horizon_h=2", "--out", tmp["short"]);
        var full = CliRunner.Run("run", "--out", tmp["full"]);
        Assert.That(r.ExitCode + full.ExitCode, Is.Zero, r.Stderr + full.Stderr);
        var shortRun = RunsTableFile.Read(tmp["short/runs.csv"]);
        var fullRun = RunsTableFile.Read(tmp["full/runs.csv"]);
        string Cell(Core.Analysis.ResultTable t, string column) => t.Rows[0][t.Column(column)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Cell(shortRun, "first_relief_h"), Is.Empty);
            Assert.That(Cell(shortRun, "relief_reached"), Is.EqualTo("0"));
            Assert.That(Cell(shortRun, "hazard_known_h"), Is.Empty);
            Assert.That(Cell(shortRun, "hazard_known"), Is.EqualTo("0"));
            Assert.That(double.Parse(Cell(fullRun, "first_relief_h"), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(Cell(fullRun, "relief_reached"), Is.EqualTo("1"));
            Assert.That(File.ReadAllText(tmp["short/runs.csv"]), Does.Not.Contain("-1,").And.Not.Contain("NaN"));
        }
    }

    [Test]
    public void CompareLeavesMissingValuesOutAndSaysHowMany()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: never
            scenario: built-in
            replicates: 2
            fixed: {population.scale: 0.2}
            design:
              kind: factorial
              arms:
                short: {time.horizon_h: 2}
                long: {time.horizon_h: 24}
            """);
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["s"]).ExitCode, Is.Zero);
        var r = CliRunner.Run("compare", tmp["s"], "--metric", "first_relief_h", "--metric", "relief_reached", "--baseline", "long", "--out", tmp["c"]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var rows = RunsTableFile.Read(tmp["c/comparison.csv"]);
        string N(string arm, string metric) => rows.Rows.Single(x => x[0] == arm && x[rows.Column("metric")] == metric)[rows.Column("n")];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.Stdout, Does.Contain("first_relief_h: 2 of 4 runs have no value"));
            Assert.That(N("short", "first_relief_h"), Is.EqualTo("0"), "never is not averaged as -1");
            Assert.That(N("long", "first_relief_h"), Is.EqualTo("2"));
            Assert.That(N("short", "relief_reached"), Is.EqualTo("2"), "the companion is a number in every run");
        }

        Assert.That(MetricCatalog.Runs.Where(m => m.Never is not null).Select(m => m.Name), Is.EquivalentTo(new[] { "first_relief_h", "hazard_known_h" }));
    }
}
