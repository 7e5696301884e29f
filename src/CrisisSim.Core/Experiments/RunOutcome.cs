using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Experiments;

/// <summary>What one run of a sweep produced: metrics and recorded ticks, or the error that stopped it.</summary>
/// <param name="Run">The run.</param>
/// <param name="Metrics">Final metrics, or null when the run failed.</param>
/// <param name="Ticks">Recorded ticks (every K-th), empty when not recorded.</param>
/// <param name="Error">The error message of a failed run, or null.</param>
public sealed record RunOutcome(RunSpec Run, RunMetrics? Metrics, IReadOnlyList<TickRecord> Ticks, string? Error)
{
    /// <summary>Whether the run completed.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Executes one run of a sweep: the scenario with the fixed overrides and the point's overrides, at the run's seed.</summary>
public static class RunExecution
{
    /// <summary>Runs <paramref name="run"/>; an exception in the model becomes a failed outcome, never a crash of the sweep.</summary>
    /// <param name="run">The run.</param>
    /// <param name="scenarioText">Scenario text.</param>
    /// <param name="scenarioSource">Scenario source name.</param>
    /// <param name="fixedOverrides">Overrides applied to every run.</param>
    /// <param name="ticksEvery">Record every K-th tick (0: none).</param>
    public static RunOutcome Execute(RunSpec run, string scenarioText, string scenarioSource, IReadOnlyList<string> fixedOverrides, int ticksEvery)
    {
        using var executor = new RunExecutor(scenarioText, scenarioSource, fixedOverrides, ticksEvery);
        return executor.Execute(run);
    }
}
