using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Dynamics that cut both ways (issue 14, requirement 6): triage by urgency, hospital beds that turn over, and units
/// that leave when their duty is over or their organisation has nothing left to give.
/// </summary>
public class ResponseDynamicsTests
{
    [Test]
    public void TriageTakesThePersonClosestToDeathFirst()
    {
        var people = new Residents([6]);
        int[] deadlines = [50, 20, 90, 20, 35, 70];
        for (int p = 0; p < deadlines.Length; p++)
        {
            people.Move(p, PersonState.Trapped, 0, 0);
            people.DeadlineTick[p] = deadlines[p];
        }

        var order = new List<int>();
        while (people.BucketSize(0, Residents.Bucket.Trapped) > 0)
        {
            int next = people.MostUrgent(0, Residents.Bucket.Trapped);
            order.Add(people.DeadlineTick[next]);
            people.Move(next, PersonState.Displaced, 0, 1);
        }

        Assert.That(order, Is.EqualTo(new[] { 20, 20, 35, 50, 70, 90 }));
        Assert.That(people.MostUrgent(0, Residents.Bucket.Trapped), Is.EqualTo(-1));
    }

    [Test]
    public void ABedIsFreedWhenTheStayEnds()
    {
        var scenario = Repo.BuiltIn();
        var zones = new Simulation(scenario, 1).Zones;
        int hospital = Array.IndexOf([.. scenario.Zones.Select(z => z.Kind)], ZoneKind.Hospital);
        var discharges = new Discharges(minorStayTicks: 3, seriousStayTicks: 10);
        zones.BedsUsed[hospital] = 2;
        discharges.Admitted(serious: false, hospital, tick: 0);
        discharges.Admitted(serious: true, hospital, tick: 1);
        discharges.Discharge(2, zones);
        Assert.That(zones.BedsUsed[hospital], Is.EqualTo(2), "nobody's stay is over at tick 2");
        discharges.Discharge(3, zones);
        Assert.That(zones.BedsUsed[hospital], Is.EqualTo(1), "the lightly injured patient leaves after 3 ticks");
        discharges.Discharge(11, zones);
        Assert.That(zones.BedsUsed[hospital], Is.Zero, "the seriously injured after 10");
    }

    [Test]
    public void ShortStaysLeaveMoreBedsFree()
    {
        static int BedsTaken(params string[] stays)
        {
            var sim = new Simulation(Repo.BuiltIn(["time.horizon_h=48", .. stays]), 2);
            sim.Run();
            return sim.Zones.BedsUsed.Sum();
        }

        int usual = BedsTaken();
        int brief = BedsTaken("population.minor_stay_h=2", "population.serious_stay_h=2");
        Assert.That(usual, Is.GreaterThan(500), "with 48-hour stays most casualties still hold a bed");
        Assert.That(brief, Is.LessThan(usual / 5));
    }

    [Test]
    public void UnitsLeaveWhenTheirDutyIsOver()
    {
        var sim = new Simulation(Repo.BuiltIn("actors.blue_sky_rescue.duty_h=6", "time.horizon_h=48"), 2);
        var metrics = sim.Run();
        int blueSky = Array.IndexOf(sim.Nodes.Ids, "blue_sky_rescue");
        var units = Enumerable.Range(0, sim.Units.Capacity).Where(u => sim.Units.Owner[u] == blueSky).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(metrics.UnitsDeparted, Is.GreaterThanOrEqualTo(units.Count));
            Assert.That(units.Select(u => sim.Units.State[u]), Is.All.EqualTo(UnitState.Absent), "every Blue Sky team has gone home by 48 h");
        });
    }

    [Test]
    public void AReliefOrganisationLeavesWhenItsStockIsGone()
    {
        // The foundation: an organisation outside the command whose only task is relief (the Red Cross is semi-official).
        var sim = new Simulation(Repo.BuiltIn("actors.foundation.stock_kits=100", "actors.foundation.procured_kits=0", "time.horizon_h=48"), 2);
        sim.Run();
        int redCross = Array.IndexOf(sim.Nodes.Ids, "foundation");
        var units = Enumerable.Range(0, sim.Units.Capacity).Where(u => sim.Units.Owner[u] == redCross).ToList();
        Assert.That(sim.Nodes.Stock[redCross], Is.LessThanOrEqualTo(0));
        Assert.That(units.Select(u => sim.Units.State[u]), Is.All.EqualTo(UnitState.Absent));
    }

    [Test]
    public void WithoutADutyLimitNoUnitLeaves()
    {
        var metrics = new Simulation(Repo.BuiltIn("actors.spontaneous_volunteers.duty_h=0", "time.horizon_h=48"), 2).Run();
        Assert.That(metrics.UnitsDeparted, Is.Zero);
    }

    [Test]
    public void VolunteersAreTurnedBackWhileEnoughAreIdle()
    {
        string[] crowd = ["actors.spontaneous_volunteers.convergence_pool=3000", "time.horizon_h=24"];
        var open = new Simulation(Repo.BuiltIn(crowd), 4);
        var openMetrics = open.Run();
        var guarded = new Simulation(Repo.BuiltIn([.. crowd, "public.turn_back_above_idle=5"]), 4);
        var guardedMetrics = guarded.Run();
        static int Converged(Simulation sim)
        {
            int node = Array.IndexOf(sim.Nodes.Ids, "spontaneous_volunteers");
            return sim.State.Roster.NextPooled[node] - sim.State.Roster.PoolStart[node];
        }

        Assert.Multiple(() =>
        {
            Assert.That(openMetrics.VolunteersTurnedBack, Is.Zero, "nobody is turned back unless the policy says so");
            Assert.That(guardedMetrics.VolunteersTurnedBack, Is.GreaterThan(0));
            Assert.That(Converged(guarded), Is.EqualTo(Converged(open)), "as many volunteers set out (convergence does not depend on who is waiting)");
            Assert.That(guardedMetrics.IdleVolunteerHours, Is.LessThan(openMetrics.IdleVolunteerHours), "fewer wait with nothing to do");
        });
    }

    [Test]
    public void CallsThatDoNotGetThroughDelayWhatTheCommandHears()
    {
        static (int Calls, int EarlyCalls) Calls(string share)
        {
            var sink = new ListSink();
            new Simulation(Repo.BuiltIn("public.calls_get_through=" + share, "time.horizon_h=24"), 5, sink).Run();
            var calls = sink.Events.Where(e => e.Kind == Core.Metrics.TraceKind.MessageSent && e.Channel == (int)Core.Communication.Channel.Call).ToList();
            return (calls.Count, calls.Count(e => e.Tick <= 12));
        }

        var all = Calls("1");
        var few = Calls("0.2");
        var none = Calls("0");
        Assert.Multiple(() =>
        {
            Assert.That(all.Calls, Is.GreaterThan(50));
            Assert.That(none.Calls, Is.Zero, "no call gets through");
            Assert.That(few.EarlyCalls, Is.LessThan(all.EarlyCalls), "in the first two hours fewer calls get through");
        });
    }

    [Test]
    public void UnderCoGovernanceTheHubCanRegisterConvergingVolunteers()
    {
        static bool Integrated(params string[] settings)
        {
            var sim = new Simulation(Repo.BuiltIn(settings), 1);
            return sim.Nodes.Integrated[Array.IndexOf(sim.Nodes.Ids, "spontaneous_volunteers")];
        }

        Assert.Multiple(() =>
        {
            Assert.That(Integrated("governance.mode=co-governance"), Is.False, "unregistered, they act alone");
            Assert.That(Integrated("governance.mode=co-governance", "governance.register_volunteers=true"), Is.True, "registered by the hub on arrival");
            Assert.That(Integrated("governance.mode=single-government", "governance.register_volunteers=true"), Is.False, "a single government integrates nobody outside the command");
        });
    }

    [Test]
    public void DonatedGoodsByRoadArriveLaterAndLoadTheRoads()
    {
        // A generous public (ten times the default donations) and cars of 10 kits: by road, the goods reach the
        // hospitals later and their cars slow the units down.
        string[] generous = ["public.donated_kits_per_h=3000", "traffic.kits_per_car=10", "time.horizon_h=12"];
        static (double KitsAtSites, double Congestion) Run(params string[] settings)
        {
            var sim = new Simulation(Repo.BuiltIn(settings), 2);
            double kitsAt3h = 0;
            var metrics = sim.Run(s =>
            {
                if (s.Tick == (int)Math.Round(3 / s.TickHours))
                {
                    kitsAt3h = Enumerable.Range(0, s.ZoneIds.Length).Where(z => s.Zones.Kind[z] == ZoneKind.Hospital).Sum(z => s.Zones.Kits[z]);
                }
            });
            return (kitsAt3h, metrics.CongestionDelayH);
        }

        var atOnce = Run(generous);
        var byRoad = Run([.. generous, "traffic.donations_by_road=true"]);
        Assert.Multiple(() =>
        {
            Assert.That(byRoad.KitsAtSites, Is.LessThan(atOnce.KitsAtSites), "goods on the road are not yet at the hospitals");
            Assert.That(byRoad.Congestion, Is.GreaterThan(atOnce.Congestion), "their cars add to the congestion");
        });
    }

    [Test]
    public void DonationsForTheStagingAreaItselfNeedNoTrip()
    {
        var sim = new Simulation(Repo.BuiltIn("traffic.donations_by_road=true", "zones.staging_area.storage_kits=100000", "zones.staging_area.visibility=1", "time.horizon_h=6"), 2);
        sim.Run();
        Assert.That(sim.Zones.Kits[Array.IndexOf(sim.ZoneIds, "staging_area")], Is.GreaterThan(0), "they are stored where they are brought, not held for a convoy");
    }

    [Test]
    public void DonationsByRoadKeepTheRunsInvariants()
    {
        SimulationInvariants.RunChecked(new Simulation(Repo.BuiltIn("traffic.donations_by_road=true", "public.donated_kits_per_h=3000", "time.horizon_h=36"), 3));
    }
}
