using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.World;

/// <summary>Roads closed by debris or water (docs/model.md, hazards): routes follow the open roads, trips keep theirs.</summary>
public class RoadClosureTests
{
    private const int A = 0;
    private const int B = 1;
    private const int C = 2;
    private const int D = 3;
    private const int RoadAB = 0;
    private const int RoadBC = 1;
    private const int RoadAC = 2;

    /// <summary>A–B 0.2 h, B–C 0.2 h, A–C 1.0 h, C–D 0.5 h; road AB at landslide risk, so the network expects closures.</summary>
    private static RoadNetwork Network(int trips = 2, double boatFactor = 2)
    {
        var scenario = Repo.BuiltIn();
        scenario.Roads =
        [
            new RoadSettings { From = "a", To = "b", TravelTimeH = 0.2, CapacityVehiclesH = 100, LandslideRisk = 0.5 },
            new RoadSettings { From = "b", To = "c", TravelTimeH = 0.2, CapacityVehiclesH = 100 },
            new RoadSettings { From = "a", To = "c", TravelTimeH = 1.0, CapacityVehiclesH = 100 },
            new RoadSettings { From = "c", To = "d", TravelTimeH = 0.5, CapacityVehiclesH = 100 },
        ];
        scenario.Hazard.Earthquake.Shocks = [new ShockSettings { TimeH = 0, Strength = 1 }];
        scenario.Hazard.Flood.BoatTravelFactor = boatFactor;
        scenario.Population.Scale = 1;
        return new RoadNetwork(scenario, ["a", "b", "c", "d"], trips);
    }

    [Test]
    public void ADebrisClosureReroutesUntilItsClearanceTime()
    {
        var roads = Network();
        Assert.That(roads.FreeTime(A, C), Is.EqualTo(0.4).Within(1e-12), "open: A–B–C");

        roads.Close(RoadBC, untilH: 5);
        Assert.That(roads.IsClosed(RoadBC), Is.True);
        Assert.That(roads.FreeTime(A, C), Is.EqualTo(1.0).Within(1e-12), "closed: the direct road");
        Assert.That(roads.FreeTime(B, D), Is.EqualTo(0.2 + 1.0 + 0.5).Within(1e-12), "B to D goes back through A");

        roads.Close(RoadBC, untilH: 3);
        roads.ReopenCleared(4.9);
        Assert.That(roads.IsClosed(RoadBC), Is.True, "an earlier closure time does not shorten a later one");

        roads.ReopenCleared(5.0);
        Assert.That(roads.IsClosed(RoadBC), Is.False);
        Assert.That(roads.FreeTime(A, C), Is.EqualTo(0.4).Within(1e-12), "cleared: the short route again");
    }

    [Test]
    public void WaterClosesARoadToVehiclesButBoatTeamsCrossItSlower()
    {
        var roads = Network(boatFactor: 2);
        roads.SetFlooded([false, true, false, false]);
        Assert.That(roads.IsClosed(RoadBC), Is.True);
        Assert.That(roads.FreeTime(A, C), Is.EqualTo(1.0).Within(1e-12), "vehicles take the dry road");
        Assert.That(roads.FreeTime(A, C, boat: true), Is.EqualTo(0.2 + (0.2 * 2)).Within(1e-12), "boats cross the flooded road at twice its time");

        double trip = roads.Depart(0, A, C, vehicles: 1, nowH: 0, boat: true);
        Assert.That(trip, Is.GreaterThanOrEqualTo(0.6 - 1e-12), "a boat's trip takes at least its free time across the water");
        roads.Advance(0.2 + 0.01);
        Assert.That(roads.Flow(RoadBC), Is.GreaterThan(0), "it is on the flooded road from 0.2 h");
        roads.Advance(0.2 + (0.2 * 2) - 0.01);
        Assert.That(roads.Flow(RoadBC), Is.GreaterThan(0), "and stays on it for twice the road's time");
        roads.Advance(trip);
        roads.Arrive(0);
        Assert.That(roads.Flow(RoadBC), Is.Zero);

        roads.SetFlooded([false, false, false, false]);
        Assert.That(roads.FreeTime(A, C), Is.EqualTo(0.4).Within(1e-12), "the water went down");
    }

    [Test]
    public void AZoneCutOffIsUnreachableAndATripThereIsRefused()
    {
        var roads = Network();
        roads.Close(RoadAC, 10);
        roads.Close(RoadBC, 10);
        Assert.That(roads.Reachable(A, C), Is.False);
        Assert.That(double.IsPositiveInfinity(roads.FreeTime(A, D)), Is.True);
        Assert.That(roads.Reachable(A, B), Is.True);
        Assert.Throws<InvalidOperationException>(() => roads.Depart(0, A, D, 1, 0));
    }

    [Test]
    public void ATripKeepsTheRouteItDepartedOnAndLeavesEveryRoadItEntered()
    {
        var roads = Network();
        double time = roads.Depart(0, A, D, vehicles: 10, nowH: 0); // A–B–C–D
        Assert.That(time, Is.GreaterThanOrEqualTo(0.9));
        roads.Close(RoadBC, 10); // the road it will take next closes; it goes on (it is past the point of turning back)
        roads.Advance(0.25);
        Assert.That(roads.Flow(RoadBC), Is.GreaterThan(0), "on B–C now, the route it departed on");
        roads.Advance(time);
        roads.Arrive(0);
        for (int r = 0; r < 4; r++)
        {
            Assert.That(roads.Flow(r), Is.EqualTo(0), $"road {r} is empty once the trip arrived");
        }
    }

    [Test]
    public void ADetourLongerThanEveryFreeRouteFitsItsTrip()
    {
        // A ring a–b–c–d–e–a: every free route has at most two roads; with a–e cut, a to e takes all four others.
        var scenario = Repo.BuiltIn();
        scenario.Roads =
        [
            new RoadSettings { From = "a", To = "e", TravelTimeH = 0.1, CapacityVehiclesH = 100, LandslideRisk = 1 },
            new RoadSettings { From = "a", To = "b", TravelTimeH = 0.1, CapacityVehiclesH = 100 },
            new RoadSettings { From = "b", To = "c", TravelTimeH = 0.1, CapacityVehiclesH = 100 },
            new RoadSettings { From = "c", To = "d", TravelTimeH = 0.1, CapacityVehiclesH = 100 },
            new RoadSettings { From = "d", To = "e", TravelTimeH = 0.1, CapacityVehiclesH = 100 },
        ];
        scenario.Hazard.Earthquake.Shocks = [new ShockSettings { TimeH = 0, Strength = 1 }];
        var roads = new RoadNetwork(scenario, ["a", "b", "c", "d", "e"], 1);
        roads.Close(0, 10);
        double time = roads.Depart(0, 0, 4, 1, 0); // a–b–c–d–e: four roads, more than the longest free route (two)
        Assert.That(time, Is.EqualTo(0.4).Within(1e-9));
        roads.Advance(time);
        roads.Arrive(0);
        Assert.That(roads.TripsOnRoad, Is.EqualTo(0));
    }
}
