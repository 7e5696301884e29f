using CrisisSim.Core.Calibration;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Tests.Calibration;

/// <summary>
/// The quantities a calibration target can measure, on constructed run metrics and tick series: the tick an hour
/// picks at 5- and 10-minute ticks, the censored fire, the undefined idle ratio, shares when nobody died.
/// </summary>
public class RunQuantityTests
{
    /// <summary>A run's ticks over <paramref name="hours"/> at <paramref name="minutes"/> per tick, time_h as the model computes it, each set by <paramref name="set"/>(tick, its end in minutes).</summary>
    private static List<TickRecord> Ticks(int minutes, double hours, Func<int, int, TickRecord, TickRecord>? set = null)
    {
        double dt = minutes / 60.0;
        int count = (int)Math.Ceiling((hours / dt) - 1e-9);
        return [.. Enumerable.Range(0, count).Select(k =>
        {
            var r = new TickRecord { Tick = k, TimeH = (k + 1) * dt, VolunteersPresent = 10, VolunteersIdle = 5 };
            return set is null ? r : set(k, (k + 1) * minutes, r);
        })];
    }

    private static RunQuantity Q(string name, bool withHour = false) => RunQuantities.Find(name, withHour) ?? throw new AssertionException(name + " is not in the catalogue");

    private static double Of(string name, RunMetrics m, IReadOnlyList<TickRecord> ticks, double hour = double.NaN) => Q(name, !double.IsNaN(hour)).Of(m, ticks, hour);

    // tick minutes, the hour, and the end (minutes after the first call) of the tick whose state it must read
    [TestCase(10, 17.7, 1060)] // 17 h 40 min ends a tick at both lengths
    [TestCase(5, 17.7, 1060)]
    [TestCase(10, 17.75, 1060)] // 17 h 45 min: the end of a 5-minute tick, inside a 10-minute one
    [TestCase(5, 17.75, 1065)]
    [TestCase(10, 12, 720)] // an hour on a tick's end: that tick, whatever the rounding of 72 × 1/6
    [TestCase(5, 12, 720)]
    [TestCase(10, 72, 4320)]
    [TestCase(5, 0.1, 5)]
    public void ATickColumnAtAnHourIsTheStateAtTheEndOfTheLastTickEndingByThen(int minutes, double hour, int endMinutes)
    {
        // each tick's sheltered is its end in minutes, so the value says which tick was read
        var ticks = Ticks(minutes, 72, (_, end, r) => r with { Sheltered = end });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("sheltered", new RunMetrics(), ticks, hour), Is.EqualTo(endMinutes));
            Assert.That(Q("sheltered", withHour: true).Kind, Is.EqualTo(QuantityKind.TickColumn));
            Assert.That(Q("sheltered", withHour: true).NeedsTicks, Is.True);
        }
    }

    [Test]
    public void AnHourInsideTheFirstTickHasNoValue() =>
        Assert.That(Of("displaced", new RunMetrics(), Ticks(10, 72), 0.1), Is.NaN, "no tick has ended by 6 minutes at 10-minute ticks");

    [Test]
    public void AllDeathsAndTheRespondersShareOfThem()
    {
        var m = new RunMetrics { DeathsCivilian = 58, DeathsResponder = 115 };
        var none = new RunMetrics();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("deaths_all", m, []), Is.EqualTo(173));
            Assert.That(Of("responder_share_of_deaths", m, []), Is.EqualTo(115.0 / 173));
            Assert.That(Of("responder_share_of_deaths", none, []), Is.Zero, "nobody died: share 0");
            Assert.That(Q("deaths_all").NeedsTicks || Q("responder_share_of_deaths").NeedsTicks, Is.False);
        }
    }

    [Test]
    public void TheFireIsOutAtTheFirstTickWithNoFireAnywhereAndCensoredAtTheEndWhenItNeverIs()
    {
        // burning (a small positive sum is still burning), out at 41.5 h, a flare-up at 60.8 h, out again at 66 h
        var ticks = Ticks(10, 72, (_, end, r) => r with { FireIntensity = end < 2490 ? 1e-9 + (end / 1e4) : end is >= 3650 and < 3960 ? 0.5 : 0 });
        var burning = Ticks(10, 72, (_, _, r) => r with { FireIntensity = 1e-12 });
        var shorter = Ticks(5, 30, (_, _, r) => r with { FireIntensity = 0.3 });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("fire_out_h", new RunMetrics(), ticks), Is.EqualTo(41.5).Within(1e-9), "the first out; the flare-up does not move it");
            Assert.That(Of("fire_out_h", new RunMetrics(), burning), Is.EqualTo(72).Within(1e-9), "never out: the run's end (censored)");
            Assert.That(Of("fire_out_h", new RunMetrics(), shorter), Is.EqualTo(30).Within(1e-9), "the end of this run, not 72 h");
            Assert.That(Q("fire_out_h").Description, Does.Contain("censored"));
        }
    }

    [TestCase(-1, 72, 0)] // never known
    [TestCase(30, 72, 1)]
    [TestCase(72, 72, 1)] // known at the hour itself
    [TestCase(80, 72, 0)]
    [TestCase(30, 24, 0)]
    [TestCase(0, 1, 1)] // no chemicals: known from the start
    public void HazardKnownByAnHourIsOneWhenHeadquartersKnewByThen(double knownH, double hour, double expected) =>
        Assert.That(Of("hazard_known_by", new RunMetrics { HazardKnownAtDispatchH = knownH }, [], hour), Is.EqualTo(expected));

    [Test]
    public void DeathsKnownShareIsTheTollKnownAtTheHourOverTheRunsDeaths()
    {
        var ticks = Ticks(10, 72, (k, _, r) => r with { DeathsKnownHq = Math.Min(k, 140) });
        var m = new RunMetrics { DeathsCivilian = 60, DeathsResponder = 90 };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("deaths_known_share", m, ticks, 17.7), Is.EqualTo(105.0 / 150), "tick 105 ends at 17 h 40 min");
            Assert.That(Of("deaths_known_share", m, ticks, 61.2), Is.EqualTo(140.0 / 150));
            Assert.That(Of("deaths_known_share", new RunMetrics(), ticks, 17.7), Is.EqualTo(1), "nobody died: headquarters knows all of none");
        }
    }

    [Test]
    public void TheVolunteerIdleRatioComparesTheLaterDaysIdleShareWithTheFirstDays()
    {
        // day 1 (ticks ending in (0, 24 h]): share 0.2, and the tick ending at 24 h exactly belongs to it; later: 0.5;
        // ticks with nobody present count in neither window (their share is undefined)
        var ticks = Ticks(10, 72, (_, end, r) => end % 60 == 30 ? r with { VolunteersPresent = 0, VolunteersIdle = 0 }
            : end <= 1440 ? r with { VolunteersPresent = 10, VolunteersIdle = end == 1440 ? 10 : 2 }
            : r with { VolunteersPresent = 4, VolunteersIdle = 2 });
        double dayOne = (((143 - 24) * 0.2) + 1.0) / (143 - 24 + 1); // 144 ticks on day 1, 24 empty, one at share 1
        var nobodyLater = Ticks(10, 72, (_, end, r) => end > 1440 ? r with { VolunteersPresent = 0, VolunteersIdle = 0 } : r);
        var busyDayOne = Ticks(10, 72, (_, end, r) => end <= 1440 ? r with { VolunteersIdle = 0 } : r);
        var m = new RunMetrics();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("volunteer_idle_ratio", m, ticks), Is.EqualTo(0.5 / dayOne).Within(1e-12));
            Assert.That(Of("volunteer_idle_ratio", m, nobodyLater), Is.NaN, "nobody present after day 1");
            Assert.That(Of("volunteer_idle_ratio", m, busyDayOne), Is.NaN, "a day-1 share of 0");
            Assert.That(Of("volunteer_idle_ratio", m, Ticks(10, 12)), Is.NaN, "a run shorter than a day");
        }
    }

    [Test]
    public void ARunsCsvMetricIsItsValueAndANameOfBothFilesIsTheColumnOnlyAtAnHour()
    {
        var m = new RunMetrics { InjuredTreated = 798, MessagesSent = 5000 };
        var ticks = Ticks(10, 72, (k, _, r) => r with { MessagesSent = k });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Of("injured_treated", m, []), Is.EqualTo(798));
            Assert.That(Q("injured_treated").Kind, Is.EqualTo(QuantityKind.RunMetric));
            Assert.That(Of("messages_sent", m, ticks), Is.EqualTo(5000), "messages_sent without an hour: runs.csv");
            Assert.That(Of("messages_sent", m, ticks, 12), Is.EqualTo(71), "at an hour: ticks.csv");
            Assert.That(RunQuantities.Find("injured_treated", withHour: true)!.NeedsHour, Is.False, "a metric with an hour is still the metric (the loader refuses the hour)");
            Assert.That(RunQuantities.Find("deaths", withHour: false), Is.Null);
        }
    }

    [Test]
    public void TheCatalogueHoldsEveryColumnOfBothFilesAndSaysWhatEachQuantityMeans()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RunQuantities.All.Where(q => q.Kind == QuantityKind.RunMetric).Select(q => q.Name), Is.EqualTo(MetricCatalog.Runs.Select(m => m.Name)));
            Assert.That(RunQuantities.All.Where(q => q.Kind == QuantityKind.TickColumn).Select(q => q.Name), Is.EqualTo(MetricCatalog.Ticks.Select(m => m.Name)));
            Assert.That(RunQuantities.All.Where(q => q.Kind == QuantityKind.TickColumn), Has.All.Matches<RunQuantity>(q => q.NeedsHour && q.NeedsTicks));
            Assert.That(RunQuantities.All.Where(q => q.Kind == QuantityKind.RunMetric), Has.All.Matches<RunQuantity>(q => !q.NeedsHour && !q.NeedsTicks));
            Assert.That(RunQuantities.Derived.Select(q => q.Name), Is.Unique);
            Assert.That(RunQuantities.Derived.Select(q => q.Name).Intersect(RunQuantities.All.Where(q => q.Kind != QuantityKind.Derived).Select(q => q.Name)), Is.Empty, "a derived name shadows no column");
            Assert.That(RunQuantities.All, Has.All.Matches<RunQuantity>(q => q.Description.Length > 20 && q.Unit.Length > 0));
        }
    }
}
