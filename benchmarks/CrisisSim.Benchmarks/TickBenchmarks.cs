using BenchmarkDotNet.Attributes;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Benchmarks;

/// <summary>
/// The engine on the built-in scenario (scenarios/tianjin-8-12.yaml, 10-minute ticks, 72 h horizon):
/// <list type="bullet">
/// <item><see cref="WholeRun"/>: one complete run, construction included (<c>new Simulation(...).Run()</c>).</item>
/// <item><see cref="SteadyStateTick"/>: <see cref="TicksMeasured"/> ticks of <see cref="Simulation.Step"/> on a run
/// already advanced <see cref="WarmUpHours"/> simulated hours in [IterationSetup]; reported per tick
/// (OperationsPerInvoke), so Mean and Allocated are per tick.</item>
/// </list>
/// The job is deliberately short (one launch, 2 warm-up and 10 measured iterations) so the whole class runs in a
/// few minutes on a 2-core machine; use <c>--job default</c> or more iterations for tighter error bars.
/// A steady-state iteration is a single short invocation, so a few warm-up iterations would leave the
/// engine partly in tier-0 (unoptimised) code; [GlobalSetup] therefore runs whole simulations for
/// <see cref="JitWarmUpMilliseconds"/> first, so both benchmarks measure fully tiered-up code.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class TickBenchmarks
{
    /// <summary>Simulated hours a steady-state run is advanced before it is measured (144 ten-minute ticks).</summary>
    public const double WarmUpHours = 24;

    /// <summary>Ticks measured per steady-state invocation (36 ten-minute ticks = 6 simulated hours).</summary>
    public const int TicksMeasured = 36;

    /// <summary>The run seed (fixed: every iteration simulates the same story).</summary>
    public const ulong Seed = 1;

    /// <summary>Wall time of whole runs done in [GlobalSetup] so tiered JIT (and dynamic PGO) has finished before measuring.</summary>
    public const int JitWarmUpMilliseconds = 1000;

    private Scenario _scenario = null!;
    private Simulation _warm = null!;

    /// <summary>population.scale: multiplies residents, units, stocks and capacities.</summary>
    [Params(0.1, 1, 10)]
    public double Scale { get; set; }

    /// <summary>Governance arm: <c>single-government</c>, or <c>co-gov-platform</c> (co-governance, communication rule platform).</summary>
    [Params("single-government", "co-gov-platform")]
    public string Governance { get; set; } = "single-government";

    /// <summary>Loads and validates the scenario once per parameter combination, then warms the JIT up (not measured).</summary>
    [GlobalSetup]
    public void LoadScenario()
    {
        _scenario = BenchScenarios.Load(Scale, Governance);
        BenchScenarios.WarmUpJit(_scenario, Seed, JitWarmUpMilliseconds);
    }

    /// <summary>A whole 72 h run: construction (residents, units, routes) and every tick, then the final metrics.</summary>
    [Benchmark]
    public RunMetrics WholeRun() => new Simulation(_scenario, Seed).Run();

    /// <summary>Before each steady-state iteration: a fresh run advanced <see cref="WarmUpHours"/> simulated hours (not measured).</summary>
    [IterationSetup(Target = nameof(SteadyStateTick))]
    public void AdvanceToSteadyState() => _warm = BenchScenarios.AdvancedBy(_scenario, Seed, WarmUpHours);

    /// <summary><see cref="TicksMeasured"/> ticks from hour 24; Mean and Allocated are per tick.</summary>
    [Benchmark(OperationsPerInvoke = TicksMeasured)]
    public int SteadyStateTick() => BenchScenarios.Step(_warm, TicksMeasured);
}
