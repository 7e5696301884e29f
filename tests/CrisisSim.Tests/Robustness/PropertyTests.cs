using System.Diagnostics;
using System.Globalization;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace CrisisSim.Tests.Robustness;

/// <summary>A generated valid scenario: overrides on the built-in scenario and a run seed.</summary>
/// <param name="Overrides">PATH=VALUE assignments, invariant formatting.</param>
/// <param name="Seed">The run seed.</param>
public sealed record GeneratedScenario(IReadOnlyList<string> Overrides, ulong Seed)
{
    /// <summary>The case as a command line that reproduces it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"crisissim run --seed {Seed} {string.Join(' ', Overrides.Select(o => "--set " + o))}");
}

/// <summary>
/// Property-based test: random valid scenarios (the built-in Tianjin scenario with many parameters
/// drawn from their declared ranges) keep the simulation's conservation and sanity laws at every tick.
/// </summary>
public class PropertyTests
{
    /// <summary>Cases per run: enough to cover the parameter space coarsely, few enough for seconds on 2 cores. CRISISSIM_PROPERTY_CASES overrides it.</summary>
    private static readonly int s_cases = EnvULong("CRISISSIM_PROPERTY_CASES") is { } n ? (int)n : 60;

    /// <summary>FsCheck's random state (seed, odd gamma): fixed, so every run tests the same cases. CRISISSIM_PROPERTY_SEED overrides the seed.</summary>
    private static readonly ulong s_replaySeed = EnvULong("CRISISSIM_PROPERTY_SEED") ?? 20150812;
    private const ulong ReplayGamma = 2015081223_50_0001;

    /// <summary>Subtrees whose numeric leaves may take any value in their declared range.</summary>
    private static readonly string[] s_variedPrefixes =
        ["governance.", "communication.", "public.", "traffic.", "hazard.fire.", "hazard.responder_risk.", "population."];

    /// <summary>Single leaves (with &lt;id&gt; expanded to every zone or actor) that may take any value in their declared range.</summary>
    private static readonly string[] s_variedLeaves =
    [
        "time.tick_minutes",
        "hazard.toxic.present", "hazard.toxic.disclosed_at_h", "hazard.toxic.identify_per_unit_h",
        "actors.<id>.units", "actors.<id>.work_rate_per_h", "actors.<id>.members_per_unit", "actors.<id>.needs_authorisation",
        "actors.<id>.registered", "actors.<id>.private_vehicles", "actors.<id>.stock_kits", "actors.<id>.procured_kits", "actors.<id>.procurement_lag_h",
        "zones.<id>.residents", "zones.<id>.cordoned", "zones.<id>.visibility", "zones.<id>.shelter_capacity", "zones.<id>.opens_h",
        "zones.<id>.beds", "zones.<id>.blood_stock", "zones.<id>.storage_kits",
    ];

    /// <summary>
    /// Generated as groups by <see cref="ConstrainedGroups"/>, because the validator ties them together: the
    /// scale (kept small), the survival triple (falling), arrival windows (start ≤ end), convergence (needs a
    /// pool), blast shares × explosion strength (at most 1), and the zone references of fire and explosions.
    /// </summary>
    private static readonly string[] s_grouped =
    [
        "population.scale", "population.trapped_survival_day1", "population.trapped_survival_day2", "population.trapped_survival_day5",
        "hazard.fire.origin",
    ];

    /// <summary>Upper limits tighter than the declared range, to keep each run to a fraction of a second.</summary>
    private static readonly Dictionary<string, double> s_runtimeCaps = new(StringComparer.Ordinal)
    {
        ["actors.<id>.units"] = 400,
        ["zones.<id>.residents"] = 60_000,
        ["zones.<id>.shelter_capacity"] = 60_000,
        ["zones.<id>.beds"] = 20_000,
    };

    /// <summary>A varied leaf: its concrete path and the generator of its value as YAML text.</summary>
    private sealed record VariedParam(string Path, Gen<string> Value);

    private static readonly Lazy<VariedParam[]> s_params = new(BuildParams);

    private static readonly Lazy<Scenario> s_builtIn = new(() => Repo.BuiltIn());

    [Test]
    public void TheCatalogueOffersAGoodSetOfParametersToVary()
    {
        var paths = s_params.Value.Select(p => p.Path).ToArray();
        TestContext.Out.WriteLine($"{paths.Length} single parameters and {ConstrainedGroups().Count()} constrained groups are varied");
        Assert.That(paths, Has.Length.GreaterThanOrEqualTo(200), string.Join(", ", paths));
        Assert.That(paths, Does.Contain("governance.mode").And.Contain("governance.communication").And.Contain("governance.legal.permitted_task_share")
            .And.Contain("communication.platform.reading_cost").And.Contain("actors.red_cross.units").And.Contain("zones.ring_3km.residents")
            .And.Contain("hazard.fire.growth_per_h").And.Contain("traffic.bpr_beta").And.Contain("zones.city_hospitals.beds")
            .And.Contain("communication.platform.hub_filtering").And.Contain("time.tick_minutes"));
        Assert.That(paths, Has.None.StartsWith("population.trapped_survival").And.None.EqualTo("population.scale")
            .And.None.Contains(".blast.").And.None.Contains("arrival_").And.None.EndsWith(".convergence").And.None.EndsWith(".convergence_pool"));
    }

    [Test]
    public void RandomValidScenariosKeepTheInvariantsAtEveryTick()
    {
        string text = Repo.BuiltInText;
        int ran = 0;
        long ticks = 0;
        int withDeaths = 0, withRescues = 0, withTreated = 0, withSheltered = 0, coGovernance = 0;
        var clock = Stopwatch.StartNew();

        var property = Prop.ForAll(Arb.From(ScenarioGen()), (GeneratedScenario c) =>
        {
            LoadedScenario loaded;
            try
            {
                loaded = ScenarioLoader.Load(text, "tianjin-8-12.yaml", c.Overrides);
            }
            catch (ScenarioException ex)
            {
                // The generator promises valid scenarios: a rejection is a generator bug, not a skip.
                throw new InvalidOperationException($"the generator produced a scenario the validator rejects:{Environment.NewLine}{ex.Message}{Environment.NewLine}  reproduce: {c}", ex);
            }

            var sim = new Simulation(loaded.Scenario, c.Seed);
            Core.Metrics.RunMetrics metrics;
            try
            {
                metrics = SimulationInvariants.RunChecked(sim);
            }
            catch (Exception ex)
            {
                string what = ex is InvariantViolationException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
                throw new InvariantViolationException($"{what}{Environment.NewLine}  reproduce: {c}", ex);
            }

            Interlocked.Increment(ref ran);
            Interlocked.Add(ref ticks, sim.TickCount);
            Interlocked.Add(ref withDeaths, metrics.DeathsCivilian + metrics.DeathsResponder > 0 ? 1 : 0);
            Interlocked.Add(ref withRescues, metrics.Rescued > 0 ? 1 : 0);
            Interlocked.Add(ref withTreated, metrics.InjuredTreated > 0 ? 1 : 0);
            Interlocked.Add(ref withSheltered, sim.Current.Sheltered > 0 ? 1 : 0);
            Interlocked.Add(ref coGovernance, loaded.Scenario.Governance.Mode == GovernanceMode.CoGovernance ? 1 : 0);
        });

        var config = Config.QuickThrowOnFailure.WithMaxTest(s_cases).WithReplay(s_replaySeed, ReplayGamma);
        Check.One(config, property);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ran} generated scenarios, {ticks} ticks checked, {clock.Elapsed.TotalSeconds:0.0} s; with deaths {withDeaths}, rescues {withRescues}, " +
            $"hospital admissions {withTreated}, people sheltered at the end {withSheltered}; co-governance {coGovernance}"));
        Assert.That(ran, Is.EqualTo(s_cases));

        // Not vacuous: the generated runs reach every part of the story.
        Assert.That(new[] { withDeaths, withRescues, withTreated, withSheltered, coGovernance, ran - coGovernance },
            Has.All.GreaterThanOrEqualTo(s_cases / 10), "deaths, rescues, admissions, sheltered, co-governance, single-government");
    }

    [Test]
    public void TheGeneratorIsDeterministicAndVariesManyParameters()
    {
        var first = Gen.Sample(ScenarioGen(), 10, new Rnd(s_replaySeed, ReplayGamma), 7);
        var again = Gen.Sample(ScenarioGen(), 10, new Rnd(s_replaySeed, ReplayGamma), 7);
        Assert.That(again.Select(c => c.ToString()), Is.EqualTo(first.Select(c => c.ToString())), "the same FsCheck seed gives the same cases");
        Assert.That(first.Select(c => c.Overrides.Count), Has.All.GreaterThan(20), "each case varies many parameters at once");
        Assert.That(first.Select(c => c.Seed).Distinct().Count(), Is.EqualTo(first.Length), "each case has its own run seed");
    }

    private static ulong? EnvULong(string name) =>
        ulong.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v : null;

    /// <summary>Generates a valid scenario as overrides on the built-in one, and a run seed.</summary>
    private static Gen<GeneratedScenario> ScenarioGen()
    {
        var singles = s_params.Value.Select(p => Optional(p.Value.Select(v => new[] { p.Path + "=" + v })));
        var groups = ConstrainedGroups().Select(Optional);
        return
            from horizon in DoubleIn(2, 24)
            from scale in DoubleIn(0.05, 0.5)
            from varied in Gen.CollectToArray(singles.Concat(groups))
            from hi in Gen.Choose(0, int.MaxValue)
            from lo in Gen.Choose(0, int.MaxValue)
            select new GeneratedScenario(
                [
                    "time.horizon_h=" + horizon,
                    "population.scale=" + scale,
                    .. varied.Where(v => v is not null).SelectMany(v => v!),
                ],
                ((ulong)hi << 31) | (uint)lo);
    }

    /// <summary>Parameters the validator ties together, each group generated so that it stays valid.</summary>
    private static IEnumerable<Gen<string[]>> ConstrainedGroups()
    {
        var s = s_builtIn.Value;
        string[] zoneIds = [.. s.Zones.Select(z => z.Id)];

        // Survival of trapped people cannot rise with time: day1 ≥ day2 ≥ day5.
        yield return
            from a in UnitInterval()
            from b in UnitInterval()
            from c in UnitInterval()
            select Falling(["population.trapped_survival_day1", "population.trapped_survival_day2", "population.trapped_survival_day5"], a, b, c);

        // Fire origin: any zone, or none.
        yield return Gen.Elements(["''", .. zoneIds]).Select(z => new[] { "hazard.fire.origin=" + z });

        // Each actor's arrival window (start ≤ end) and convergence (a converging actor needs a pool).
        foreach (var actor in s.Actors)
        {
            string p = "actors." + actor.Id + ".";
            yield return
                from a in Number(0, 336)
                from b in Number(0, 336)
                select new[] { p + "arrival_start_h=" + Text(Math.Min(a, b)), p + "arrival_end_h=" + Text(Math.Max(a, b)) };
            yield return
                from converge in Gen.Elements(true, false)
                from pool in IntIn(1, 2000)
                select new[] { p + "convergence=" + (converge ? "true" : "false"), p + "convergence_pool=" + pool };
        }

        // Explosions: when, where, and how strong; with the strengths, every zone's blast shares, so that
        // strength × (killed + trapped + serious + minor + displaced) ≤ 1 and strength × responders_killed ≤ 1.
        for (int i = 0; i < s.Hazard.Explosions.Count; i++)
        {
            string p = "hazard.explosions." + i.ToString(CultureInfo.InvariantCulture) + ".";
            yield return
                from time in DoubleIn(0, 336)
                from zone in Gen.Elements(zoneIds)
                select new[] { p + "time_h=" + time, p + "zone=" + zone };
        }

        int explosions = s.Hazard.Explosions.Count;
        var strengths = Gen.CollectToArray(Enumerable.Repeat(Number(0, 10), explosions));
        var shares = Gen.CollectToArray(zoneIds.Select(_ => BlastShares()));
        yield return
            from st in strengths
            from sh in shares
            select BlastOverrides(zoneIds, st, sh);

        // The flare-ups: when, where and how intense.
        for (int i = 0; i < s.Hazard.Fire.FlareUps.Count; i++)
        {
            string p = "hazard.fire.flareups." + i.ToString(CultureInfo.InvariantCulture) + ".";
            yield return
                from time in DoubleIn(0, 336)
                from zone in Gen.Elements(zoneIds)
                from intensity in DoubleIn(0, 1)
                select new[] { p + "time_h=" + time, p + "zone=" + zone, p + "intensity=" + intensity };
        }
    }

    /// <summary>Six weights: five blast shares (killed, trapped, serious, minor, displaced) and responders killed; sometimes all on one share.</summary>
    private static Gen<double[]> BlastShares() =>
        Gen.Frequency(
            (4, Gen.CollectToArray(Enumerable.Repeat(UnitInterval(), 7))),
            (1, Gen.Choose(0, 4).Select(k => Enumerable.Range(0, 7).Select(j => j == k || j == 5 ? 1.0 : 0.0).ToArray())),
            (1, Gen.Constant(new double[7])));

    private static string[] BlastOverrides(string[] zoneIds, double[] strengths, double[][] weights)
    {
        double strongest = strengths.Length == 0 ? 0 : strengths.Max();
        double room = strongest > 1 ? 1 / strongest : 1; // the most each zone's shares may add up to
        string[] keys = ["killed", "trapped", "serious", "minor", "displaced"];
        var result = new List<string>();
        for (int i = 0; i < strengths.Length; i++)
        {
            result.Add($"hazard.explosions.{i.ToString(CultureInfo.InvariantCulture)}.strength={Text(strengths[i])}");
        }

        for (int z = 0; z < zoneIds.Length; z++)
        {
            double[] w = weights[z];
            double sum = w[0] + w[1] + w[2] + w[3] + w[4] + w[6]; // w[6] is the unhit share
            for (int k = 0; k < keys.Length; k++)
            {
                double share = sum > 0 ? Math.Floor(w[k] / sum * room * 1e12) / 1e12 : 0;
                result.Add($"zones.{zoneIds[z]}.blast.{keys[k]}={Text(share)}");
            }

            result.Add($"zones.{zoneIds[z]}.blast.responders_killed={Text(w[5] * room)}");
        }

        return [.. result];
    }

    private static string[] Falling(string[] paths, params double[] values)
    {
        double[] v = [.. values.OrderDescending()];
        return [.. paths.Select((p, i) => p + "=" + Text(v[i]))];
    }

    /// <summary>Half the time null (the parameter keeps its value in the file), half the time a generated value.</summary>
    private static Gen<T?> Optional<T>(Gen<T> value)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (1, value.Select(v => (T?)v)));

    private static Gen<double> UnitInterval() => Gen.Choose(0, int.MaxValue).Select(i => i / (double)int.MaxValue);

    /// <summary>A value in [min, max]: the bounds themselves, uniform values, and values skewed towards min (for wide ranges).</summary>
    private static Gen<double> Number(double min, double max) =>
        Gen.Frequency(
                (1, Gen.Constant(min)),
                (1, Gen.Constant(max)),
                (4, UnitInterval().Select(u => min + (u * (max - min)))),
                (2, UnitInterval().Select(u => min + (Math.Pow(u, 6) * (max - min)))))
            .Select(v => Math.Clamp(v, min, max));

    private static Gen<string> DoubleIn(double min, double max) => Number(min, max).Select(Text);

    private static Gen<string> IntIn(int min, int max) =>
        Gen.Frequency(
                (1, Gen.Constant(min)),
                (1, Gen.Constant(max)),
                (4, Gen.Choose(min, max)),
                (2, UnitInterval().Select(u => (int)Math.Round(min + (Math.Pow(u, 6) * (max - min))))))
            .Select(v => v.ToString(CultureInfo.InvariantCulture));

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Every leaf to vary, from the schema catalogue, with ids expanded from the built-in scenario.</summary>
    private static VariedParam[] BuildParams()
    {
        var builtIn = s_builtIn.Value;
        var result = new List<VariedParam>();
        foreach (var row in SchemaCatalog.Table(typeof(Scenario)))
        {
            string path = row.Path;
            bool varied = s_variedLeaves.Contains(path) || s_variedPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
            if (!varied || s_grouped.Contains(path) || path.Contains("<i>", StringComparison.Ordinal))
            {
                continue;
            }

            var type = SchemaCatalog.TypeAt(typeof(Scenario), path);
            Gen<string>? value = null;
            var a = row.Attribute;
            if (type == typeof(double) && double.IsFinite(a.Min) && double.IsFinite(a.Max))
            {
                value = DoubleIn(a.Min, Math.Min(a.Max, s_runtimeCaps.GetValueOrDefault(path, double.PositiveInfinity)));
            }
            else if (type == typeof(int) && double.IsFinite(a.Min) && double.IsFinite(a.Max))
            {
                value = IntIn((int)a.Min, (int)Math.Min(a.Max, s_runtimeCaps.GetValueOrDefault(path, double.PositiveInfinity)));
            }
            else if (type is { IsEnum: true })
            {
                value = Gen.Elements(SchemaCatalog.EnumNames(type).Select(n => n.Name).ToArray());
            }
            else if (type == typeof(bool))
            {
                value = Gen.Elements("true", "false");
            }

            if (value is null)
            {
                continue; // text, lists and unbounded numbers are not varied
            }

            IEnumerable<string> ids = path.StartsWith("zones.<id>.", StringComparison.Ordinal) ? builtIn.Zones.Select(z => z.Id)
                : path.StartsWith("actors.<id>.", StringComparison.Ordinal) ? builtIn.Actors.Select(x => x.Id)
                : [""];
            foreach (string id in ids)
            {
                result.Add(new VariedParam(path.Replace("<id>", id, StringComparison.Ordinal), value));
            }
        }

        return [.. result];
    }
}
