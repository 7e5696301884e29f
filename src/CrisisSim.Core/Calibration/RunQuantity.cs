using CrisisSim.Core.Metrics;

namespace CrisisSim.Core.Calibration;

/// <summary>Where a quantity a calibration target can measure comes from.</summary>
public enum QuantityKind
{
    /// <summary>A runs.csv metric: its value at the end of the run.</summary>
    RunMetric,

    /// <summary>A ticks.csv column at an hour (<c>at_h</c>).</summary>
    TickColumn,

    /// <summary>Computed from a run's metrics and its ticks for a target of validation.md §3.</summary>
    Derived,
}

/// <summary>
/// One quantity of a run a calibration target can measure: its name (a target's <c>quantity:</c>), unit, meaning,
/// whether it is read at an hour (<c>at_h</c>, required then and refused otherwise), whether it needs the run's
/// ticks, and the function that computes it from the run's metrics, its ticks (every tick, in order, when it needs
/// them) and the hour (NaN when it takes none).
/// </summary>
/// <param name="Name">The name a target's <c>quantity:</c> gives.</param>
/// <param name="Kind">A runs.csv metric, a ticks.csv column or a derived quantity.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Description">What it measures, as docs/experiments.md §8 lists it.</param>
/// <param name="NeedsHour">Whether a target must give <c>at_h</c> (and may not otherwise).</param>
/// <param name="NeedsTicks">Whether it reads the run's ticks, so the runs must record every tick.</param>
/// <param name="Of">The value for one run: (metrics, ticks, hour).</param>
public sealed record RunQuantity(
    string Name, QuantityKind Kind, string Unit, string Description, bool NeedsHour, bool NeedsTicks,
    Func<RunMetrics, IReadOnlyList<TickRecord>, double, double> Of);
