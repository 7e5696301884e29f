using System.Globalization;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Experiments.Designs;

namespace CrisisSim.Tests.Experiments;

/// <summary>The contract every registered design type keeps, so a new one is checked by being registered.</summary>
public class DesignCatalogTests
{
    private static IEnumerable<IDesignType> Types() => DesignCatalog.All;

    [Test]
    public void EveryTypeHasItsOwnLowerCaseName()
    {
        var names = DesignCatalog.All.Select(t => t.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Matches("^[a-z][a-z0-9-]*$"));
        Assert.That(names.Select(DesignCatalog.Find), Is.EqualTo(DesignCatalog.All));
    }

    [Test]
    public void TypesThatShareASettingDeclareItsRangeAlike()
    {
        foreach (var group in DesignCatalog.All.SelectMany(t => t.Settings).GroupBy(s => s.Key))
        {
            Assert.That(group.Select(s => (s.Min, s.Max)).Distinct().Count(), Is.EqualTo(1), $"'{group.Key}' is declared with different ranges");
        }
    }

    [TestCaseSource(nameof(Types))]
    public void ATypeExpandsToTheCountItAnnouncesWithEveryValueInItsRange(IDesignType type)
    {
        string settings = string.Concat(type.Settings.Where(s => s.Required).Select(s => string.Create(CultureInfo.InvariantCulture, $"  {s.Key}: {s.Min + 1}\n")));
        string text = $"name: e\ndesign:\n  kind: {type.Name}\n{settings}  factors:\n    governance.trust: {{min: 0.2, max: 0.8, step: 0.3}}\n    governance.responsibility_clarity: {{min: 0.5, max: 1, step: 0.25}}\n";
        var spec = ExperimentLoader.Parse(text, "e.yaml");
        var points = DesignBuilder.Build(spec);
        var again = DesignBuilder.Build(spec);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(spec.Design.Type.Name, Is.EqualTo(type.Name));
            Assert.That(points, Has.Count.EqualTo(DesignBuilder.CountPoints(spec.Design)).And.Count.GreaterThan(0));
            Assert.That(points.Select(p => p.PointId), Is.EqualTo(Enumerable.Range(0, points.Count)));
            Assert.That(points.Select(p => string.Join(" ", p.Overrides)), Is.EqualTo(again.Select(p => string.Join(" ", p.Overrides))), "the same seed gives the same points");
            foreach (var p in points)
            {
                for (int f = 0; f < spec.Design.Factors.Count; f++)
                {
                    var factor = spec.Design.Factors[f];
                    double v = double.Parse(p.Values[f], CultureInfo.InvariantCulture);
                    Assert.That(v, Is.InRange(factor.Min, factor.Max), $"point {p.PointId}, {factor.Path}");
                    Assert.That(p.Overrides, Does.Contain($"{factor.Path}={p.Values[f]}"));
                }
            }

            Assert.That(spec.Design.Factors.Select(type.Describe), Has.All.Not.Empty);
            Assert.That(spec.Design.Factors.SelectMany(type.CheckedValues), Is.Not.Empty);
        }
    }

    [Test]
    public void MessagesNameTheKindsFromTheCatalog()
    {
        Assert.That(DesignCatalog.Names(_ => true, "or"), Is.EqualTo("factorial, lhs, morris or sobol"));
        Assert.That(DesignCatalog.Names(t => t.Sensitivity is not null, "or"), Is.EqualTo("morris or sobol"));
        Assert.That(DesignCatalog.Names(t => t.ComparesGroups, "or"), Is.EqualTo("factorial"));
    }
}
