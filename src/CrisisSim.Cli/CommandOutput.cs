using System.CommandLine;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli;

/// <summary>
/// Where a command's text goes: results and summaries to <see cref="Out"/>; warnings, errors, resume notes and
/// progress to <see cref="Error"/>. Commands take it from System.CommandLine's invocation configuration
/// (<see cref="Of"/>), never from the global <see cref="Console"/>, so two in-process invocations (tests) each see
/// only their own text. Both writers may be used from several threads: the progress timer writes from its own.
/// </summary>
public sealed class CommandOutput
{
    private CommandOutput(TextWriter output, TextWriter error, bool errorIsTerminal, Func<int> columns)
    {
        Out = output;
        Error = error;
        ErrorIsTerminal = errorIsTerminal;
        ErrorColumns = columns;
    }

    /// <summary>Standard output: what a script may parse or a user reads as the answer.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: everything about the work rather than its result.</summary>
    public TextWriter Error { get; }

    /// <summary>
    /// True only when <see cref="Error"/> is the process's standard error and that is a terminal (Program.cs marks it):
    /// progress is then a bar rewritten in place. A file, a pipe or a test's StringWriter is never a terminal.
    /// </summary>
    public bool ErrorIsTerminal { get; }

    /// <summary>The width of the terminal <see cref="Error"/> is (80 when it is none or unknown): the progress bar fits it.</summary>
    public Func<int> ErrorColumns { get; }

    /// <summary>
    /// Prints what a scenario can never do to <see cref="Error"/>, one <c>warning: FILE:LINE:COLUMN: KEY: MESSAGE</c> line
    /// each (the position is the --set that wrote the key when one did); warnings never change the exit code or a result.
    /// </summary>
    public void Warn(IEnumerable<ScenarioWarning> warnings)
    {
        foreach (var w in warnings)
        {
            Error.WriteLine($"warning: {w}");
        }
    }

    /// <summary>The writers the invocation of <paramref name="parse"/> was given (see <see cref="CrisisSimCli.Run(string[], TextWriter, TextWriter)"/>).</summary>
    public static CommandOutput Of(ParseResult parse)
    {
        var invocation = parse.InvocationConfiguration;
        var terminal = invocation.Error is ResilientWriter { IsTerminal: true } w ? w : null;
        return new CommandOutput(invocation.Output, invocation.Error, terminal is not null, terminal?.Columns ?? (() => 80));
    }
}
