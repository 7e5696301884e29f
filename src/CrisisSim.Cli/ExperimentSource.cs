using CrisisSim.Core.Calibration;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli;

/// <summary>Reads experiment files and their scenarios (the I/O); <see cref="ExperimentPlan"/> in Core expands them.</summary>
public static class ExperimentSource
{
    /// <summary>Reads, parses and checks <paramref name="path"/>; expands its design.</summary>
    public static LoadedExperiment Load(string path, bool allowLarge) =>
        FromText(ScenarioSource.ReadFile(path), ShippedFiles.IsShipped(path) ? ShippedFiles.Find(path).Reference : path, BaseDirOf(path), allowLarge);

    /// <summary>The folder relative paths in the file at <paramref name="path"/> are resolved against (builtin:… for a shipped file).</summary>
    public static string BaseDirOf(string path) =>
        ShippedFiles.IsShipped(path) ? ShippedFiles.FolderOf(path) : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    /// <summary><paramref name="path"/> as named in a file whose folder is <paramref name="baseDir"/>: shipped names stay shipped.</summary>
    public static string Resolve(string baseDir, string path) =>
        ShippedFiles.IsShipped(path) ? path
        : ShippedFiles.IsShipped(baseDir) ? ShippedFiles.Combine(baseDir, path)
        : Path.IsPathRooted(path) ? path : Path.Combine(baseDir, path);

    /// <summary>Parses and checks experiment <paramref name="text"/>; a relative scenario path is resolved against <paramref name="baseDir"/>.</summary>
    public static LoadedExperiment FromText(string text, string source, string baseDir, bool allowLarge)
    {
        if (CalibrationLoader.IsCalibration(YamlTreeReader.Read(text, source)))
        {
            throw new CliException($"{source}: is a calibration file (it has priors: and no design:); run it with crisissim calibrate");
        }

        var spec = PosteriorSource.Read(ExperimentLoader.Parse(text, source), baseDir);
        ExperimentLoader.CheckSize(spec, allowLarge); // from counts, before the scenario is read or any point expanded
        var (scenarioText, scenarioSource) = ReadScenario(spec.Scenario, spec.ScenarioPosition, source, baseDir);
        return ExperimentPlan.Build(spec, text, source, scenarioText, scenarioSource, allowLarge);
    }

    /// <summary>The text and source name of the scenario an experiment or calibration names (builtin:NAME (or the older built-in) or a file relative to <paramref name="baseDir"/>); an unreadable file is reported at <paramref name="at"/>.</summary>
    public static (string Text, string Source) ReadScenario(string scenario, SourcePosition at, string source, string baseDir)
    {
        if (scenario is "")
        {
            return (ScenarioSource.BuiltInText(), ScenarioSource.BuiltInName);
        }

        try
        {
            string scenarioPath = Resolve(baseDir, scenario);
            return ShippedFiles.IsShipped(scenarioPath)
                ? (ScenarioSource.ReadFile(scenarioPath), ShippedFiles.Find(scenarioPath).Reference)
                : (ScenarioSource.ReadFile(scenarioPath), scenario);
        }
        catch (CliException ex)
        {
            throw new ScenarioException(new ScenarioError(at == default ? new SourcePosition(source, 1, 1) : at, "scenario", ex.Message));
        }
    }
}
