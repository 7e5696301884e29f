using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Calibration;

/// <summary>A calibration file: the scenario, the fixed values, the priors to draw from and the targets to match.</summary>
/// <param name="Name">The calibration's name.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Scenario">"built-in" or a scenario file, relative to the calibration file.</param>
/// <param name="MasterSeed">The seed every draw and run derives from.</param>
/// <param name="Draws">Parameter sets drawn from the priors.</param>
/// <param name="Replicates">Runs per parameter set.</param>
/// <param name="Fixed">Overrides applied to every run (normalised path, YAML value).</param>
/// <param name="FixedPositions">Where each fixed override is written (parallel to <paramref name="Fixed"/>).</param>
/// <param name="Priors">The priors, in file order (the draws.csv columns after draw).</param>
/// <param name="Targets">The targets, in file order (the draws.csv columns after the priors).</param>
/// <param name="Source">The file's name, for messages.</param>
/// <param name="ScenarioPosition">Where the scenario is named.</param>
public sealed record CalibrationSpec(
    string Name, string Description, string Scenario, ulong MasterSeed, int Draws, int Replicates,
    IReadOnlyList<KeyValuePair<string, string>> Fixed, IReadOnlyList<SourcePosition> FixedPositions,
    IReadOnlyList<Prior> Priors, IReadOnlyList<Target> Targets, string Source, SourcePosition ScenarioPosition)
{
    /// <summary>Runs the calibration makes: draws × replicates.</summary>
    public long Runs => (long)Draws * Replicates;

    /// <summary>Fixed overrides as PATH=VALUE.</summary>
    public IReadOnlyList<string> FixedOverrides => [.. Fixed.Select(a => $"{a.Key}={a.Value}")];
}
