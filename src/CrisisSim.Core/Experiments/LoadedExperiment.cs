using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

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
    /// <summary>What the base scenario (after the fixed overrides) can never do; see <see cref="ScenarioWarnings"/>.</summary>
    public IReadOnlyList<ScenarioWarning> Warnings { get; init; } = [];

    /// <summary>The number of design points.</summary>
    public long PointCount => Points.Count;

    /// <summary>The number of runs (points × replicates), checked against the limits before anything was expanded.</summary>
    public long RunCount => Runs.Count;

    /// <summary>Fixed overrides as PATH=VALUE.</summary>
    public IReadOnlyList<string> FixedOverrides => [.. Spec.Fixed.Select(a => $"{a.Key}={a.Value}")];

    /// <summary>The factor columns of runs.csv: "arm" when the design has arms, then each factor path, then posterior_draw when it runs over a posterior.</summary>
    public IReadOnlyList<string> FactorColumns =>
        [.. (Spec.Design.Arms.Count > 0 ? new[] { "arm" } : []), .. Spec.Design.Factors.Select(f => f.Path), .. (Spec.Posterior is null ? [] : new[] { PosteriorSpec.Column })];

    /// <summary>The factor values of a point, in <see cref="FactorColumns"/> order.</summary>
    public IReadOnlyList<string> FactorValues(DesignPoint p) =>
        [.. (Spec.Design.Arms.Count > 0 ? new[] { p.Arm } : []), .. p.Values];
}

/// <summary>
/// Expands a parsed experiment into what a sweep runs: its checks against the scenario, the design points,
/// the run list with every run's seed (derived before dispatch from the master seed and the replicate), and
/// the design hash that a resume or merge must match. No I/O: the CLI reads the files and hands over the text.
/// </summary>
public static class ExperimentPlan
{
    /// <summary>Checks <paramref name="spec"/> (parsed from <paramref name="text"/>) against its scenario and expands it.</summary>
    public static LoadedExperiment Build(ExperimentSpec spec, string text, string source, string scenarioText, string scenarioSource, bool allowLarge)
    {
        ExperimentLoader.Check(spec, scenarioText, scenarioSource, allowLarge);
        var baseScenario = ScenarioLoader.Load(scenarioText, scenarioSource, spec.Fixed.Select(a => $"{a.Key}={a.Value}"));
        var points = DesignBuilder.Build(spec);
        var runs = new DesignBuilder.RunList(points, spec.Replicates, spec.MasterSeed);

        var tree = YamlTreeReader.Read(text, source)!;
        // A posterior's sets are part of the design: a resume or merge must find the same ones.
        string posterior = spec.Posterior?.Sample is { } sample ? "|" + sample.Hash() : "";
        string designHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ScenarioLoader.Hash(tree) + "|" + baseScenario.Hash + posterior)))[..16];
        return new LoadedExperiment(spec, text, scenarioText, scenarioSource, baseScenario.Hash, designHash, points, runs) { Warnings = AtFixedLines(spec, baseScenario.Warnings) };
    }

    /// <summary>The base scenario's warnings, one that a fixed value caused placed at that value's line in the experiment file (not at a --set).</summary>
    private static IReadOnlyList<ScenarioWarning> AtFixedLines(ExperimentSpec spec, IReadOnlyList<ScenarioWarning> warnings)
    {
        var at = new Dictionary<string, SourcePosition>();
        for (int i = 0; i < spec.Fixed.Count && spec.FixedPositions is { } positions; i++)
        {
            at.TryAdd($"--set {spec.Fixed[i].Key}={spec.Fixed[i].Value}", positions[i]);
        }

        return [.. warnings.Select(w => at.TryGetValue(w.Position.Source, out var p) && w.Position.Line == 0 ? w with { Position = p } : w)];
    }
}
