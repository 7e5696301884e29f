using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>A factor: a dotted scenario path and its levels on a grid (a list, or a range with a step) or its range to sample.</summary>
/// <param name="Path">Dotted scenario path, as for --set, in its normal form (<see cref="Scenarios.ParameterPath"/>): the runs.csv column.</param>
/// <param name="Levels">Explicit levels as YAML text, or null for a range.</param>
/// <param name="Min">Lower end of the range.</param>
/// <param name="Max">Upper end of the range.</param>
/// <param name="Step">Step of a range on a grid, or 0 for a range to sample.</param>
/// <param name="WholeNumbers">Whether the scenario value is a whole number (sampled values are rounded).</param>
/// <param name="Position">Where the factor is declared.</param>
public sealed record Factor(string Path, IReadOnlyList<string>? Levels, double Min, double Max, double Step, bool WholeNumbers, SourcePosition Position);

/// <summary>A named bundle of overrides (an arm of the comparison), crossed with every combination of the factors.</summary>
/// <param name="Name">The arm's name (the value of the <c>arm</c> column).</param>
/// <param name="Assignments">Overrides that define the arm.</param>
/// <param name="Position">Where the arm is declared.</param>
/// <param name="AssignmentPositions">Where each assignment is written (parallel to <paramref name="Assignments"/>; null when not from a file).</param>
public sealed record Arm(string Name, IReadOnlyList<KeyValuePair<string, string>> Assignments, SourcePosition Position, IReadOnlyList<SourcePosition>? AssignmentPositions = null);

/// <summary>The design section of an experiment file.</summary>
/// <param name="Type">The design's type with its settings (samples, trajectories, …), which decides its points.</param>
/// <param name="Factors">Factors, in file order (the runs.csv columns after arm).</param>
/// <param name="Arms">Arms, in file order (only for a type that <see cref="IDesignType.CrossesArms"/>).</param>
public sealed record DesignSpec(IDesignType Type, IReadOnlyList<Factor> Factors, IReadOnlyList<Arm> Arms)
{
    /// <summary>The type's name as the file writes it (<c>design.kind</c>; also sweep.json's <c>design_kind</c>).</summary>
    public string Kind => Type.Name;
}

/// <summary>An experiment: a scenario, a master seed, replicates and a design.</summary>
/// <param name="Name">Name of the experiment.</param>
/// <param name="Description">Free text.</param>
/// <param name="Scenario">"built-in" or a scenario file path (relative paths are relative to the experiment file).</param>
/// <param name="MasterSeed">Seed from which every replicate seed derives.</param>
/// <param name="Replicates">Replicates per design point (common random numbers: replicate r has the same seed at every point).</param>
/// <param name="Fixed">Overrides applied to every run.</param>
/// <param name="Design">The design.</param>
/// <param name="Source">Where the experiment came from.</param>
/// <param name="Compare">How the sweep's closing comparison groups and stratifies the runs (null: by arm, or the first factor).</param>
/// <param name="ScenarioPosition">Where the scenario key is written (default when not given).</param>
/// <param name="FixedPositions">Where each fixed override is written (parallel to <paramref name="Fixed"/>; null when not from a file).</param>
/// <param name="Posterior">The calibration whose accepted parameter sets every point is run at (null: none).</param>
public sealed record ExperimentSpec(
    string Name,
    string Description,
    string Scenario,
    ulong MasterSeed,
    int Replicates,
    IReadOnlyList<KeyValuePair<string, string>> Fixed,
    DesignSpec Design,
    string Source,
    CompareSpec? Compare = null,
    SourcePosition ScenarioPosition = default,
    IReadOnlyList<SourcePosition>? FixedPositions = null,
    PosteriorSpec? Posterior = null)
{
    /// <summary>Parameter sets each design point runs at: the posterior's, or 1.</summary>
    public int ParameterSets => Posterior?.Sample?.Sets.Count ?? 1;
}

/// <summary>
/// The closing comparison an experiment asks for: groups by <paramref name="By"/> compared with <paramref name="Baseline"/>,
/// separately within each combination of the <paramref name="Within"/> factors (strata, e.g. demand levels).
/// </summary>
/// <param name="By">Columns defining the groups ("arm" or factor paths).</param>
/// <param name="Within">Factor columns whose levels are compared separately (empty: none).</param>
/// <param name="Baseline">The baseline group (null: the first).</param>
/// <param name="Metrics">Metrics to compare (empty: the headline metrics).</param>
/// <param name="Position">Where the section is written.</param>
/// <param name="Interaction">A 2x2 of arms to decompose into the two effects and their interaction (null: none).</param>
public sealed record CompareSpec(IReadOnlyList<string> By, IReadOnlyList<string> Within, string? Baseline, IReadOnlyList<string> Metrics, SourcePosition Position, Analysis.InteractionSpec? Interaction = null);
