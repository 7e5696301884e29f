using System.CommandLine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim validate FILE...</c>: check scenario files without running anything or writing anything.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check", Arity = ArgumentArity.OneOrMore };
        var set = new Option<string[]>("--set") { Description = "Check with these overrides applied: PATH=VALUE (repeatable)" };
        var command = new Command("validate", "Check scenario files: every problem with file, line, column, key path and what was expected") { files, set };
        command.SetAction(parse => Execute(parse.GetValue(files) ?? [], parse.GetValue(set) ?? []));
        return command;
    }

    private static int Execute(string[] files, string[] overrides)
    {
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                var loaded = ScenarioLoader.Load(ScenarioSource.ReadFile(file), file, overrides);
                Console.WriteLine($"{file}: ok — scenario '{loaded.Scenario.Name}', {loaded.Scenario.Zones.Count} zones, {loaded.Scenario.Actors.Count} actors (hash {loaded.Hash})");
            }
            catch (ScenarioException ex)
            {
                failed++;
                foreach (var e in ex.Errors)
                {
                    Console.Error.WriteLine($"error: {e}");
                }
            }
            catch (CliException ex)
            {
                failed++;
                Console.Error.WriteLine($"error: {ex.Message}");
            }
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
