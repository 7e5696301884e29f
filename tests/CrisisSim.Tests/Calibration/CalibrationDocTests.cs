using CrisisSim.Core.Calibration;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Calibration;

/// <summary>docs/experiments.md §8.2 lists what a calibration target can measure: its rows of derived quantities are the catalogue's.</summary>
public class CalibrationDocTests
{
    /// <summary>The rows of §8.2's table for the derived quantities, generated from <see cref="RunQuantities.Derived"/>.</summary>
    public static string DerivedRows() => string.Concat(RunQuantities.Derived.Select(q =>
        $"| `{q.Name}` | {q.Unit} | {(q.NeedsHour ? "required" : "not allowed")} | {q.Description} |\n"));

    [Test]
    public void TheQuantitiesOfExperimentsMdSection8AreTheCatalogue()
    {
        string doc = File.ReadAllText(Repo.PathOf("docs", "experiments.md")).ReplaceLineEndings("\n");
        string section = doc[doc.IndexOf("### 8.2 Targets", StringComparison.Ordinal)..doc.IndexOf("### 8.3", StringComparison.Ordinal)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(section, Does.Contain(DerivedRows()), "regenerate the derived rows of docs/experiments.md §8.2 from RunQuantities.Derived (see DerivedRows in this test)");
            Assert.That(section, Does.Contain("| any runs.csv metric (README, \"Output files\")").And.Contain("| any ticks.csv column (README, \"Output files\")"),
                "the runs.csv metrics and ticks.csv columns, the rest of the catalogue, are rows of their own");
            foreach (var q in RunQuantities.All.Where(q => q.Kind != QuantityKind.Derived))
            {
                Assert.That(q.NeedsHour, Is.EqualTo(q.Kind == QuantityKind.TickColumn), $"{q.Name}: the table says a ticks.csv column, and only one, is read at an hour");
            }
        }
    }
}
