using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>
/// Room at a worksite (population.rescue_units_per_trapped): at most so many rescue units per trapped person work at
/// once in a zone, the rest wait on site, and a dispatcher sends no more than the room it believes there is; so units
/// that a duplicate mandate sends to rubble others already cover are wasted.
/// </summary>
public class WorksiteTests
{
    private static readonly string[] s_settings = ["actors.blue_sky_rescue.units=80", "time.horizon_h=48"];

    [Test]
    public void UnitsBeyondTheRoomAtAWorksiteAddNoRescue()
    {
        var free = new Simulation(Repo.BuiltIn(s_settings), 3).Run();
        var loose = new Simulation(Repo.BuiltIn([.. s_settings, "population.rescue_units_per_trapped=100"]), 3).Run();
        var tight = new Simulation(Repo.BuiltIn([.. s_settings, "population.rescue_units_per_trapped=0.05"]), 3).Run();
        Assert.Multiple(() =>
        {
            Assert.That(loose.Rescued, Is.EqualTo(free.Rescued), "a limit no zone reaches changes nothing");
            Assert.That(loose.RescueTimeMeanH, Is.EqualTo(free.RescueTimeMeanH));
            Assert.That(tight.RescueTimeMeanH, Is.GreaterThan(free.RescueTimeMeanH), "one team per twenty trapped frees them later");
        });
    }

    [Test]
    public void ADispatcherSendsNoMoreUnitsThanTheRoomItBelievesThereIs()
    {
        // 40 believed trapped, one person an hour per unit, a 2-hour planning horizon: 20 units wanted without a limit,
        // 4 when a worksite has room for one unit per ten trapped.
        var free = new Simulation(Repo.BuiltIn(s_settings), 3).State.Dispatch;
        var crowded = new Simulation(Repo.BuiltIn([.. s_settings, "population.rescue_units_per_trapped=0.1"]), 3).State.Dispatch;
        Assert.Multiple(() =>
        {
            Assert.That(free.UnitsWanted((int)TaskKind.Rescue, 40, 1), Is.EqualTo(20));
            Assert.That(crowded.UnitsWanted((int)TaskKind.Rescue, 40, 1), Is.EqualTo(4));
            Assert.That(crowded.UnitsWanted((int)TaskKind.Medical, 40, 1), Is.EqualTo(20), "only rescue has worksites");
        });
    }

    [Test]
    public void EveryUnitOnSiteWorksByDefault()
    {
        // The calibrated value: no limit (ReferenceOutputTests pins the bytes of the default model).
        Assert.That(new PopulationSettings().RescueUnitsPerTrapped, Is.Zero);
        Assert.That(Repo.BuiltIn().Population.RescueUnitsPerTrapped, Is.Zero);
    }
}
