using System.CommandLine;
using CrisisSim.Cli;
using CrisisSim.Cli.Commands;
using CrisisSim.Core.Scenarios.Schema;

// A closed or broken stdout/stderr (2>&-, a pipe whose reader left) must not abort a sweep: messages become no-ops.
Console.SetOut(new CrisisSim.Cli.Output.ResilientWriter(Console.Out));
Console.SetError(new CrisisSim.Cli.Output.ResilientWriter(Console.Error));
return CrisisSimCli.Run(args);

namespace CrisisSim.Cli
{
    /// <summary>The crisissim command: parses, calls Core, writes. Every user error becomes one message and exit code 2.</summary>
    public static class CrisisSimCli
    {
        /// <summary>Builds the root command with every subcommand.</summary>
        public static RootCommand Build() => new("CrisisSim: agent-based simulation of government and social-organisation crisis response")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            ParamsCommand.Create(),
            SweepCommand.Create(),
            SensitivityCommand.Create(),
            CompareCommand.Create(),
            MergeCommand.Create(),
            SlurmCommand.Create(),
            PlotCommand.Create(),
            ReportCommand.Create(),
        };

        /// <summary>Runs the command line; returns the exit code.</summary>
        public static int Run(string[] args)
        {
            var root = Build();
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    Console.Error.WriteLine($"error: {error.Message}");
                }

                Console.Error.WriteLine("Run 'crisissim --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            try
            {
                return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    Console.Error.WriteLine($"error: {e}");
                }

                return ExitCodes.InvalidInput;
            }
            catch (Core.Analysis.AnalysisException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (CliException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ex.ExitCode;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.WorkFailed;
            }
            catch (UnauthorizedAccessException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.WorkFailed;
            }
        }
    }
}
