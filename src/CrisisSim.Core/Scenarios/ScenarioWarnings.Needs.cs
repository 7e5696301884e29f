using CrisisSim.Core.Actors;

namespace CrisisSim.Core.Scenarios;

public static partial class ScenarioWarnings
{
    /// <summary>
    /// Which needs a scenario creates, and the key that creates each, by the engine's rules: the fire burns from its
    /// origin (at an intensity above 0), a flare-up or the epicentre of an explosion; explosions within the horizon hit
    /// every zone's residents by its blast shares (trapped → rescue, injured → medical, displaced → shelter), and rumour
    /// after them drives self-evacuation from blast-exposed zones (→ shelter); people freed from rubble are injured or
    /// displaced (population.freed_injured_share); sheltered people eat kits (→ supplies); seriously injured admissions
    /// use hospital blood (→ blood); a present toxic release in named zones must be measured (→ monitoring). A need that
    /// only another task's work creates counts only when that task is served.
    /// </summary>
    private sealed partial class NeedSources
    {
        private readonly Scenario _s;
        private readonly List<int> _explosions;
        private readonly int _flareUp;

        public NeedSources(Scenario s)
        {
            _s = s;
            double dt = s.Time.TickMinutes / 60.0;
            int ticks = Experiments.TickSeries.TickCount(s);
            bool InHorizon(double h) => (int)Math.Floor((h / dt) + 1e-9) < ticks; // the engine's RunState.TicksFor
            _explosions = [.. Enumerable.Range(0, s.Hazard.Explosions.Count).Where(i => InHorizon(s.Hazard.Explosions[i].TimeH))];
            _flareUp = s.Hazard.Fire.FlareUps.FindIndex(f => InHorizon(f.TimeH) && f.Intensity > 0);
        }

        /// <summary>Whether some actor that responds and fields units can serve <paramref name="task"/> (for supplies: and holds kits).</summary>
        public bool Served(TaskKind task) => _s.Actors.Any(a =>
            a.Tasks.Contains(task) && Fields(_s, a) && SectorTraits.Effective(a.Sector, _s.Governance.Organisations).Responds
            && (task != TaskKind.Supplies || HoldsKits(a)));

        /// <summary>The key path that creates the need <paramref name="task"/> serves ("and others" when more do), or null when the scenario never creates it.</summary>
        public string? CauseOf(TaskKind task) => task switch
        {
            TaskKind.Fire => _s.Hazard.Fire.Origin.Length > 0 && _s.Hazard.Fire.InitialIntensity > 0 ? "hazard.fire.origin"
                : _flareUp >= 0 ? $"hazard.fire.flareups.{_flareUp}"
                : _explosions.Count > 0 ? $"hazard.explosions.{_explosions[0]}.zone" : null,
            TaskKind.Rescue => Blast("trapped", b => b.Trapped) ?? Quake(q => q.TrappedInCollapse) ?? FloodTraps(),
            TaskKind.Medical => Blast("serious", b => b.Serious) ?? Blast("minor", b => b.Minor)
                ?? Quake(q => q.SeriousInCollapse + q.MinorInCollapse) ?? Freed(p => p.FreedInjuredShare > 0),
            TaskKind.Shelter => Blast("displaced", b => b.Displaced) ?? Quake(_ => 1) ?? FloodDisplaces() ?? Freed(p => p.FreedInjuredShare < 1) ?? SelfEvacuation(),
            TaskKind.Supplies => CauseOf(TaskKind.Shelter) is not null && Served(TaskKind.Shelter) && _s.Population.KitsPerPersonDay > 0
                ? Zone(z => z.Kind == ZoneKind.Shelter && Scaled(z.ShelterCapacity) > 0, "shelter_capacity") : null,
            TaskKind.Monitoring => _s.Hazard.Toxic.Present && _s.Hazard.Toxic.Zones.Count > 0 ? "hazard.toxic.zones" : null,
            TaskKind.Blood => (Blast("serious", b => b.Serious) ?? Quake(q => q.SeriousInCollapse) ?? Freed(p => p.FreedInjuredShare > 0 && p.FreedSeriousShare > 0)) is not null && Served(TaskKind.Medical)
                ? Zone(z => z.Kind == ZoneKind.Hospital && Scaled(z.Beds) > 0 && z.BloodStock * _s.Population.CapacityScale > 0, "blood_stock") : null,
            _ => null,
        };

        /// <summary>The first zone with residents that an explosion of strength above 0 hits with blast share <paramref name="share"/>.</summary>
        private string? Blast(string key, Func<BlastEffects, double> share) =>
            _explosions.Any(i => _s.Hazard.Explosions[i].Strength > 0)
                ? Zone(z => share(z.Blast) > 0 && People(z) > 0, "blast." + key) : null;

        /// <summary>population.freed_injured_share when people are trapped and freed (rescue is served) and <paramref name="outcome"/> holds.</summary>
        private string? Freed(Func<PopulationSettings, bool> outcome) =>
            CauseOf(TaskKind.Rescue) is not null && Served(TaskKind.Rescue) && outcome(_s.Population) ? "population.freed_injured_share" : null;

        /// <summary>public.self_evacuation_per_h when explosions seed rumour and a blast-exposed zone has residents.</summary>
        private string? SelfEvacuation()
        {
            var pub = _s.Public;
            bool exposed = _s.Zones.Any(z => People(z) > 0 && z.Blast.Killed + z.Blast.Trapped + z.Blast.Serious + z.Blast.Minor + z.Blast.Displaced > 0);
            return _explosions.Count > 0 && pub.RumourSeed > 0 && pub.SelfEvacuationPerH > 0 && exposed ? "public.self_evacuation_per_h" : null;
        }

        /// <summary>zones.ID.<paramref name="key"/> of the first zone that <paramref name="creates"/> the need (", and others" when more do), or null.</summary>
        private string? Zone(Func<ZoneSettings, bool> creates, string key)
        {
            var zones = _s.Zones.Where(creates).ToList();
            return zones.Count == 0 ? null : $"zones.{zones[0].Id}.{key}" + (zones.Count > 1 ? $" and {zones.Count - 1} more" : "");
        }

        private long People(ZoneSettings z) => (long)Math.Round(z.Residents * _s.Population.Scale);

        private long Scaled(int capacity) => (long)Math.Round(capacity * _s.Population.CapacityScale);

        /// <summary>
        /// Whether <paramref name="a"/> has kits to deliver: its stock, kits it procures, or, as the government's store
        /// (the first commanded actor doing supplies), kits headquarters can requisition from an organisation outside command.
        /// </summary>
        private bool HoldsKits(ActorSettings a)
        {
            if (a.StockKits > 0 || a.ProcuredKits > 0)
            {
                return true;
            }

            var traits = (ActorSettings x) => SectorTraits.Effective(x.Sector, _s.Governance.Organisations);
            var store = _s.Actors.FirstOrDefault(x => traits(x).UnderCommand && x.Tasks.Contains(TaskKind.Supplies));
            return ReferenceEquals(store, a) && _s.Command.RequisitionBelowKits > 0
                && _s.Actors.Any(x => !traits(x).UnderCommand && (x.StockKits > 0 || x.ProcuredKits > 0));
        }
    }
}
