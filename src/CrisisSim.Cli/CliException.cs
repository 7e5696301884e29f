namespace CrisisSim.Cli;

/// <summary>A problem with the user's input or environment: printed as one clear message, never a stack trace.</summary>
/// <param name="message">What is wrong and what was expected.</param>
/// <param name="exitCode">2 for invalid input or usage; 1 when the work ran but failed.</param>
public sealed class CliException(string message, int exitCode = ExitCodes.InvalidInput) : Exception(message)
{
    /// <summary>What <see cref="CrisisSimCli.Run"/> returns for this error: <see cref="ExitCodes.InvalidInput"/> unless the work ran and failed.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>Exit codes of the crisissim command (part of the user contract).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for was done and written.</summary>
    public const int Success = 0;

    /// <summary>The work ran but something failed (recorded in the output).</summary>
    public const int WorkFailed = 1;

    /// <summary>Invalid input or usage; nothing was written.</summary>
    public const int InvalidInput = 2;
}
