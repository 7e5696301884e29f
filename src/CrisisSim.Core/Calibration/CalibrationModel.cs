using System.Collections.Concurrent;
using System.Globalization;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// The simulation as an <see cref="AbcRejection.Model"/>: one run of the scenario with the fixed overrides and a
/// draw's values, at a seed, read out as the targets' runs.csv metrics. Runs go through the sweep's
/// <see cref="RunExecutor"/>, so a draw's scenario is parsed once for its replicates and each thread hands its
/// finished run's arrays to its next run; neither changes a result.
/// </summary>
public sealed class CalibrationModel : IDisposable
{
    private readonly RunExecutor _executor;
    private readonly (string Name, Func<RunMetrics, double> Value)[] _metrics;
    private readonly ConcurrentDictionary<string, int> _pointIds = new(StringComparer.Ordinal);
    private int _nextPointId = -1;

    /// <summary>A model of <paramref name="scenarioText"/> with <paramref name="fixedOverrides"/>, reporting <paramref name="metrics"/>.</summary>
    public CalibrationModel(string scenarioText, string scenarioSource, IReadOnlyList<string> fixedOverrides, IEnumerable<string> metrics)
    {
        _executor = new RunExecutor(scenarioText, scenarioSource, fixedOverrides, ticksEvery: 0);
        _metrics = [.. metrics.Distinct().Select(m => RunMetrics.Columns.First(c => c.Name == m))];
    }

    /// <summary>The override a draw's value becomes (the shortest text that round-trips).</summary>
    public static string Override(string path, double value) => path + "=" + value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Runs the scenario with <paramref name="overrides"/> at <paramref name="seed"/>; a failed run throws.</summary>
    public IReadOnlyDictionary<string, double> Run(IReadOnlyList<KeyValuePair<string, double>> overrides, ulong seed)
    {
        string[] texts = [.. overrides.Select(o => Override(o.Key, o.Value))];
        // One point per distinct set of values, so the executor parses a draw's scenario once for all its replicates.
        // Ids come from a counter, never from the dictionary's size: two new sets added at once must not share an id.
        int id = _pointIds.GetOrAdd(string.Join('\n', texts), _ => Interlocked.Increment(ref _nextPointId));
        var outcome = _executor.Execute(new RunSpec(0, new DesignPoint(id, "", [], texts), 0, seed));
        var metrics = outcome.Metrics ?? throw new InvalidOperationException(outcome.Error);
        return _metrics.ToDictionary(m => m.Name, m => m.Value(metrics), StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose() => _executor.Dispose();
}
