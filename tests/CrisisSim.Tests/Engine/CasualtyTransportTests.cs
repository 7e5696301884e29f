using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Robustness;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// The injured travel to hospital on the roads (traffic.casualties_by_road, issue 14, requirement 6): treatment waits
/// for the trip, ambulances load the roads, a patient can die on the way, and with the switch off nothing changes.
/// </summary>
public class CasualtyTransportTests
{
    private const string ByRoad = "traffic.casualties_by_road=true";

    /// <summary>Hours after the start at which each of the first admissions happened (the end of its tick).</summary>
    private static List<double> AdmissionTimes(Scenario scenario, ulong seed, int count)
    {
        var sim = new Simulation(scenario, seed);
        var times = new List<double>();
        while (!sim.Done && times.Count < count)
        {
            sim.Step();
            for (int k = times.Count; k < Math.Min(count, sim.Metrics.InjuredTreated); k++)
            {
                times.Add(sim.Current.TimeH);
            }
        }

        return times;
    }

    [Test]
    public void PatientsReachTheHospitalLaterThanWhenAdmittedAtOnce()
    {
        // One patient a trip, so the units load at the same pace either way and only the drive differs.
        string[] common = ["time.horizon_h=24", "traffic.patients_per_ambulance=1"];
        var atOnce = AdmissionTimes(Repo.BuiltIn(common), 2, 200);
        var byRoad = AdmissionTimes(Repo.BuiltIn([.. common, ByRoad]), 2, 200);
        var twoATrip = AdmissionTimes(Repo.BuiltIn("time.horizon_h=24", ByRoad), 2, 200);
        TestContext.Out.WriteLine($"first admission {atOnce[0]} h at once, {byRoad[0]} h by road ({twoATrip[0]} h two a trip); mean of the first 200 {atOnce.Average():0.###} h, {byRoad.Average():0.###} h ({twoATrip.Average():0.###} h)");
        Assert.Multiple(() =>
        {
            Assert.That(byRoad, Has.Count.EqualTo(200));
            Assert.That(byRoad[0], Is.GreaterThanOrEqualTo(atOnce[0] + 0.25), "the first patient is admitted after at least the shortest drive to a hospital (0.25 h)");
            Assert.That(twoATrip[0], Is.GreaterThanOrEqualTo(atOnce[0] + 0.25), "and so with two a trip");
            Assert.That(byRoad.Average(), Is.GreaterThan(atOnce.Average() + 0.25), "the first 200 admissions come later by more than the shortest drive: the units are away while they drive");
        });
    }

    [Test]
    public void EveryPatientCarriedSpendsAtLeastTheDriveOnTheRoad()
    {
        var sim = new Simulation(Repo.BuiltIn("time.horizon_h=12", ByRoad), 4);
        var people = sim.People;
        var loaded = new Dictionary<int, (int Tick, int Hospital, int From)>();
        int admitted = 0;
        var before = (PersonState[])people.State.Clone();
        while (!sim.Done)
        {
            sim.Step();
            int tick = sim.Tick - 1;
            for (int p = 0; p < people.Count; p++)
            {
                var now = people.State[p];
                if (now == before[p])
                {
                    continue;
                }

                if (now == PersonState.InTransit)
                {
                    Assert.That(before[p], Is.EqualTo(PersonState.Injured).Or.EqualTo(PersonState.Trapped), $"person {p} is taken from the injured (or freed and taken in the same tick)");
                    loaded[p] = (tick, people.CurrentZone[p], people.HomeZone[p]);
                }
                else if (now == PersonState.Treated)
                {
                    Assert.That(loaded.ContainsKey(p), Is.True, $"person {p} was admitted without a trip (no zone of the built-in case is a hospital with residents)");
                    var trip = loaded[p];
                    Assert.That(people.CurrentZone[p], Is.EqualTo(trip.Hospital), "admitted where the bed was reserved");
                    Assert.That((tick - trip.Tick) * sim.TickHours, Is.GreaterThanOrEqualTo(sim.Roads.FreeTime(trip.From, trip.Hospital) - 1e-9), $"person {p} arrived no sooner than the free-flow drive");
                    admitted++;
                }

                before[p] = now;
            }
        }

        Assert.That(admitted, Is.GreaterThan(100), "many patients made the trip");
    }

    /// <summary>Congestion delay (vehicle-hours) of a day with the roads to and from the TEDA hospital at <paramref name="capacity"/> vehicles per hour (null: as built in).</summary>
    private static double Congestion(bool byRoad, double? capacity)
    {
        var scenario = Repo.BuiltIn("time.horizon_h=24", "traffic.casualties_by_road=" + (byRoad ? "true" : "false"));
        foreach (var road in scenario.Roads)
        {
            if (capacity is { } c && (road.From == "teda_hospital" || road.To == "teda_hospital"))
            {
                road.CapacityVehiclesH = c;
            }
        }

        return new Simulation(scenario, 5).Run().CongestionDelayH;
    }

    [Test]
    public void AmbulancesCrowdingANarrowRoadToHospitalAddCongestion()
    {
        double wideOff = Congestion(false, null), wideOn = Congestion(true, null);
        double narrowOff = Congestion(false, 20), narrowOn = Congestion(true, 20);
        TestContext.Out.WriteLine($"congestion_delay_h: built-in roads {wideOff:0.##} → {wideOn:0.##} by road; 20 vehicles/h to the hospital {narrowOff:0.##} → {narrowOn:0.##}");
        Assert.Multiple(() =>
        {
            Assert.That(wideOn, Is.GreaterThan(wideOff), "ambulance trips add to the load of the roads");
            Assert.That(narrowOn, Is.GreaterThan(narrowOff), "on a narrow road to hospital they crowd it");
            Assert.That(narrowOn - narrowOff, Is.GreaterThan(2 * (wideOn - wideOff)), "the narrower the road, the more delay the ambulances cause");
        });
    }

    [Test]
    public void APatientWhoDiesOnTheWayFreesTheBedAndIsCountedOnce()
    {
        var sim = new Simulation(Repo.BuiltIn("time.horizon_h=24", ByRoad), 6);
        var people = sim.People;
        var transport = sim.State.Casualties!;
        int patient = -1;
        while (!sim.Done && patient < 0)
        {
            sim.Step();
            for (int p = 0; p < people.Count && patient < 0; p++)
            {
                if (people.State[p] == PersonState.InTransit && people.Serious[p])
                {
                    patient = p;
                }
            }
        }

        Assert.That(patient, Is.GreaterThanOrEqualTo(0), "a seriously injured patient is on the way");
        int hospital = people.CurrentZone[patient];
        int deadBefore = sim.Metrics.DeathsCivilian;
        people.DeadlineTick[patient] = sim.Tick; // their time runs out in the tick about to be simulated
        sim.Step();
        Assert.Multiple(() =>
        {
            Assert.That(people.State[patient], Is.EqualTo(PersonState.Dead), "they died on the way");
            Assert.That(transport.DiedOnTheWay, Is.EqualTo(1));
            Assert.That(sim.Metrics.DeathsCivilian, Is.EqualTo(people.Total(PersonState.Dead)), "every death counted once, this one included");
            Assert.That(sim.Metrics.DeathsCivilian, Is.GreaterThan(deadBefore));
            Assert.That(people.CountIn(hospital, PersonState.Treated) + people.CountIn(hospital, PersonState.InTransit), Is.EqualTo(sim.Zones.BedsUsed[hospital] + sim.Zones.BedsFreed[hospital]), "a bed for each patient admitted or on the way, no more: the dead patient's bed is free");
        });
    }

    [Test]
    public void ShortSurvivalKillsSomeOnTheWayAndKeepsTheInvariants()
    {
        // Serious injuries that kill within about an hour, and drives four times as long as built in.
        var scenario = Repo.BuiltIn("time.horizon_h=36", ByRoad, "population.serious_untreated_median_survival_h=1");
        foreach (var road in scenario.Roads)
        {
            road.TravelTimeH *= 4;
        }

        var sim = new Simulation(scenario, 3);
        var metrics = SimulationInvariants.RunChecked(sim);
        Assert.Multiple(() =>
        {
            Assert.That(sim.State.Casualties!.DiedOnTheWay, Is.GreaterThan(0), "some die on the way");
            Assert.That(sim.State.Casualties!.OnTheWay, Is.EqualTo(sim.People.Total(PersonState.InTransit)), "the transport's count is the residents'");
            Assert.That(metrics.DeathsCivilian, Is.EqualTo(sim.People.Total(PersonState.Dead)), "each death counted once");
        });
    }

    [Test]
    public void OffTheCapacityOfAnAmbulanceChangesNothing()
    {
        string[] off = ["time.horizon_h=48"];
        var baseline = new Simulation(Repo.BuiltIn(off), 11);
        var moved = new Simulation(Repo.BuiltIn([.. off, "traffic.patients_per_ambulance=7"]), 11);
        var ticks = new List<double>();
        var movedTicks = new List<double>();
        var a = baseline.Run(s => ticks.AddRange(TickRecord.Columns.Select(c => c.Value(s.Current))));
        var b = moved.Run(s => movedTicks.AddRange(TickRecord.Columns.Select(c => c.Value(s.Current))));
        Assert.Multiple(() =>
        {
            Assert.That(RunMetrics.Columns.Select(c => c.Value(b)), Is.EqualTo(RunMetrics.Columns.Select(c => c.Value(a))), "the run's metrics");
            Assert.That(movedTicks, Is.EqualTo(ticks), "every tick's record");
            Assert.That(baseline.State.Casualties, Is.Null, "off, there is no transport");
        });
    }
}
