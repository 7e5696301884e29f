using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// <see cref="ScenarioWarnings"/>: what a valid scenario can never do. Each warning fires on a variant of the small-town
/// template (by --set or a text edit) and goes once the variant is fixed; a few are checked against runs, so that what
/// the warning says cannot happen indeed does not.
/// </summary>
public class ScenarioWarningsTests
{
    private const string Source = "small-town-fire.yaml";

    private static string Text => File.ReadAllText(Repo.PathOf("scenarios", Source));

    private static LoadedScenario Load(params string[] overrides) => ScenarioLoader.Load(Text, Source, overrides);

    private static IReadOnlyList<ScenarioWarning> WarningsOf(params string[] overrides) => Load(overrides).Warnings;

    /// <summary>The one warning of the variant that names <paramref name="keyPath"/> and contains <paramref name="fragment"/>.</summary>
    private static ScenarioWarning Single(IReadOnlyList<ScenarioWarning> warnings, string keyPath, string fragment)
    {
        var matching = warnings.Where(w => w.KeyPath == keyPath && w.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), string.Join("\n", warnings));
        return matching[0];
    }

    private static RunMetrics RunOf(LoadedScenario loaded, Action<Simulation>? onTick = null) => new Simulation(loaded.Scenario, 3).Run(onTick);

    [TestCase("tianjin-8-12.yaml")]
    [TestCase("small-town-fire.yaml")]
    [TestCase("lushan-2013/lushan-2013.yaml")]
    [TestCase("zhengzhou-2021/zhengzhou-2021.yaml")]
    public void TheShippedScenariosGiveNoWarning(string file)
    {
        var loaded = ScenarioLoader.Load(File.ReadAllText(Repo.PathOf("scenarios", file)), file);
        Assert.That(loaded.Warnings, Is.Empty, string.Join("\n", loaded.Warnings));
    }

    [Test]
    public void TheBroadcasterNeedsNoUnits_ButAFieldTaskDoes()
    {
        // Tianjin's publicity has units: 0 and only the information task: it releases without units, so no warning (above).
        var w = Single(WarningsOf("actors.town_office.units=0"), "actors.town_office.units", "releases official information, but never does supplies");
        Assert.That(w.Message, Does.Contain("remove supplies from its tasks"));
        Assert.That(WarningsOf("actors.town_office.units=0", "actors.town_office.tasks=[information]"), Is.Empty, "the broadcaster alone needs no units");
    }

    [Test]
    public void AnActorWithoutUnits_IsWarnedAtTheSetThatWroteIt_AndAPoolFixesIt()
    {
        var w = Single(WarningsOf("actors.rescue_team.units=0"), "actors.rescue_team.units", "has no units and no convergence pool, so it never acts (it never does rescue)");
        Assert.That(w.Position, Is.EqualTo(new SourcePosition("--set actors.rescue_team.units=0", 0, 0)));
        Assert.That(w.ToString(), Does.StartWith("--set actors.rescue_team.units=0: actors.rescue_team.units: has no units"));

        Assert.That(WarningsOf("actors.rescue_team.units=0", "actors.rescue_team.convergence=true", "actors.rescue_team.convergence_pool=5"), Is.Empty);
        var ignoredPool = Single(WarningsOf("actors.rescue_team.units=0", "actors.rescue_team.convergence_pool=5"), "actors.rescue_team.units", "never acts");
        Assert.That(ignoredPool.Message, Does.Contain("convergence_pool of 5 counts only with convergence: true"));
    }

    [Test]
    public void AnActorWithoutUnits_InTheFile_IsWarnedAtItsLine()
    {
        string text = Text.Replace("    units: 4\n", "    units: 0\n", StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Text));
        int line = text.Split('\n').ToList().FindIndex(l => l == "    units: 0") + 1;

        var w = Single(ScenarioLoader.Load(text, Source).Warnings, "actors.rescue_team.units", "never acts");
        Assert.That(w.Position, Is.EqualTo(new SourcePosition(Source, line, 12)));
    }

    [Test]
    public void UnitsThatRoundToNone_AreWarned_OnlyWhenTheScaleShrinksTheResponse()
    {
        var warnings = WarningsOf("population.scale=0.1");
        Assert.That(Single(warnings, "actors.rescue_team.units", "its 4 units round to none").Message, Does.Contain("population.scale 0.1"));
        Assert.That(WarningsOf("population.scale=0.1", "population.scale_mode=demand").Where(w => w.KeyPath.EndsWith(".units", StringComparison.Ordinal)), Is.Empty,
            "in scale_mode demand the units keep their scale-1 numbers");
    }

    [Test]
    public void TrappedPeopleNobodyFrees_AreWarned_AndNeverFreed()
    {
        string[] variant = ["actors.fire_brigade.tasks=[fire]", "actors.rescue_team.units=0"];
        var w = Single(WarningsOf(variant), "actors", "people trapped by the explosions (zones.plant.blast.trapped and 1 more) are never freed");
        Assert.That(w.Message, Does.Contain("no actor that fields units has the rescue task (rescue_team has no units)"));

        var m = RunOf(Load(variant));
        Assert.That((m.Rescued, m.UnmetRescueHours > 0), Is.EqualTo((0, true)), "people are trapped and nobody frees them");
        Assert.That(WarningsOf("actors.fire_brigade.tasks=[fire]").Where(x => x.Message.Contains("rescue task", StringComparison.Ordinal)), Is.Empty, "the rescue team frees them");
    }

    [Test]
    public void AbsentOrganisations_ServeNothing()
    {
        var w = Single(WarningsOf("actors.fire_brigade.tasks=[fire]", "governance.organisations=absent"), "actors", "are never freed");
        Assert.That(w.Message, Does.Contain("rescue_team is absent (governance.organisations: absent)"));
    }

    [Test]
    public void InjuredNobodyCarries_AreWarned_AndNeverTreated()
    {
        string[] variant = ["actors.ambulances.tasks=[rescue]"];
        Single(WarningsOf(variant), "actors", "the injured (zones.plant.blast.serious and 1 more) are never taken to hospital");
        var m = RunOf(Load(variant));
        Assert.That((m.InjuredTreated, m.UnmetMedicalHours > 0), Is.EqualTo((0, true)));
        Assert.That(WarningsOf("actors.ambulances.tasks=[rescue, medical]"), Is.Empty);
    }

    [Test]
    public void DisplacedPeopleNobodyShelters_AreWarned_AndNeverSheltered()
    {
        string[] variant = ["actors.police.tasks=[monitoring]"];
        Single(WarningsOf(variant), "actors", "displaced people (zones.plant.blast.displaced and 1 more) are never taken to a shelter");
        int sheltered = 0;
        RunOf(Load(variant), sim => sheltered = Math.Max(sheltered, sim.Current.Sheltered));
        Assert.That(sheltered, Is.Zero);
        Assert.That(WarningsOf("actors.police.tasks=[monitoring, shelter]"), Is.Empty);
    }

    [Test]
    public void AFireNobodyFights_IsWarned_ByWhatLightsIt()
    {
        Single(WarningsOf("actors.fire_brigade.tasks=[rescue]"), "actors", "the fire (hazard.fire.origin) is never fought");
        Single(WarningsOf("actors.fire_brigade.tasks=[rescue]", "hazard.fire.origin=''"), "actors", "the fire (hazard.explosions.0.zone) is never fought");
        Assert.That(WarningsOf("actors.fire_brigade.tasks=[rescue, fire]"), Is.Empty);
    }

    [Test]
    public void SuppliesNeedUnitsWithKits()
    {
        string[] noKits = ["actors.town_office.stock_kits=0", "actors.charity.procured_kits=0"];
        var w = Single(WarningsOf(noKits), "actors", "sheltered people (zones.school.shelter_capacity) get no water or food but what the public donates");
        Assert.That(w.Message, Does.Contain("fields units and holds kits").And.Contain("town_office has no kits; charity has no kits"));
        Assert.That(WarningsOf([.. noKits, "actors.charity.stock_kits=100"]), Is.Empty, "the charity's own stock");
        Assert.That(WarningsOf([.. noKits, "actors.charity.tasks=[rescue]", "actors.charity.stock_kits=100"]), Is.Empty,
            "the town office, the government's store, can requisition the charity's stock");
    }

    [Test]
    public void AToxicReleaseNobodyMeasures_IsWarned()
    {
        string[] toxic = ["hazard.toxic.present=true", "hazard.toxic.zones=[plant]"];
        Assert.That(WarningsOf(toxic), Is.Empty, "the police measure it");
        var w = Single(WarningsOf([.. toxic, "actors.police.tasks=[shelter]"]), "actors", "the toxic release (hazard.toxic.zones) is never measured");
        Assert.That(w.Message, Does.Contain("never identified within the horizon"), "disclosed_at_h defaults to 82 h, after the 48 h horizon");
        Assert.That(Single(WarningsOf([.. toxic, "actors.police.tasks=[shelter]", "hazard.toxic.disclosed_at_h=10"]), "actors", "never measured").Message,
            Does.Contain("disclosed_at_h: 10 h"));
    }

    [Test]
    public void BloodNobodyRestocks_IsWarned()
    {
        var warnings = WarningsOf("actors.blood_donors.convergence=false");
        Single(warnings, "actors.blood_donors.units", "counts only with convergence: true");
        Single(warnings, "actors", "blood the hospitals give the seriously injured (zones.hospital.blood_stock) is never restocked");
        Assert.That(WarningsOf("actors.blood_donors.convergence=false", "zones.hospital.blood_stock=0")
            .Where(w => w.KeyPath == "actors"), Is.Empty, "no stock, nothing to restock");
    }

    [Test]
    public void NoBroadcaster_IsWarned_AndThePublicStaysUninformed()
    {
        string[] variant = ["actors.town_office.tasks=[supplies]"];
        var w = Single(WarningsOf(variant), "actors", "no actor has the information task: no official information is ever released");
        Assert.That(w.Message, Does.Contain("(it needs no units)"));
        Assert.That(RunOf(Load(variant)).UnmetInformationHours, Is.GreaterThan(RunOf(Load()).UnmetInformationHours));
        Assert.That(WarningsOf("actors.town_office.tasks=[supplies]", "actors.police.tasks=[shelter, monitoring, information]"), Is.Empty);
    }

    [Test]
    public void AZoneNoRoadReaches_IsAnError_NotAWarning()
    {
        string text = Text.Replace("  - {from: old_quarter, to: school, travel_time_h: 0.2, capacity_vehicles_h: 200}\n", "", StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Text));
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, Source));
        Assert.That(ex.Errors.Select(e => e.ToString()), Has.Some.Contains("zones.school: zone 'school' is not connected by roads"));
    }

    [Test]
    public void WarningsChangeNothingInTheScenario()
    {
        var loaded = Load("actors.rescue_team.units=0", "actors.town_office.tasks=[supplies]");
        string before = System.Text.Json.JsonSerializer.Serialize(loaded.Scenario);
        Assert.That(ScenarioWarnings.Of(loaded.Scenario), Has.Count.EqualTo(loaded.Warnings.Count));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(loaded.Scenario), Is.EqualTo(before));
    }
}
