using System.Diagnostics;
using System.Globalization;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Benchmarks;

/// <summary>The built-in scenario under the overrides the benchmarks vary: scale and governance arm.</summary>
internal static class BenchScenarios
{
    /// <summary>Residents of the built-in scenario at population.scale 1.</summary>
    public const int BuiltInResidents = 46_100;

    /// <summary>
    /// The population.scale that gives about <paramref name="residents"/> residents (10⁴, 10⁵, 10⁶):
    /// 0.2169, 2.169, 21.69 — the built-in scenario has 46,100 residents at scale 1.
    /// </summary>
    public static double ScaleFor(int residents) => residents switch
    {
        10_000 => 0.2169,
        100_000 => 2.169,
        1_000_000 => 21.69,
        2_000_000 => 43.38,
        _ => residents / (double)BuiltInResidents,
    };

    /// <summary>
    /// The overrides of a governance arm: <c>single-government</c>; <c>co-gov-hierarchical</c>, <c>co-gov-liaison</c>,
    /// <c>co-gov-platform</c>, <c>co-gov-cluster</c> (co-governance under each communication rule); <c>co-gov-platform-hub</c> (platform with
    /// communication.platform.hub_filtering=true).
    /// </summary>
    public static IReadOnlyList<string> ArmOverrides(string arm) => arm switch
    {
        "single-government" => ["governance.mode=single-government"],
        "co-gov-hierarchical" => ["governance.mode=co-governance", "governance.communication=hierarchical"],
        "co-gov-liaison" => ["governance.mode=co-governance", "governance.communication=liaison"],
        "co-gov-platform" => ["governance.mode=co-governance", "governance.communication=platform"],
        "co-gov-platform-hub" => ["governance.mode=co-governance", "governance.communication=platform", "communication.platform.hub_filtering=true"],
        "co-gov-cluster" => ["governance.mode=co-governance", "governance.communication=cluster"],
        _ => throw new InvalidOperationException("unknown governance arm " + arm),
    };

    /// <summary>Loads and validates the built-in scenario at <paramref name="scale"/> in governance arm <paramref name="arm"/>.</summary>
    public static Scenario Load(double scale, string arm, params string[] extra)
    {
        var overrides = new List<string> { "population.scale=" + scale.ToString("R", CultureInfo.InvariantCulture) };
        overrides.AddRange(ArmOverrides(arm));
        overrides.AddRange(extra);
        string path = RepoPaths.BuiltInScenario;
        return ScenarioLoader.Load(File.ReadAllText(path), path, overrides).Scenario;
    }

    /// <summary>
    /// Runs whole simulations of <paramref name="scenario"/> (at least <paramref name="minRuns"/>, and for at least
    /// <paramref name="milliseconds"/>) so tiered JIT and dynamic PGO have finished before anything is measured.
    /// </summary>
    public static void WarmUpJit(Scenario scenario, ulong seed, int milliseconds, int minRuns = 2)
    {
        var clock = Stopwatch.StartNew();
        for (int runs = 0; runs < minRuns || clock.ElapsedMilliseconds < milliseconds; runs++)
        {
            new Simulation(scenario, seed).Run();
        }
    }

    /// <summary>A fresh run of <paramref name="scenario"/> advanced <paramref name="hours"/> simulated hours.</summary>
    public static Simulation AdvancedBy(Scenario scenario, ulong seed, double hours)
    {
        var sim = new Simulation(scenario, seed);
        int ticks = (int)Math.Round(hours / sim.TickHours);
        while (sim.Tick < ticks)
        {
            sim.Step();
        }

        return sim;
    }

    /// <summary>Advances <paramref name="sim"/> by <paramref name="ticks"/> ticks (the measured work of a steady-state benchmark); returns the tick reached.</summary>
    public static int Step(Simulation sim, int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            sim.Step();
        }

        return sim.Tick;
    }
}
