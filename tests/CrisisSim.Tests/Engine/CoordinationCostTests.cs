using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Co-governance has costs and can fail (issue 14, requirement 4): one attention budget per node for inbox and
/// platform; a platform that must be set up and can go down; reports that can be wrong and a verification desk that
/// takes time; coordination paid in staff time taken from field work.
/// </summary>
public class CoordinationCostTests
{
    private const string Horizon = "time.horizon_h=36";

    private static readonly string[] s_noErrors = [.. Repo.BuiltIn().Actors.Select(a => $"actors.{a.Id}.report_error=0")];

    [Test]
    public void InboxAndPlatformShareOneAttentionBudget()
    {
        // A tight command desk that also reads the platform: per node, messages read plus posts read at their reading cost
        // never exceed what its capacity per hour allows, and what it reads on the platform it cannot read in its inbox.
        string[] tight = ["communication.hierarchy.capacity_per_h=12", "communication.platform.reading_cost=1", "communication.platform.opens_h=0", Horizon];
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn([.. tight, "communication.platform.members=government"]), 5, sink);
        sim.Run();
        var without = new ListSink();
        new Simulation(Repo.BuiltIn([.. tight, "communication.platform.members=none"]), 5, without).Run();

        static bool IsRead(TraceEvent e) => e.Kind is TraceKind.MessageRead or TraceKind.MessageDistrusted;
        int hq = Nodes.Headquarters;
        var reads = sink.Events.Where(e => IsRead(e) && e.Other == hq).ToList();
        double perTick = 12 * sim.TickHours;
        foreach (int tick in reads.Select(e => e.Tick).Distinct())
        {
            int upTo = reads.Count(e => e.Tick <= tick);
            Assert.That(upTo, Is.LessThanOrEqualTo((perTick * (tick + 1)) + 1e-6), $"headquarters read {upTo} items by tick {tick}");
        }

        int inboxWith = reads.Count(e => e.Channel != (int)Channel.Platform);
        int inboxWithout = without.Events.Count(e => IsRead(e) && e.Other == hq);
        Assert.Multiple(() =>
        {
            Assert.That(reads.Count(e => e.Channel == (int)Channel.Platform), Is.GreaterThan(0), "headquarters reads posts");
            Assert.That(inboxWith, Is.LessThan(inboxWithout), "so it reads fewer messages from its inbox");
        });
    }

    [Test]
    public void NothingIsPostedOrReadBeforeThePlatformIsSetUp()
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn("communication.platform.members=government", "communication.platform.opens_h=6", "communication.platform.outage_per_h=0", Horizon), 3, sink);
        sim.Run();
        var platform = sink.Events.Where(e => e.Channel == (int)Channel.Platform && e.Kind is TraceKind.MessageSent or TraceKind.MessageRead).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(platform.Where(e => e.Tick * sim.TickHours < 6 - 1e-9), Is.Empty);
            Assert.That(platform.Where(e => e.Tick * sim.TickHours < 7), Is.Not.Empty, "it is used as soon as it opens");
        });
    }

    [Test]
    public void NothingIsPostedOrReadWhileThePlatformIsDown()
    {
        string[] failing = ["communication.platform.members=government", "communication.platform.opens_h=0", "communication.platform.outage_per_h=0.2", "communication.platform.outage_h=3", Horizon];
        var scenario = Repo.BuiltIn(failing);
        var sink = new ListSink();
        var sim = new Simulation(scenario, 3, sink);
        sim.Run();
        var outages = Schedule(scenario, 3, sim.TickHours).Outages;
        Assert.That(outages, Is.Not.Empty, "at 0.2 outages an hour a 36-hour run has some");
        var platform = sink.Events.Where(e => e.Channel == (int)Channel.Platform && e.Kind is TraceKind.MessageSent or TraceKind.MessageRead).ToList();
        Assert.That(platform, Is.Not.Empty);
        Assert.That(platform.Where(e => outages.Any(o => e.Tick >= o.Start && e.Tick < o.End)).Select(e => e.Tick), Is.Empty);
    }

    [Test]
    public void OutagesAreDrawnInHoursSoTheTickLengthDoesNotMoveThem()
    {
        var scenario = Repo.BuiltIn("communication.platform.outage_per_h=0.1", "communication.platform.outage_h=3");
        var ten = Schedule(scenario, 9, 10.0 / 60).Outages;
        var five = Schedule(scenario, 9, 5.0 / 60).Outages;
        Assert.That(ten, Is.Not.Empty);
        Assert.That(five, Has.Count.EqualTo(ten.Count));
        for (int i = 0; i < ten.Count; i++)
        {
            Assert.That(five[i].Start * 5.0, Is.EqualTo(ten[i].Start * 10.0).Within(10.0), "start in minutes, within one 10-minute tick");
            Assert.That(five[i].End * 5.0, Is.EqualTo(ten[i].End * 10.0).Within(10.0), "end in minutes, within one 10-minute tick");
        }
    }

    [Test]
    public void ReportsAreMisstatedOnlyByActorsThatErr()
    {
        var exact = new Simulation(Repo.BuiltIn([.. s_noErrors, Horizon]), 3).Run();
        var careless = new Simulation(Repo.BuiltIn([.. s_noErrors.Where(s => !s.StartsWith("actors.fire.", StringComparison.Ordinal)), "actors.fire.report_error=1", Horizon]), 3).Run();
        Assert.Multiple(() =>
        {
            Assert.That(exact.WrongReports, Is.Zero);
            Assert.That(careless.WrongReports, Is.GreaterThan(10), "every report of the fire service with a need in it is misstated");
        });
    }

    [Test]
    public void VerificationRemovesWrongPostsAndTakesTime()
    {
        string[] platform = ["governance.mode=co-governance", "governance.communication=platform", "communication.platform.opens_h=0", "communication.platform.outage_per_h=0",
            .. Repo.BuiltIn().Actors.Select(a => $"actors.{a.Id}.report_error=1"), Horizon];
        var unverified = new Simulation(Repo.BuiltIn(platform), 4).Run();
        var catching = new Simulation(Repo.BuiltIn([.. platform, "communication.platform.verification_per_h=100000", "communication.platform.verification_catch=1"]), 4).Run();
        var blind = new Simulation(Repo.BuiltIn([.. platform, "communication.platform.verification_per_h=100000", "communication.platform.verification_catch=0"]), 4).Run();
        double AgeOfWhatIsRead(string desk)
        {
            var sink = new ListSink();
            new Simulation(Repo.BuiltIn([.. platform, desk, "communication.platform.verification_catch=0"]), 4, sink).Run();
            return sink.Events.Where(e => e.Kind == TraceKind.MessageRead && e.Channel == (int)Channel.Platform).Average(e => e.Tick - e.ObservedTick);
        }

        Assert.Multiple(() =>
        {
            Assert.That(unverified.PostsRejected, Is.Zero, "nothing is checked without a desk");
            Assert.That(blind.PostsRejected, Is.Zero, "a desk that catches nothing removes nothing");
            Assert.That(catching.PostsRejected, Is.GreaterThan(10), "a desk that catches every wrong post removes many");
            Assert.That(AgeOfWhatIsRead("communication.platform.verification_per_h=5"), Is.GreaterThan(AgeOfWhatIsRead("communication.platform.verification_per_h=100000")),
                "a desk that checks 5 posts an hour delays what is read on the platform");
        });
    }

    [Test]
    public void WhatANodeSharesCountsOnceHoweverManyChannelsCarryIt()
    {
        // Under the platform rule a department sends each report up the chain and posts it: one message sent, two copies.
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=platform", "communication.platform.opens_h=0", Horizon), 3, sink);
        var metrics = sim.Run();
        var sent = sink.Events.Where(e => e.Kind == TraceKind.MessageSent).ToList();
        // An actor sends only what it shares, each share at most once up the chain and once on the platform (its copies
        // are alike but for the channel); the command also relays, and every relay is a message of its own.
        static long Shares(IEnumerable<TraceEvent> alike) =>
            Math.Max(alike.LongCount(e => e.Channel == (int)Channel.Platform), alike.LongCount(e => e.Channel != (int)Channel.Platform));
        long expected = sent.GroupBy(e => (e.Tick, e.Node, e.Zone, e.Need, e.Value, e.ObservedTick)).Sum(g => g.Key.Node >= Nodes.FirstActor ? Shares(g) : g.LongCount());
        long releases = sink.Events.LongCount(e => e.Kind == TraceKind.Broadcast);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Count, Is.GreaterThan(expected), "some shares go by two channels");
            Assert.That(metrics.MessagesSent, Is.EqualTo(expected + releases));
        });
    }

    [Test]
    public void CoordinationIsPaidInStaffTimeTakenFromFieldWork()
    {
        var usual = new Simulation(Repo.BuiltIn(Horizon), 6).Run();
        var free = new Simulation(Repo.BuiltIn("communication.hierarchy.staff_minutes=0", "communication.liaison.staff_minutes=0", "communication.cluster.staff_minutes=0",
            "communication.platform.staff_minutes=0", "communication.broadcast.staff_minutes=0", Horizon), 6).Run();
        var costly = new Simulation(Repo.BuiltIn("communication.hierarchy.staff_minutes=300", Horizon), 6).Run();
        Assert.Multiple(() =>
        {
            Assert.That(free.CoordinationCost, Is.Zero);
            Assert.That(free.CoordinationFieldHours, Is.Zero);
            Assert.That(usual.CoordinationFieldHours, Is.GreaterThan(0).And.LessThanOrEqualTo(usual.CoordinationCost), "part of the staff time is taken from work");
            Assert.That(costly.CoordinationFieldHours, Is.GreaterThan(10 * usual.CoordinationFieldHours));
            Assert.That(costly.UnmetNeedHours, Is.GreaterThan(usual.UnmetNeedHours), "five hours a message leaves less time for work");
        });
    }

    [Test]
    public void TheCostsKeepTheRunsInvariants()
    {
        var sim = new Simulation(Repo.BuiltIn("governance.mode=co-governance", "governance.communication=platform", "communication.platform.verification_per_h=20",
            "communication.platform.outage_per_h=0.3", "communication.hierarchy.staff_minutes=30", Horizon), 8);
        SimulationInvariants.RunChecked(sim);
    }

    private static PlatformSchedule Schedule(Scenario scenario, ulong seed, double tickHours) =>
        new(scenario.Communication.Platform, seed, scenario.Time.HorizonH, h => (int)Math.Floor((h / tickHours) + 1e-9));
}
