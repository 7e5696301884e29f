using System.Globalization;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

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
        try
        {
            ScenarioLoader.Load(scenarioText, scenarioSource);
        }
        catch (ScenarioException ex)
        {
            var at = spec.ScenarioPosition == default ? new SourcePosition(spec.Source, 1, 1) : spec.ScenarioPosition;
            throw new ScenarioException([new ScenarioError(at, "scenario", $"the scenario {scenarioSource} is invalid; its problems follow"), .. ex.Errors]);
        }

        var check = new OverrideCheck(spec, scenarioText, scenarioSource);
        check.Try(new SourcePosition(spec.Source, 1, 1), "fixed", check.Fixed, withFixed: false);
        check.ThrowIfAny(); // every fixed override is among the extras here, so each error is at its own line
        foreach (var arm in spec.Design.Arms)
        {
            string armPath = "design.arms." + arm.Name;
            check.Try(arm.Position, armPath, [.. arm.Assignments.Select((a, i) => new Source($"{a.Key}={a.Value}", arm.AssignmentPositions?[i] ?? arm.Position, armPath + "." + a.Key))]);
        }

        foreach (var f in spec.Design.Factors)
        {
            check.Factor(f, spec.Design);
        }

        check.ThrowIfAny();
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

    /// <summary>An override the check applies, with where it is written in the experiment and its key path there.</summary>
    private sealed record Source(string Assignment, SourcePosition At, string Path);

    /// <summary>
    /// Loads the scenario with overrides and reports each problem at the experiment line that causes it: an error at
    /// one of the overrides being tried at that override's line; any other (a scenario cross-check the overrides
    /// broke) at the arm or factor being checked.
    /// </summary>
    private sealed class OverrideCheck(ExperimentSpec spec, string scenarioText, string scenarioSource)
    {
        private readonly List<ScenarioError> _errors = [];

        /// <summary>The fixed overrides, each with the line it is written at.</summary>
        public IReadOnlyList<Source> Fixed { get; } =
            [.. spec.Fixed.Select((a, i) => new Source($"{a.Key}={a.Value}", spec.FixedPositions?[i] ?? new SourcePosition(spec.Source, 1, 1), "fixed." + a.Key))];

        public void Try(SourcePosition at, string path, IReadOnlyList<Source> extra, bool withFixed = true)
        {
            try
            {
                ScenarioLoader.Load(scenarioText, scenarioSource, [.. (withFixed ? Fixed : []).Select(o => o.Assignment), .. extra.Select(o => o.Assignment)]);
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    var cause = extra.FirstOrDefault(o => e.Position == new SourcePosition("--set " + o.Assignment, 0, 0));
                    string where = $" (in scenario {scenarioSource}{(e.KeyPath.Length > 0 ? ", at " + e.KeyPath : "")})";
                    _errors.Add(cause is not null
                        ? new ScenarioError(cause.At, cause.Path, e.Message + where)
                        : new ScenarioError(at, path, e.Message + where));
                }
            }
        }

        /// <summary>Tries the values the design type names for the factor (<see cref="Designs.IDesignType.CheckedValues"/>).</summary>
        public void Factor(Factor f, DesignSpec design)
        {
            string path = "design.factors." + f.Path;
            if (SchemaCatalog.TypeAt(typeof(Scenario), f.Path) is { } t && f.Levels is null && !(t == typeof(double) || t == typeof(int) || t == typeof(long)))
            {
                _errors.Add(new ScenarioError(f.Position, path, $"'{f.Path}' is not a number, so it needs a list of levels, not a range"));
                return;
            }

            var levels = design.Type.CheckedValues(f);
            int before = _errors.Count;
            foreach (string level in levels.Distinct())
            {
                Try(f.Position, path, [new Source($"{f.Path}={level}", f.Position, path)]);
            }

            // The same mistake (say, a misspelt path) fails at every level: report it once.
            var distinct = _errors.Skip(before).DistinctBy(e => e.Message.Split(" (in scenario")[0].Replace(f.Path, "", StringComparison.Ordinal)).ToList();
            _errors.RemoveRange(before, _errors.Count - before);
            _errors.AddRange(distinct);
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
            {
                throw new ScenarioException(_errors);
            }
        }
    }
}
