using System.CommandLine;
using CrisisSim.Cli;
using CrisisSim.Cli.Commands;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Scenarios.Schema;

// The one place that touches the process's streams. A closed or broken stdout/stderr (2>&-, a pipe whose reader
// left) must not abort a sweep: messages become no-ops. The commands get these writers through the invocation
// configuration; the global Console is pointed at them too, so a library that writes there is just as harmless.
var stdout = new ResilientWriter(Console.Out);
var stderr = new ResilientWriter(Console.Error) { IsTerminal = !Console.IsErrorRedirected, Columns = TerminalColumns };
Console.SetOut(stdout);
Console.SetError(stderr);
return CrisisSimCli.Run(args, stdout, stderr);

// The width of the terminal that stderr is, read each time the progress bar is drawn (a window can be resized).
static int TerminalColumns()
{
    try
    {
        return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
    }
    catch (IOException)
    {
        return 80;
    }
}

namespace CrisisSim.Cli
{
    /// <summary>The crisissim command: parses, calls Core, writes. Every user error becomes one message and exit code 2.</summary>
    public static class CrisisSimCli
    {
        /// <summary>The root command, new for every invocation, so runs at the same time share no parser state.</summary>
        public static RootCommand Build() => new("CrisisSim: agent-based simulation of government and social-organisation crisis response")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            ParamsCommand.Create(),
            PresetsCommand.Create(),
            ScenariosCommand.Create(),
            SchemaCommand.Create(),
            InitCommand.Create(),
            SweepCommand.Create(),
            CalibrateCommand.Create(),
            SensitivityCommand.Create(),
            CompareCommand.Create(),
            MergeCommand.Create(),
            SlurmCommand.Create(),
            PlotCommand.Create(),
            ReportCommand.Create(),
            CompletionCommand.Create(),
            ViewCommand.Create(),
        };

        /// <summary>
        /// Runs the command line with the given standard output and error; returns the exit code. Nothing is written
        /// to the global <see cref="Console"/>, so several runs may go on at once in one process (tests do). A writer
        /// that is not a <see cref="ResilientWriter"/> is used through <see cref="TextWriter.Synchronized"/>, since
        /// progress is written from a timer thread.
        /// </summary>
        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            output = output is ResilientWriter ? output : TextWriter.Synchronized(output);
            error = error is ResilientWriter ? error : TextWriter.Synchronized(error);
            var parse = Build().Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                {
                    error.WriteLine($"error: {e.Message}");
                }

                error.WriteLine("Run 'crisissim --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            try
            {
                return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    error.WriteLine($"error: {e}");
                }

                return ExitCodes.InvalidInput;
            }
            catch (Core.Analysis.AnalysisException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (CliException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return ex.ExitCode;
            }
            catch (IOException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.WorkFailed;
            }
            catch (UnauthorizedAccessException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return ExitCodes.WorkFailed;
            }
        }
    }
}
