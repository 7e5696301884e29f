using System.Collections.Concurrent;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Executes the runs of one sweep, from any number of worker threads. Two savings make a sweep's workers independent
/// of the garbage collector, whose collections pause every worker at once (docs/performance.md, "Sweeps"):
/// <list type="bullet">
/// <item>each design point's scenario is parsed and validated once, not once per replicate (up to
/// <see cref="MaxCachedPoints"/> points; beyond that each run loads its own);</item>
/// <item>each worker thread hands its finished run to its next run, which resets and reuses its large arrays (residents,
/// inboxes and claims, message rings, the platform log) instead of allocating new ones.</item>
/// </list>
/// Neither changes a result: a run depends only on its scenario and seed (EquivalenceTests, DeterminismTests).
/// </summary>
public sealed class RunExecutor : IDisposable
{
    /// <summary>Most design points whose parsed scenario is kept.</summary>
    public const int MaxCachedPoints = 4096;

    private readonly string _scenarioText;
    private readonly string _scenarioSource;
    private readonly IReadOnlyList<string> _fixedOverrides;
    private readonly int _ticksEvery;
    private readonly ConcurrentDictionary<int, Scenario> _scenarios = new();
    private readonly ThreadLocal<Simulation?> _finished = new();

    /// <summary>Creates an executor for runs of <paramref name="scenarioText"/>.</summary>
    /// <param name="scenarioText">Scenario text.</param>
    /// <param name="scenarioSource">Scenario source name.</param>
    /// <param name="fixedOverrides">Overrides applied to every run.</param>
    /// <param name="ticksEvery">Record every K-th tick (0: none).</param>
    public RunExecutor(string scenarioText, string scenarioSource, IReadOnlyList<string> fixedOverrides, int ticksEvery)
    {
        _scenarioText = scenarioText;
        _scenarioSource = scenarioSource;
        _fixedOverrides = fixedOverrides;
        _ticksEvery = ticksEvery;
    }

    /// <summary>Runs <paramref name="run"/>; an exception in the model becomes a failed outcome, never a crash of the sweep.</summary>
    public RunOutcome Execute(RunSpec run)
    {
        try
        {
            var scenario = ScenarioFor(run.Point);
            var sim = new Simulation(scenario, run.Seed, trace: null, recycle: _finished.Value);
            _finished.Value = null; // its arrays now belong to sim
            var ticks = new List<TickRecord>(_ticksEvery > 0 ? (sim.TickCount / _ticksEvery) + 1 : 0);
            while (!sim.Done)
            {
                sim.Step();
                if (TickSeries.IsRecorded(sim.Tick, sim.TickCount, _ticksEvery))
                {
                    ticks.Add(sim.Current);
                }
            }

            var outcome = new RunOutcome(run, sim.Finish(), ticks, null);
            _finished.Value = sim;
            return outcome;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new RunOutcome(run, null, [], OneLine($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>Ticks a run of <paramref name="point"/> lasts (its scenario is parsed once and cached, as for a run).</summary>
    public int TickCountOf(DesignPoint point) => TickSeries.TickCount(ScenarioFor(point));

    /// <summary>
    /// Ticks of each run, for checking tick series: a scenario is parsed only for each distinct setting of the
    /// time.* parameters (the only ones a run's length depends on), not for every design point. Not thread-safe.
    /// </summary>
    public Func<RunSpec, int> TickCounts()
    {
        var cache = new Dictionary<string, int>(StringComparer.Ordinal);
        return run =>
        {
            string key = string.Join('\n', run.Point.Overrides.Where(x => x.TrimStart().StartsWith("time.", StringComparison.Ordinal)));
            if (!cache.TryGetValue(key, out int n))
            {
                cache[key] = n = TickCountOf(run.Point);
            }

            return n;
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _finished.Dispose();

    private Scenario ScenarioFor(DesignPoint point)
    {
        if (_scenarios.TryGetValue(point.PointId, out var cached))
        {
            return cached;
        }

        // Two workers may parse the same point at once; both results are equal, and either may be kept.
        var scenario = ScenarioLoader.Load(_scenarioText, _scenarioSource, [.. _fixedOverrides, .. point.Overrides]).Scenario;
        if (_scenarios.Count < MaxCachedPoints)
        {
            _scenarios.TryAdd(point.PointId, scenario);
        }

        return scenario;
    }

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
