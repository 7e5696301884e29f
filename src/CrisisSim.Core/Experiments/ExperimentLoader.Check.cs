using System.Globalization;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>The checks of a parsed experiment against its size limits and its scenario.</summary>
public static partial class ExperimentLoader
{
    /// <summary>
    /// Checks the experiment against the scenario text, cheapest first: the design's size (arithmetic, before
    /// anything is expanded or loaded; runs at most <see cref="MaxRuns"/>, or <see cref="MaxRunsAllowLarge"/> with
    /// <paramref name="allowLarge"/>); the scenario on its own (its problems reported at its own lines); then
    /// every fixed override, arm and factor level (ranges at both ends) must make a valid scenario, each
    /// problem reported at the line of the experiment that causes it.
    /// </summary>
    public static void Check(ExperimentSpec spec, string scenarioText, string scenarioSource, bool allowLarge)
    {
        CheckSize(spec, allowLarge);
        OverrideCheck.RequireValidScenario(scenarioText, scenarioSource, spec.ScenarioPosition, spec.Source);
        var check = new OverrideCheck(spec.Fixed, spec.FixedPositions, spec.Source, scenarioText, scenarioSource);
        check.Try(new SourcePosition(spec.Source, 1, 1), "fixed", check.Fixed, withFixed: false);
        check.ThrowIfAny(); // every fixed override is among the extras here, so each error is at its own line
        foreach (var arm in spec.Design.Arms)
        {
            string armPath = "design.arms." + arm.Name;
            check.Try(arm.Position, armPath, [.. arm.Assignments.Select((a, i) => new OverrideCheck.Source($"{a.Key}={a.Value}", arm.AssignmentPositions?[i] ?? arm.Position, armPath + "." + a.Key))]);
        }

        foreach (var f in spec.Design.Factors)
        {
            check.Factor(f, spec.Design);
        }

        CheckPosterior(spec, check);
        check.ThrowIfAny();
    }

    /// <summary>The posterior's sets against the experiment (no claim on a calibrated parameter) and the scenario (each set loads with the fixed values).</summary>
    private static void CheckPosterior(ExperimentSpec spec, OverrideCheck check)
    {
        if (spec.Posterior?.Sample is not { } sample)
        {
            return;
        }

        foreach (var e in ClaimsOnThePosterior(spec, sample))
        {
            check.Add(e);
        }

        for (int s = 0; s < sample.Sets.Count; s++)
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"over.posterior (draw {sample.Sets[s].Draw})");
            check.Try(spec.Posterior.Position, at, [.. sample.Overrides(s).Select(o => new OverrideCheck.Source(o, spec.Posterior.Position, at))]);
        }
    }

    /// <summary>
    /// Refuses a design too large to run, from counts alone (checked arithmetic; nothing is expanded and no scenario
    /// is loaded): more than <see cref="MaxRuns"/> runs (<see cref="MaxRunsAllowLarge"/> with <paramref name="allowLarge"/>),
    /// more than <see cref="DesignBuilder.MaxPoints"/> points, or a design that would hold more than
    /// <see cref="DesignBuilder.MaxSampledCells"/> values in memory (a sampled design's unit matrix).
    /// </summary>
    public static void CheckSize(ExperimentSpec spec, bool allowLarge)
    {
        var inv = CultureInfo.InvariantCulture;
        long points = DesignBuilder.CountPoints(spec.Design);
        points = points > long.MaxValue / spec.ParameterSets ? long.MaxValue : points * spec.ParameterSets;
        long runs = points > long.MaxValue / spec.Replicates ? long.MaxValue : points * spec.Replicates;
        long limit = allowLarge ? MaxRunsAllowLarge : MaxRuns;
        string Count(long n) => n == long.MaxValue ? "more than 9223372036854775807" : n.ToString(inv);
        var at = new SourcePosition(spec.Source, 1, 1);
        if (runs > limit || points > DesignBuilder.MaxPoints)
        {
            throw new ScenarioException(new ScenarioError(at, "design", string.Create(inv,
                $"the design has {Count(points)} points × {spec.Replicates} replicates = {Count(runs)} runs, more than the {limit} accepted {(allowLarge ? $"even with --allow-large (and at most {DesignBuilder.MaxPoints} points)" : "without --allow-large")}")));
        }

        long cells = spec.Design.Type.HeldValues(spec.Design, points);
        if (cells > DesignBuilder.MaxSampledCells)
        {
            throw new ScenarioException(new ScenarioError(at, "design", string.Create(inv,
                $"the {spec.Design.Kind} design has {points} points × {spec.Design.Factors.Count} factors = {cells} sampled values, more than the {DesignBuilder.MaxSampledCells} it may hold in memory")));
        }
    }
}
