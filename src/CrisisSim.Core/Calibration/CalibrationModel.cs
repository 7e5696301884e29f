using System.Collections.Concurrent;
using System.Globalization;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// The simulation as an <see cref="AbcRejection.Model"/>: one run of the scenario with the fixed overrides and a
/// draw's values, at a seed, read out as the targets' runs.csv metrics. A draw's scenario is parsed once for its
/// replicates (a few are kept), and each thread hands its finished run's arrays to its next run, as a sweep does;
/// neither changes a result.
/// </summary>
public sealed class CalibrationModel : IDisposable
{
    private const int MaxCachedScenarios = 64;

    private readonly string _scenarioText;
    private readonly string _scenarioSource;
    private readonly IReadOnlyList<string> _fixed;
    private readonly (string Name, Func<RunMetrics, double> Value)[] _metrics;
    private readonly ConcurrentDictionary<string, Scenario> _scenarios = new(StringComparer.Ordinal);
    private readonly ThreadLocal<Simulation?> _finished = new();

    /// <summary>A model of <paramref name="scenarioText"/> with <paramref name="fixedOverrides"/>, reporting <paramref name="metrics"/>.</summary>
    public CalibrationModel(string scenarioText, string scenarioSource, IReadOnlyList<string> fixedOverrides, IEnumerable<string> metrics)
    {
        _scenarioText = scenarioText;
        _scenarioSource = scenarioSource;
        _fixed = fixedOverrides;
        _metrics = [.. metrics.Distinct().Select(m => RunMetrics.Columns.First(c => c.Name == m))];
    }

    /// <summary>The override a draw's value becomes (the shortest text that round-trips).</summary>
    public static string Override(string path, double value) => path + "=" + value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Runs the scenario with <paramref name="overrides"/> at <paramref name="seed"/>.</summary>
    public IReadOnlyDictionary<string, double> Run(IReadOnlyList<KeyValuePair<string, double>> overrides, ulong seed)
    {
        var scenario = ScenarioFor([.. overrides.Select(o => Override(o.Key, o.Value))]);
        var sim = new Simulation(scenario, seed, trace: null, recycle: _finished.Value);
        _finished.Value = null; // its arrays now belong to sim
        while (!sim.Done)
        {
            sim.Step();
        }

        var metrics = sim.Finish();
        _finished.Value = sim;
        return _metrics.ToDictionary(m => m.Name, m => m.Value(metrics), StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose() => _finished.Dispose();

    private Scenario ScenarioFor(string[] overrides)
    {
        string key = string.Join('\n', overrides);
        if (_scenarios.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Two threads may parse the same set at once; both results are equal, and either may be kept.
        var scenario = ScenarioLoader.Load(_scenarioText, _scenarioSource, [.. _fixed, .. overrides]).Scenario;
        if (_scenarios.Count >= MaxCachedScenarios)
        {
            _scenarios.Clear();
        }

        _scenarios.TryAdd(key, scenario);
        return scenario;
    }
}
