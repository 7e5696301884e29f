using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli;

/// <summary>Reads experiment files and their scenarios (the I/O); <see cref="ExperimentPlan"/> in Core expands them.</summary>
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

        return ExperimentPlan.Build(spec, text, source, scenarioText, scenarioSource, allowLarge);
    }
}
