using System.CommandLine;
using System.Globalization;
using CrisisSim.Cli.Commands.Calibration;
using CrisisSim.Core.Calibration;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim validate FILE...</c>: check scenario and experiment files without running anything or writing
/// anything. An experiment (a file with a <c>design:</c> key) gets every check a sweep makes before its first run:
/// its fields, its size, its scenario, every fixed value, arm and factor level, and its compare section.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Scenario or experiment files to check", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string[]>("--set") { Description = "Check scenarios with these overrides applied: PATH=VALUE (repeatable)" };
        set.CompletionSources.Add(Completion.CompletionValues.ParameterPaths);
        var allowLarge = new Option<bool>("--allow-large") { Description = "Check experiments as sweep --allow-large would (up to 100,000,000 runs)" };
        var command = new Command("validate", "Check scenario and experiment files: every problem with file, line, column, key path and what was expected") { files, set, allowLarge };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(files) ?? [], parse.GetValue(set) ?? [], parse.GetValue(allowLarge)));
        return command;
    }

    private static int Execute(CommandOutput io, string[] files, string[] overrides, bool allowLarge)
    {
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                string text = ScenarioSource.ReadFile(file);
                var root = YamlTreeReader.Read(text, file);
                if (CalibrationLoader.IsCalibration(root))
                {
                    RefuseOverrides(file, overrides);
                    io.Out.WriteLine($"{file}: ok — {LoadedCalibration.FromText(text, file).Describe()}");
                    continue;
                }

                if (root is YamlMapNode top && top.Find("design") is not null)
                {
                    RefuseOverrides(file, overrides);

                    var exp = ExperimentSource.FromText(text, file, ExperimentSource.BaseDirOf(file), allowLarge);
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{file}: ok — experiment '{exp.Spec.Name}', {exp.Spec.Design.Kind}: {exp.PointCount} points × {exp.Spec.Replicates} replicates = {exp.RunCount} runs on {exp.ScenarioSource} (design hash {exp.DesignHash})"));
                    io.Warn(exp.Warnings);
                    continue;
                }

                var loaded = ScenarioLoader.Load(text, file, overrides);
                io.Out.WriteLine($"{file}: ok — scenario '{loaded.Scenario.Name}', {loaded.Scenario.Zones.Count} zones, {loaded.Scenario.Actors.Count} actors (hash {loaded.Hash})");
                io.Warn(loaded.Warnings);
            }
            catch (ScenarioException ex)
            {
                failed++;
                foreach (var e in ex.Errors)
                {
                    io.Error.WriteLine($"error: {e}");
                }
            }
            catch (CliException ex)
            {
                failed++;
                io.Error.WriteLine($"error: {ex.Message}");
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static void RefuseOverrides(string file, string[] overrides)
    {
        if (overrides.Length > 0)
        {
            throw new CliException($"{file}: is an experiment; --set applies to scenario files (put the value under fixed: in the experiment)");
        }
    }
}
