using CrisisSim.Core.Engine;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>population.scale_mode: city grows residents and capacities together; demand grows only the residents.</summary>
public class ScaleModeTests
{
    [Test]
    public void DemandModeGrowsResidentsButNoCapacity()
    {
        var one = new Simulation(Repo.BuiltIn(), 1);
        var city = new Simulation(Repo.BuiltIn("population.scale=3"), 1);
        var demand = new Simulation(Repo.BuiltIn("population.scale=3", "population.scale_mode=demand"), 1);

        Assert.Multiple(() =>
        {
            Assert.That(demand.People.Count, Is.EqualTo(city.People.Count), "residents grow in both modes");
            Assert.That(demand.People.Count, Is.EqualTo(one.People.Count * 3).Within(one.Zones.InitialResidents.Length), "residents ×3, to rounding per zone");
            Assert.That(demand.Units.Capacity, Is.EqualTo(one.Units.Capacity), "units stay at scale 1 when only demand grows");
            Assert.That(city.Units.Capacity, Is.EqualTo(one.Units.Capacity * 3).Within(one.Nodes.Count * 2), "units ×3 in a bigger city");
            Assert.That(demand.Zones.ShelterCapacity, Is.EqualTo(one.Zones.ShelterCapacity), "shelter places");
            Assert.That(demand.Zones.Beds, Is.EqualTo(one.Zones.Beds), "hospital beds");
            Assert.That(demand.Nodes.Stock, Is.EqualTo(one.Nodes.Stock), "relief stock");
            Assert.That(city.Zones.Beds.Sum(), Is.EqualTo(one.Zones.Beds.Sum() * 3).Within(one.Zones.Beds.Length), "beds ×3 in a bigger city");
        });
    }

    [Test]
    public void MoreDemandAgainstTheSameCapacityLeavesMoreNeedUnmet()
    {
        // A sanity check of the lever, not a calibrated claim: three times the people hit, the same responders.
        var baseline = new Simulation(Repo.BuiltIn("time.horizon_h=24"), 3).Run();
        var demand = new Simulation(Repo.BuiltIn("time.horizon_h=24", "population.scale=3", "population.scale_mode=demand"), 3).Run();
        Assert.That(demand.UnmetNeedHours, Is.GreaterThan(baseline.UnmetNeedHours * 1.5));
    }
}
