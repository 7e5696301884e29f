using CrisisSim.Core.Scenarios;
using CrisisSim.Core.World;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.World;

/// <summary>Road flow and BPR travel times (docs/model.md 5.3.15): a trip counts on a road only while it is on it.</summary>
public class RoadNetworkTests
{
    private const int RoadAB = 0;
    private const int RoadBC = 1;
    private const double Alpha = 0.15;
    private const int A = 0;
    private const int B = 1;
    private const int C = 2;

    /// <summary>A ⇄ B (0.3 h, 150 veh/h) ⇄ C (0.15 h, 150 veh/h), BPR α 0.15, β 4, capacity scale 1.</summary>
    private static RoadNetwork Chain(int trips)
    {
        var scenario = Repo.BuiltIn();
        scenario.Roads =
        [
            new RoadSettings { From = "a", To = "b", TravelTimeH = 0.3, CapacityVehiclesH = 150 },
            new RoadSettings { From = "b", To = "c", TravelTimeH = 0.15, CapacityVehiclesH = 150 },
        ];
        scenario.Traffic.BprAlpha = Alpha;
        scenario.Traffic.BprBeta = 4;
        scenario.Population.Scale = 1;
        return new RoadNetwork(scenario, ["a", "b", "c"], trips);
    }

    private static double Bpr(double t0, double flow) => t0 * (1 + (Alpha * Math.Pow(flow / 150, 4)));

    [Test]
    public void OnATwoRoadRouteEachTripCountsOnlyOnTheRoadItIsOnWithItsVehiclesPerHourThere()
    {
        var roads = Chain(3);

        // Trip 0: 30 vehicles A→C at 0 h on empty roads: 0.3 h on AB (30/0.3 = 100 veh/h there), then 0.15 h on BC (200 veh/h).
        Assert.That(roads.Depart(0, A, C, 30, 0), Is.EqualTo(0.45).Within(1e-12));
        Assert.That(roads.Flow(RoadAB), Is.EqualTo(100).Within(1e-5));
        Assert.That(roads.Flow(RoadBC), Is.EqualTo(0), "trip 0 is not on BC before 0.3 h");

        // Trip 1: 15 vehicles A→C at 0.1 h. AB carries 100 veh/h: 0.3·(1 + 0.15·(100/150)^4) = 0.308889 h; BC is empty: 0.15 h.
        roads.Advance(0.1);
        double t1AB = Bpr(0.3, 100);
        Assert.That(t1AB, Is.EqualTo(0.308889).Within(1e-6), "hand-computed");
        Assert.That(roads.Depart(1, A, C, 15, 0.1), Is.EqualTo(t1AB + 0.15).Within(1e-9));
        Assert.That(roads.Flow(RoadAB), Is.EqualTo(100 + (15 / t1AB)).Within(1e-5), "both trips on AB");

        // At 0.35 h trip 0 has left AB (at 0.3 h) for BC; trip 1 is on AB until 0.408889 h.
        roads.Advance(0.35);
        Assert.That(roads.Flow(RoadAB), Is.EqualTo(48.5612).Within(1e-4), "15 / 0.308889");
        Assert.That(roads.Flow(RoadBC), Is.EqualTo(200).Within(1e-5), "30 / 0.15");

        // Trip 2: 10 vehicles B→C at 0.35 h meets 200 veh/h on BC: 0.15·(1 + 0.15·(200/150)^4) = 0.221111 h.
        double t2BC = Bpr(0.15, 200);
        Assert.That(t2BC, Is.EqualTo(0.221111).Within(1e-6), "hand-computed");
        Assert.That(roads.Depart(2, B, C, 10, 0.35), Is.EqualTo(t2BC).Within(1e-9));

        // At 0.42 h: AB is empty; BC carries trip 0 (till 0.45 h), trip 1 (100 veh/h from 0.408889 h) and trip 2 (45.226 veh/h).
        roads.Advance(0.42);
        Assert.That(roads.Flow(RoadAB), Is.EqualTo(0));
        Assert.That(roads.Flow(RoadBC), Is.EqualTo(200 + 100 + 45.226).Within(1e-3));
        roads.Advance(0.46);
        Assert.That(roads.Flow(RoadBC), Is.EqualTo(145.226).Within(1e-3), "trip 0 left BC at 0.45 h");

        // Trips end: trip 0 and trip 1 past their last road, trip 2 (say its unit was lost) still on BC.
        roads.Arrive(0);
        roads.Arrive(1);
        roads.Arrive(2);
        Assert.That(roads.Flow(RoadAB), Is.EqualTo(0));
        Assert.That(roads.Flow(RoadBC), Is.EqualTo(0), "every trip takes back exactly what it added");
        Assert.That(roads.TripsOnRoad, Is.EqualTo(0));
    }

    [Test]
    public void AStreamOfDeparturesGivesTheSameFlowsAndTimesAtFiveAndTenMinuteTicks()
    {
        // 120 vehicles per hour leave A for C, one trip per tick, for 3 h; flows are averaged over the tick instants of
        // hours 1-3 (steady state), as a departing trip sees them. The old rule (route load / free time) gave AB 1.5x
        // and BC 3x the stream at both tick lengths.
        const double stream = 120;
        var five = Stream(5.0 / 60, stream);
        var ten = Stream(10.0 / 60, stream);
        foreach (var (name, dt, run) in new[] { ("5 min", 5.0 / 60, five), ("10 min", 10.0 / 60, ten) })
        {
            // Trips leave once a tick, so at a tick instant a road holds a whole number of them: its flow is the stream
            // within one trip's contribution (stream·dt vehicles over its time there).
            TestContext.Out.WriteLine($"{name}: AB {run.MeanAB:0.0}, BC {run.MeanBC:0.0} veh/h, trip {run.MeanTripH:0.0000} h");
            Assert.That(run.MeanAB, Is.EqualTo(stream).Within(stream * dt / 0.3), $"{name}: AB");
            Assert.That(run.MeanBC, Is.EqualTo(stream).Within(stream * dt / 0.15), $"{name}: BC");
        }

        Assert.That(five.MeanAB, Is.EqualTo(ten.MeanAB).Within(stream * (10.0 / 60) / 0.3), "AB within a 10-minute trip's contribution");
        Assert.That(five.MeanBC, Is.EqualTo(ten.MeanBC).Within(stream * (10.0 / 60) / 0.15), "BC within a 10-minute trip's contribution");
        Assert.That(five.MeanTripH, Is.EqualTo(ten.MeanTripH).Within(2).Percent, "travel times: the flows they met differ only by that rounding");
        Assert.That(five.MeanTripH, Is.GreaterThan(0.45), "some congestion");
    }

    private static (double MeanAB, double MeanBC, double MeanTripH) Stream(double dt, double vehiclesPerHour)
    {
        int ticks = (int)Math.Round(3 / dt);
        var roads = Chain(ticks);
        var arrival = new double[ticks];
        double sumAB = 0, sumBC = 0, sumTrip = 0;
        int samples = 0, trips = 0;
        for (int k = 0; k < ticks; k++)
        {
            double now = k * dt;
            roads.Advance(now);
            for (int t = 0; t < k; t++)
            {
                if (arrival[t] > 0 && arrival[t] <= now + 1e-9)
                {
                    roads.Arrive(t);
                    arrival[t] = 0;
                }
            }

            if (now >= 1 - 1e-9)
            {
                sumAB += roads.Flow(RoadAB);
                sumBC += roads.Flow(RoadBC);
                samples++;
            }

            double time = roads.Depart(k, A, C, vehiclesPerHour * dt, now);
            arrival[k] = now + time;
            if (now >= 1 - 1e-9)
            {
                sumTrip += time;
                trips++;
            }
        }

        return (sumAB / samples, sumBC / samples, sumTrip / trips);
    }
}
