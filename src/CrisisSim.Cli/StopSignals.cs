using System.Runtime.InteropServices;

namespace CrisisSim.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM (what Slurm and other schedulers send at a time limit, and what `kill`
/// sends) ask a long command to stop cleanly: the token is cancelled, the command saves what it has and
/// says how to resume, and the process exits with 128 + the signal's number (130 or 143).
/// </summary>
public sealed class StopSignals : IDisposable
{
    /// <summary>Exit code after SIGINT (128 + 2).</summary>
    public const int InterruptedExit = 130;

    /// <summary>Exit code after SIGTERM (128 + 15).</summary>
    public const int TerminatedExit = 143;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private volatile int _exitCode = InterruptedExit;

    /// <summary>Listens until disposed; registrations at the same time (runs in one process) are each told.</summary>
    public StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, On), PosixSignalRegistration.Create(PosixSignal.SIGTERM, On)];
    }

    /// <summary>Cancelled when a stop was asked for.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code that reports the signal that stopped the command.</summary>
    public int ExitCode => _exitCode;

    /// <summary>The signal's name, for the message.</summary>
    public string Name => _exitCode == TerminatedExit ? "SIGTERM" : "Ctrl-C";

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var r in _registrations)
        {
            r.Dispose();
        }

        _cancel.Dispose();
    }

    private void On(PosixSignalContext context)
    {
        context.Cancel = true; // do not end the process: the command stops at the next run boundary
        _exitCode = context.Signal == PosixSignal.SIGTERM ? TerminatedExit : InterruptedExit;
        _cancel.Cancel();
    }
}
