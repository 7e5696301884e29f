using System.Globalization;
using CrisisSim.Core.Calibration;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli.Commands.Calibration;

/// <summary>A calibration file read, parsed and checked against its scenario (the I/O; <see cref="CalibrationLoader"/> in Core checks).</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Text">Its text.</param>
/// <param name="Spec">The parsed calibration.</param>
/// <param name="ScenarioText">The scenario's text.</param>
/// <param name="ScenarioSource">The scenario's source name.</param>
/// <param name="ScenarioHash">Hash of the base scenario after the fixed overrides.</param>
internal sealed record LoadedCalibration(string Path, string Text, CalibrationSpec Spec, string ScenarioText, string ScenarioSource, string ScenarioHash)
{
    /// <summary>Reads <paramref name="path"/>, parses it and checks every prior and fixed value against the scenario.</summary>
    public static LoadedCalibration Load(string path) => FromText(Cli.ScenarioSource.ReadFile(path), path);

    /// <summary>Parses and checks calibration <paramref name="text"/> read from <paramref name="path"/>.</summary>
    public static LoadedCalibration FromText(string text, string path)
    {
        var spec = CalibrationLoader.Parse(text, path);
        string baseDir = ExperimentSource.BaseDirOf(path);
        var (scenarioText, scenarioSource) = ExperimentSource.ReadScenario(spec.Scenario, spec.ScenarioPosition, path, baseDir);
        CalibrationLoader.Check(spec, scenarioText, scenarioSource);
        string hash = ScenarioLoader.Load(scenarioText, scenarioSource, spec.FixedOverrides).Hash;
        return new LoadedCalibration(path, text, spec, scenarioText, scenarioSource, hash);
    }

    /// <summary>The one-line description validate and --dry-run print.</summary>
    public string Describe()
    {
        int fit = Spec.Targets.Count(t => t.Use == TargetUse.Fit);
        return string.Create(CultureInfo.InvariantCulture,
            $"experiment '{Spec.Name}', calibration (ABC rejection): {Spec.Draws} draws × {Spec.Replicates} replicates = {Spec.Runs} runs on {ScenarioSource} ({Spec.Priors.Count} priors, {fit} fit and {Spec.Targets.Count - fit} held-out targets)");
    }

    /// <summary>The files the calibration reads: never replaced by --force.</summary>
    public IReadOnlyList<string> Inputs =>
        [.. new[] { Path, ExperimentSource.Resolve(ExperimentSource.BaseDirOf(Path), ScenarioSource) }.Where(p => !ShippedFiles.IsShipped(p))];
}
