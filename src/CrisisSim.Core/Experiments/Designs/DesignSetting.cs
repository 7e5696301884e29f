using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// A whole-number key of the design section read by one or more design types (samples, trajectories, levels).
/// Types that share a key declare it alike (same range); the first declaration in the catalog checks it when
/// another type is chosen.
/// </summary>
/// <param name="Key">The key in the design section.</param>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
/// <param name="Default">The value when the key is absent (a required key has none: its absence is an error).</param>
/// <param name="Required">Whether a design of the declaring type must give it.</param>
public sealed record DesignSetting(string Key, long Min, long Max, long Default, bool Required = false);

/// <summary>The settings of one design section, read and range-checked, for <see cref="IDesignType.Configure"/>.</summary>
public sealed class DesignSettings
{
    private readonly Dictionary<string, int> _values;
    private readonly Dictionary<string, SourcePosition> _positions;

    internal DesignSettings(Dictionary<string, int> values, Dictionary<string, SourcePosition> positions)
    {
        _values = values;
        _positions = positions;
    }

    /// <summary>The value given for <paramref name="setting"/>; its default when absent or refused (an error is reported then).</summary>
    public int this[DesignSetting setting] => _values.TryGetValue(setting.Key, out int v) ? v : (int)setting.Default;

    /// <summary>Where <paramref name="setting"/> is written; null when it is absent.</summary>
    public SourcePosition? PositionOf(DesignSetting setting) => _positions.TryGetValue(setting.Key, out var at) ? at : null;
}
