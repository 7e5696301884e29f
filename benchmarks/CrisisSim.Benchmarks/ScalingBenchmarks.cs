using BenchmarkDotNet.Attributes;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Benchmarks;

/// <summary>
/// How cost grows with the city: the built-in scenario at 10⁴, 10⁵ and 10⁶ residents (population.scale 0.2169,
/// 2.169, 21.69 — units, stocks and command capacities scale with it), single government and the co-governance
/// platform, seed 1:
/// <list type="bullet">
/// <item><see cref="Construct"/>: <c>new Simulation(...)</c> alone; its Allocated is the memory a run of that size
/// builds (residents, units, routes, beliefs).</item>
/// <item><see cref="WholeRun"/>: a complete 72 h run (432 ten-minute ticks), construction and final metrics included.</item>
/// <item><see cref="SteadyStateTick"/>: <see cref="TicksMeasured"/> ticks (hours 24–48) of a fresh run advanced 24 h in
/// [IterationSetup]; Mean, Median, Min and Allocated are per tick (OperationsPerInvoke). A whole simulated day per
/// invocation keeps iterations long enough (1–200 ms) to be measured on a busy machine.</item>
/// </list>
/// The job is short (1 warm-up, 6 measured iterations) so the class runs in about 3 minutes on 2 cores;
/// [GlobalSetup] first runs whole simulations for at least <see cref="JitWarmUpMilliseconds"/> so tiered JIT
/// has finished.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class ScalingBenchmarks
{
    /// <summary>Ticks measured per steady-state invocation (144 ten-minute ticks = simulated hours 24–48, ticks 144–287).</summary>
    public const int TicksMeasured = 144;

    /// <summary>Simulated hours a steady-state run is advanced before it is measured.</summary>
    public const double WarmUpHours = 24;

    /// <summary>The run seed.</summary>
    public const ulong Seed = 1;

    /// <summary>Minimum wall time of JIT warm-up runs in [GlobalSetup].</summary>
    public const int JitWarmUpMilliseconds = 1000;

    private Scenario _scenario = null!;
    private Simulation _warm = null!;

    /// <summary>Residents (approximately: zones round their scaled counts): 10⁴, 10⁵, 10⁶.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Residents { get; set; }

    /// <summary>Governance arm (see <see cref="BenchScenarios.ArmOverrides"/>).</summary>
    [Params("single-government", "co-gov-platform")]
    public string Governance { get; set; } = "single-government";

    /// <summary>Loads the scenario and warms the JIT up (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenario = BenchScenarios.Load(BenchScenarios.ScaleFor(Residents), Governance);
        BenchScenarios.WarmUpJit(_scenario, Seed, JitWarmUpMilliseconds, minRuns: 1);
    }

    /// <summary>Construction only: residents, units, routes, beliefs, rings.</summary>
    [Benchmark]
    public Simulation Construct() => new(_scenario, Seed);

    /// <summary>A whole 72 h run, construction included.</summary>
    [Benchmark]
    public RunMetrics WholeRun() => new Simulation(_scenario, Seed).Run();

    /// <summary>Before each steady-state iteration: a fresh run advanced 24 simulated hours (not measured).</summary>
    [IterationSetup(Target = nameof(SteadyStateTick))]
    public void AdvanceToSteadyState() => _warm = BenchScenarios.AdvancedBy(_scenario, Seed, WarmUpHours);

    /// <summary><see cref="TicksMeasured"/> ticks from hour 24; Mean and Allocated are per tick.</summary>
    [Benchmark(OperationsPerInvoke = TicksMeasured)]
    public int SteadyStateTick() => BenchScenarios.Step(_warm, TicksMeasured);
}
