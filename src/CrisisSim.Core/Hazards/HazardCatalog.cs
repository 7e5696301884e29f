using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// A kind of hazard: what it is, where its parameters are, when a scenario holds it, and the process that runs it.
/// Adding a kind is its settings, its process and one line in <see cref="HazardCatalog"/>.
/// </summary>
public abstract class HazardKind
{
    /// <summary>Its name in messages and documentation (lower case; never change it).</summary>
    public abstract string Name { get; }

    /// <summary>One line on what it does in the model.</summary>
    public abstract string Summary { get; }

    /// <summary>The scenario paths that hold its parameters.</summary>
    public abstract IReadOnlyList<string> Keys { get; }

    /// <summary>Whether <paramref name="scenario"/> holds this hazard.</summary>
    public abstract bool PresentIn(Scenario scenario);

    /// <summary>The process that runs this hazard in <paramref name="run"/>.</summary>
    internal abstract HazardProcess Start(RunState run);
}

/// <summary>Every hazard kind, in the order they act within a tick.</summary>
public static class HazardCatalog
{
    /// <summary>Explosions, fire and the toxic release (the Tianjin case).</summary>
    public static HazardKind Explosion { get; } = new ExplosionKind();

    /// <summary>The registered kinds.</summary>
    public static IReadOnlyList<HazardKind> All { get; } = [Explosion, new EarthquakeKind(), new FloodKind()];

    /// <summary>The kinds <paramref name="scenario"/> holds, in catalog order.</summary>
    public static IEnumerable<HazardKind> In(Scenario scenario) => All.Where(k => k.PresentIn(scenario));

    private sealed class ExplosionKind : HazardKind
    {
        public override string Name => "explosion";

        public override string Summary => "explosions strike every zone by its blast shares and set their zone ablaze; fire grows, spreads to cordoned neighbours and is suppressed; a toxic release is dangerous until identified";

        public override IReadOnlyList<string> Keys { get; } = ["hazard.explosions", "hazard.fire", "hazard.toxic", "zones.*.blast"];

        public override bool PresentIn(Scenario scenario) =>
            scenario.Hazard.Explosions.Count > 0 || scenario.Hazard.Fire.Origin.Length > 0 || scenario.Hazard.Fire.FlareUps.Count > 0 || scenario.Hazard.Toxic.Present;

        internal override HazardProcess Start(RunState run) => new ExplosionHazard(run);
    }

    private sealed class EarthquakeKind : HazardKind
    {
        public override string Name => "earthquake";

        public override string Summary => "shocks collapse buildings by each zone's shaking and vulnerability, trapping, killing and injuring their occupants and displacing the rest; aftershocks add collapses; landslides cut roads until cleared";

        public override IReadOnlyList<string> Keys { get; } = ["hazard.earthquake", "zones.*.quake", "roads[*].landslide_risk"];

        public override bool PresentIn(Scenario scenario) => scenario.Hazard.Earthquake.Shocks.Count > 0;

        internal override HazardProcess Start(RunState run) => new EarthquakeHazard(run);
    }

    private sealed class FloodKind : HazardKind
    {
        public override string Name => "flood";

        public override string Summary => "water rises and falls by zone; roads with water at an end close to vehicles; people in vehicles and underground spaces are trapped and drown within hours unless rescued; deep water needs boats";

        public override IReadOnlyList<string> Keys { get; } = ["hazard.flood", "zones.*.flood", "actors.*.boats"];

        public override bool PresentIn(Scenario scenario) => scenario.Zones.Exists(z => z.Flood.Floods);

        internal override HazardProcess Start(RunState run) => new FloodHazard(run);
    }
}
