using System.Collections.Concurrent;
using System.Globalization;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// The simulation as an <see cref="AbcRejection.Model"/>: one run of the scenario with the fixed overrides and a
/// draw's values, at a seed, read out as each target's quantity (<see cref="RunQuantities"/>) by target id. Runs go
/// through the sweep's <see cref="RunExecutor"/>, so a draw's scenario is parsed once for its replicates and each
/// thread hands its finished run's arrays to its next run; neither changes a result. The runs record every tick
/// only when some target's quantity reads ticks (recording changes no result, only the cost).
/// </summary>
public sealed class CalibrationModel : IDisposable
{
    private readonly RunExecutor _executor;
    private readonly (string Id, RunQuantity Quantity, double Hour)[] _targets;
    private readonly ConcurrentDictionary<string, int> _pointIds = new(StringComparer.Ordinal);
    private int _nextPointId = -1;

    /// <summary>A model of <paramref name="scenarioText"/> with <paramref name="fixedOverrides"/>, reporting the quantity of each of <paramref name="targets"/> by its id.</summary>
    public CalibrationModel(string scenarioText, string scenarioSource, IReadOnlyList<string> fixedOverrides, IEnumerable<Target> targets)
    {
        _targets = [.. targets.Select(t => (t.Id, RunQuantities.Find(t.Quantity, t.AtH is not null) ?? throw new ArgumentException($"'{t.Quantity}' is not a quantity", nameof(targets)), t.AtH ?? double.NaN))];
        _executor = new RunExecutor(scenarioText, scenarioSource, fixedOverrides, ticksEvery: RecordsTicks ? 1 : 0);
    }

    /// <summary>Whether the runs record every tick: some target's quantity reads them.</summary>
    public bool RecordsTicks => _targets.Any(t => t.Quantity.NeedsTicks);

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
        return _targets.ToDictionary(t => t.Id, t => t.Quantity.Of(metrics, outcome.Ticks, t.Hour), StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose() => _executor.Dispose();
}
