using CrisisSim.Core.Randomness;

namespace CrisisSim.Tests.Randomness;

public class GeneratorTests
{
    [Test]
    public void Xoshiro256StarStarMatchesTheReferenceImplementation()
    {
        // Expected values from the authors' C reference (xoshiro256starstar.c seeded by splitmix64.c with x = 12345).
        ulong[] expected = [13720838825685603483UL, 2398916695208396998UL, 17770384849984869256UL, 891717726879801395UL, 10241316046318454344UL];
        var rng = new Xoshiro256StarStar(12345);
        foreach (ulong e in expected)
        {
            Assert.That(rng.NextUInt64(), Is.EqualTo(e));
        }
    }

    [Test]
    public void StreamsAreFixedByRunSeedAndNameOnly()
    {
        var a = RandomStreams.Create(7, RandomStreams.Hazard);
        var b = RandomStreams.Create(7, RandomStreams.Hazard);
        var c = RandomStreams.Create(7, RandomStreams.Population);
        var d = RandomStreams.Create(8, RandomStreams.Hazard);
        ulong first = a.NextUInt64();
        Assert.Multiple(() =>
        {
            Assert.That(b.NextUInt64(), Is.EqualTo(first));
            Assert.That(c.NextUInt64(), Is.Not.EqualTo(first));
            Assert.That(d.NextUInt64(), Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void ReplicateSeedsAreDistinctAndStable()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(r => RandomStreams.DeriveReplicateSeed(42, r)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seeds.Distinct().Count(), Is.EqualTo(seeds.Count));
            Assert.That(seeds.All(s => s <= long.MaxValue), Is.True, "seeds must fit a signed 64-bit CSV column");
            Assert.That(RandomStreams.DeriveReplicateSeed(42, 3), Is.EqualTo(seeds[3]));
        });
    }

    [Test]
    public void StableHashDoesNotDependOnTheProcess()
    {
        // FNV-1a 64 of "hazard", computed independently.
        ulong h = 14695981039346656037UL;
        foreach (char ch in "hazard")
        {
            h = (h ^ ch) * 1099511628211UL;
        }

        Assert.That(RandomStreams.StableHash("hazard"), Is.EqualTo(h));
    }

    [Test]
    public void NextIntIsUniformAndInRange()
    {
        var rng = new Xoshiro256StarStar(1);
        var counts = new int[7];
        const int draws = 70_000;
        for (int i = 0; i < draws; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        // Chi-square with 6 degrees of freedom: 22.46 is the 0.999 quantile.
        double chi = counts.Sum(c => Math.Pow(c - (draws / 7.0), 2) / (draws / 7.0));
        Assert.That(chi, Is.LessThan(22.46));
    }

    [TestCase(10, 0.3)]
    [TestCase(1000, 0.05)]
    [TestCase(100_000, 0.5)]
    public void BinomialHasTheRightMeanAndStaysInRange(int n, double p)
    {
        var rng = new Xoshiro256StarStar(99);
        double sum = 0;
        const int draws = 4000;
        for (int i = 0; i < draws; i++)
        {
            int k = rng.Binomial(n, p);
            Assert.That(k, Is.InRange(0, n));
            sum += k;
        }

        double sd = Math.Sqrt(n * p * (1 - p) / draws);
        Assert.That(sum / draws, Is.EqualTo(n * p).Within(5 * sd + 1e-9));
    }

    [Test]
    public void CounterUniformsArePureFunctionsInTheOpenUnitInterval()
    {
        double u = CounterRandom.Uniform(5, 123, 0);
        Assert.Multiple(() =>
        {
            Assert.That(CounterRandom.Uniform(5, 123, 0), Is.EqualTo(u));
            Assert.That(CounterRandom.Uniform(5, 123, 1), Is.Not.EqualTo(u));
            Assert.That(CounterRandom.Uniform(5, 124, 0), Is.Not.EqualTo(u));
            Assert.That(Enumerable.Range(0, 100_000).Select(i => CounterRandom.Uniform(9, i, 2)).All(x => x is > 0 and < 1), Is.True);
        });
    }
}
