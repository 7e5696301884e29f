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
        try
        {
            var scenario = ScenarioLoader.Load(scenarioText, scenarioSource, [.. fixedOverrides, .. run.Point.Overrides]).Scenario;
            var sim = new Simulation(scenario, run.Seed);
            var ticks = new List<TickRecord>(ticksEvery > 0 ? (sim.TickCount / ticksEvery) + 1 : 0);
            while (!sim.Done)
            {
                sim.Step();
                if (ticksEvery > 0 && (sim.Tick % ticksEvery == 0 || sim.Done))
                {
                    ticks.Add(sim.Current);
                }
            }

            return new RunOutcome(run, sim.Finish(), ticks, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new RunOutcome(run, null, [], OneLine($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
