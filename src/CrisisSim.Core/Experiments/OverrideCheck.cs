using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Loads the scenario with overrides and reports each problem at the line of the file (an experiment or a calibration)
/// that causes it: an error at one of the overrides being tried at that override's line; any other (a scenario
/// cross-check the overrides broke) at the entry being checked.
/// </summary>
internal sealed class OverrideCheck(IReadOnlyList<KeyValuePair<string, string>> fixedValues, IReadOnlyList<SourcePosition>? fixedPositions, string source, string scenarioText, string scenarioSource)
{
    private readonly List<ScenarioError> _errors = [];

    /// <summary>An override the check applies, with where it is written in the file and its key path there.</summary>
    public sealed record Source(string Assignment, SourcePosition At, string Path);

    /// <summary>The fixed overrides, each with the line it is written at.</summary>
    public IReadOnlyList<Source> Fixed { get; } =
        [.. fixedValues.Select((a, i) => new Source($"{a.Key}={a.Value}", fixedPositions?[i] ?? new SourcePosition(source, 1, 1), "fixed." + a.Key))];

    /// <summary>The scenario on its own must load; its problems are reported at its own lines, after one at the file's scenario key.</summary>
    public static void RequireValidScenario(string scenarioText, string scenarioSource, SourcePosition scenarioPosition, string source)
    {
        try
        {
            ScenarioLoader.Load(scenarioText, scenarioSource);
        }
        catch (ScenarioException ex)
        {
            var at = scenarioPosition == default ? new SourcePosition(source, 1, 1) : scenarioPosition;
            throw new ScenarioException([new ScenarioError(at, "scenario", $"the scenario {scenarioSource} is invalid; its problems follow"), .. ex.Errors]);
        }
    }

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

    /// <summary>
    /// Tries parameter <paramref name="parameter"/> at each of <paramref name="values"/> (a factor's levels, a prior's
    /// ends), written at <paramref name="at"/> under <paramref name="path"/>; the same mistake at every value (say, a
    /// misspelt path) is reported once.
    /// </summary>
    public void Values(SourcePosition at, string path, string parameter, IEnumerable<string> values)
    {
        int before = _errors.Count;
        foreach (string value in values.Distinct())
        {
            Try(at, path, [new Source($"{parameter}={value}", at, path)]);
        }

        var distinct = _errors.Skip(before).DistinctBy(e => e.Message.Split(" (in scenario")[0].Replace(parameter, "", StringComparison.Ordinal)).ToList();
        _errors.RemoveRange(before, _errors.Count - before);
        _errors.AddRange(distinct);
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

        Values(f.Position, path, f.Path, design.Type.CheckedValues(f));
    }

    /// <summary>Records a problem found without loading (e.g. a parameter of the wrong type).</summary>
    public void Add(ScenarioError error) => _errors.Add(error);

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ScenarioException(_errors);
        }
    }
}
