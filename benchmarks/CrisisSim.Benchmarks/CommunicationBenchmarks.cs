using BenchmarkDotNet.Attributes;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Benchmarks;

/// <summary>
/// The communication rules under load: the steady-state tick (ticks 144–287, reported per tick) of the built-in scenario at
/// population.scale 10 (461,000 residents, 8,910 units; command and reading capacities ×10), seed 1, in every
/// governance arm: single government; co-governance with the hierarchical, liaison and platform rules; and the
/// platform with hub filtering (communication.platform.hub_filtering=true); and the cluster rule.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class CommunicationBenchmarks
{
    /// <summary>population.scale of every case.</summary>
    public const double Scale = 10;

    /// <summary>Ticks measured per invocation (simulated hours 24–48, ticks 144–287).</summary>
    public const int TicksMeasured = 144;

    /// <summary>The run seed.</summary>
    public const ulong Seed = 1;

    private Scenario _scenario = null!;
    private Simulation _warm = null!;

    /// <summary>Governance arm (see <see cref="BenchScenarios.ArmOverrides"/>).</summary>
    [Params("single-government", "co-gov-hierarchical", "co-gov-liaison", "co-gov-platform", "co-gov-platform-hub", "co-gov-cluster")]
    public string Governance { get; set; } = "single-government";

    /// <summary>Loads the scenario and warms the JIT up (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenario = BenchScenarios.Load(Scale, Governance);
        BenchScenarios.WarmUpJit(_scenario, Seed, 1000, minRuns: 1);
    }

    /// <summary>Before each iteration: a fresh run advanced 24 simulated hours (not measured).</summary>
    [IterationSetup]
    public void AdvanceToSteadyState() => _warm = BenchScenarios.AdvancedBy(_scenario, Seed, 24);

    /// <summary><see cref="TicksMeasured"/> ticks from hour 24; Mean and Allocated are per tick.</summary>
    [Benchmark(OperationsPerInvoke = TicksMeasured)]
    public int SteadyStateTick() => BenchScenarios.Step(_warm, TicksMeasured);
}
