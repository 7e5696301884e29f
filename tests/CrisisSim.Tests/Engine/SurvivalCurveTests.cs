using CrisisSim.Core.Population;

namespace CrisisSim.Tests.Engine;

public class SurvivalCurveTests
{
    private readonly SurvivalCurve _curve = new(0.81, 0.34, 0.07);

    [TestCase(0, 1.0)]
    [TestCase(24, 0.81)]
    [TestCase(48, 0.34)]
    [TestCase(120, 0.07)]
    public void PassesThroughThePublishedPoints(double hours, double survival) =>
        Assert.That(_curve.Survival(hours), Is.EqualTo(survival).Within(1e-12));

    [Test]
    public void DeathTimeInvertsSurvival()
    {
        foreach (double u in new[] { 0.95, 0.81, 0.5, 0.2, 0.07, 0.01 })
        {
            Assert.That(_curve.Survival(_curve.DeathTime(u)), Is.EqualTo(u).Within(1e-9), $"u = {u}");
        }
    }

    [Test]
    public void SurvivalNeverRisesWithTime()
    {
        double previous = 1;
        for (double h = 0; h <= 240; h += 0.5)
        {
            double s = _curve.Survival(h);
            Assert.That(s, Is.LessThanOrEqualTo(previous + 1e-12));
            previous = s;
        }
    }

    [Test]
    public void AboutNineteenPercentOfAFrailtySampleDieOnDayOne()
    {
        int n = 100_000;
        int died = Enumerable.Range(0, n).Count(i => _curve.DeathTime(CrisisSim.Core.Randomness.CounterRandom.Uniform(3, i, 0)) <= 24);
        Assert.That(died / (double)n, Is.EqualTo(0.19).Within(0.01));
    }
}
