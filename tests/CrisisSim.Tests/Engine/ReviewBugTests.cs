using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>Regression tests for the bugs of review-2026-12.md §1.7 (issue 14, requirement 7).</summary>
public class ReviewBugTests
{
    [Test]
    public void WithReleasesEveryStalenessPeriodThePublicIsNeverUninformedBetweenThem()
    {
        // The built-in scenario releases every 12 h and a release keeps the public informed for 12 h: after the first
        // release rumour can only decay. It used to step up at the tick of each later release (178, 250, 322, 394).
        var scenario = Repo.BuiltIn();
        Assert.That(scenario.Communication.Broadcast.IntervalH, Is.EqualTo(scenario.Public.RumourStalenessH), "the case the test is about");
        var sim = new Simulation(scenario, 1);
        int firstRelease = (int)Math.Ceiling(scenario.Communication.Broadcast.FirstReleaseH * 60 / scenario.Time.TickMinutes);
        var rises = new List<string>();
        double previous = double.NaN;
        sim.Run(s =>
        {
            if (s.Tick > firstRelease + 1 && s.Rumour > previous + 1e-12)
            {
                rises.Add($"tick {s.Tick - 1}: {previous:0.#####} -> {s.Rumour:0.#####}");
            }

            previous = s.Rumour;
        });
        Assert.That(rises, Is.Empty);
    }

    [Test]
    public void ARescueUnitThatStandsDownForFireIsNotSentBackWhileTheZoneBurns()
    {
        // The unit stands down on the true fire; the dispatcher decides on beliefs. The unit now tells its node what it
        // saw, so the node does not send it straight back on an older, cooler belief.
        int standDowns = 0;
        var resent = new List<string>();
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var sink = new ListSink();
            var sim = new Simulation(Repo.BuiltIn(), seed, sink);
            var stoodDown = new HashSet<(int Unit, int Zone)>();
            int seen = 0;
            sim.Run(s =>
            {
                for (; seen < sink.Events.Count; seen++)
                {
                    var e = sink.Events[seen];
                    if (e.Need != (int)TaskKind.Rescue || s.Zones.Fire[e.Zone] < Core.Actors.WorkPhase.RescueImpossibleFromIntensity)
                    {
                        continue;
                    }

                    if (e.Kind == TraceKind.TaskFinished && stoodDown.Add((e.Unit, e.Zone)))
                    {
                        standDowns++;
                    }
                    else if (e.Kind == TraceKind.TaskClaimed && stoodDown.Contains((e.Unit, e.Zone)))
                    {
                        resent.Add($"seed {seed}, tick {e.Tick}: unit {e.Unit} back to {s.ZoneIds[e.Zone]}");
                    }
                }
            });
        }

        Assert.That(standDowns, Is.GreaterThan(0), "rescue units do meet fires too hot to search");
        Assert.That(resent, Is.Empty);
    }
}
