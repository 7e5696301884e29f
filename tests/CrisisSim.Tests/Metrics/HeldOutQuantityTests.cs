using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Metrics;

/// <summary>
/// The quantities behind the held-out targets H1 and H3 of docs/validation.md §3: the toll headquarters knows
/// (ticks.csv `deaths_known_hq`) and the share of survivors freed within a day (runs.csv `rescued_within_24h`).
/// They observe the run and change nothing in it (the other columns are byte-identical with and without them, which
/// ReferenceOutputTests' recorded hashes show for every column but these two).
/// </summary>
public class HeldOutQuantityTests
{
    [Test]
    public void TheTollHeadquartersKnowsNeverExceedsTheTrueOneAndLagsItEarly()
    {
        var sim = new Simulation(Repo.BuiltIn(), 3);
        var known = new List<int>();
        var truth = new List<int>();
        while (!sim.Done)
        {
            sim.Step();
            known.Add(sim.Current.DeathsKnownHq);
            truth.Add(sim.Current.Dead + sim.Current.RespondersDead);
        }

        int lagging = known.Zip(truth).Count(p => p.First < p.Second);
        Assert.Multiple(() =>
        {
            Assert.That(known.Zip(truth).All(p => p.First <= p.Second), Is.True, "headquarters cannot know of more dead than there are");
            Assert.That(known.Zip(known.Skip(1)).All(p => p.Second >= p.First), Is.True, "newer reports only add to the toll");
            Assert.That(lagging, Is.GreaterThan(0), "it lags the true toll at some ticks");
            Assert.That(known[^1], Is.GreaterThan(0.5 * truth[^1]), "and learns of most of it by the end");
        });
    }

    [Test]
    public void WithoutReportsUpTheChainHeadquartersKnowsOfFewerDead()
    {
        static int KnownAtDayOne(params string[] overrides)
        {
            var sim = new Simulation(Repo.BuiltIn(overrides), 5);
            while (!sim.Done && sim.Current.TimeH < 24)
            {
                sim.Step();
            }

            return sim.Current.DeathsKnownHq;
        }

        int reported = KnownAtDayOne();
        int lost = KnownAtDayOne("communication.hierarchy.loss=0.9", "public.calls_get_through=0.1");
        Assert.That(lost, Is.LessThan(reported), $"{lost} against {reported} at 24 h");
    }

    [Test]
    public void SlowerSearchFreesFewerSurvivorsWithinADay()
    {
        var fast = new Simulation(Repo.BuiltIn(), 7).Run();
        var slow = new Simulation(Repo.BuiltIn("population.unlocated_rescue_factor=0.1", "public.calls_get_through=0"), 7).Run();
        Assert.Multiple(() =>
        {
            Assert.That(fast.RescuedWithin24h, Is.InRange(0.0, 1.0));
            Assert.That(fast.Rescued, Is.GreaterThan(0));
            Assert.That(slow.RescuedWithin24h, Is.LessThan(fast.RescuedWithin24h), "searching at a tenth of the pace frees survivors later");
        });
    }
}
