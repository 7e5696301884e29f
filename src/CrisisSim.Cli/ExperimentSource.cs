using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli;

/// <summary>An experiment ready to run: the spec, its scenario text, its points and runs, and a hash identifying the design.</summary>
/// <param name="Spec">The experiment.</param>
/// <param name="Text">The experiment file's text.</param>
/// <param name="ScenarioText">The scenario's text.</param>
/// <param name="ScenarioSource">The scenario's source name.</param>
/// <param name="ScenarioHash">Hash of the effective base scenario (after fixed overrides).</param>
/// <param name="DesignHash">Hash of experiment and scenario: a resume or merge must match it.</param>
/// <param name="Points">The design points (computed when read; see <see cref="DesignBuilder.Build"/>).</param>
/// <param name="Runs">Every run, in run_id order (replicate-major: any prefix covers every point); computed when read, never stored.</param>
public sealed record LoadedExperiment(
    ExperimentSpec Spec, string Text, string ScenarioText, string ScenarioSource, string ScenarioHash, string DesignHash,
    IReadOnlyList<DesignPoint> Points, IReadOnlyList<RunSpec> Runs)
{
    /// <summary>The number of design points.</summary>
    public long PointCount => Points.Count;

    /// <summary>The number of runs (points × replicates), checked against the limits before anything was expanded.</summary>
    public long RunCount => Runs.Count;

    /// <summary>Fixed overrides as PATH=VALUE.</summary>
    public IReadOnlyList<string> FixedOverrides => [.. Spec.Fixed.Select(a => $"{a.Key}={a.Value}")];

    /// <summary>The factor columns of runs.csv: "arm" when the design has arms, then each factor path.</summary>
    public IReadOnlyList<string> FactorColumns =>
        [.. (Spec.Design.Arms.Count > 0 ? new[] { "arm" } : []), .. Spec.Design.Factors.Select(f => f.Path)];

    /// <summary>The factor values of a point, in <see cref="FactorColumns"/> order.</summary>
    public IReadOnlyList<string> FactorValues(DesignPoint p) =>
        [.. (Spec.Design.Arms.Count > 0 ? new[] { p.Arm } : []), .. p.Values];
}

/// <summary>Loads experiment files (from disk, or as text) and expands their design.</summary>
public static class ExperimentSource
{
    /// <summary>Reads, parses and checks <paramref name="path"/>; expands its design.</summary>
    public static LoadedExperiment Load(string path, bool allowLarge) =>
        FromText(ScenarioSource.ReadFile(path), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", allowLarge);

    /// <summary>Parses and checks experiment <paramref name="text"/>; a relative scenario path is resolved against <paramref name="baseDir"/>.</summary>
    public static LoadedExperiment FromText(string text, string source, string baseDir, bool allowLarge)
    {
        var spec = ExperimentLoader.Parse(text, source);
        ExperimentLoader.CheckSize(spec, allowLarge); // from counts, before the scenario is read or any point expanded
        string scenarioText;
        string scenarioSource;
        if (spec.Scenario is "built-in" or "")
        {
            scenarioText = ScenarioSource.BuiltInText();
            scenarioSource = ScenarioSource.BuiltInName;
        }
        else
        {
            string scenarioPath = Path.IsPathRooted(spec.Scenario) ? spec.Scenario : Path.Combine(baseDir, spec.Scenario);
            try
            {
                scenarioText = ScenarioSource.ReadFile(scenarioPath);
            }
            catch (CliException ex)
            {
                var at = spec.ScenarioPosition == default ? new SourcePosition(source, 1, 1) : spec.ScenarioPosition;
                throw new ScenarioException(new ScenarioError(at, "scenario", ex.Message));
            }

            scenarioSource = spec.Scenario;
        }

        ExperimentLoader.Check(spec, scenarioText, scenarioSource, allowLarge);
        var baseScenario = ScenarioLoader.Load(scenarioText, scenarioSource, spec.Fixed.Select(a => $"{a.Key}={a.Value}"));
        var points = DesignBuilder.Build(spec);
        var runs = new DesignBuilder.RunList(points, spec.Replicates, spec.MasterSeed);

        var tree = YamlTreeReader.Read(text, source)!;
        string designHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ScenarioLoader.Hash(tree) + "|" + baseScenario.Hash)))[..16];
        return new LoadedExperiment(spec, text, scenarioText, scenarioSource, baseScenario.Hash, designHash, points, runs);
    }
}
