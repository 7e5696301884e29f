using System.Diagnostics;
using CrisisSim.Cli;

namespace CrisisSim.Tests.Support;

/// <summary>The result of running the crisissim command.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the crisissim command in-process (fast) or as a real process. In-process runs get writers of their own and
/// need no lock: the command writes only to them, never to the global console, so runs may overlap. What is still
/// shared in the process is the current directory (no test changes it), the culture of the calling thread, and the
/// font probe of <c>Figures.ProbeFont</c>, which one test replaces (NUnit runs the tests of this assembly one at a time).
/// </summary>
public static class CliRunner
{
    /// <summary>Runs <paramref name="args"/> in-process, capturing its standard output and error.</summary>
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CrisisSimCli.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Path of the built crisissim.dll next to the tests.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "crisissim.dll");

    /// <summary>Starts crisissim as a separate process (for exit codes, signals and environment such as culture).</summary>
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(CliDll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start crisissim");
    }

    /// <summary>Runs crisissim as a process to completion.</summary>
    public static CliResult RunProcess(IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        using var p = Start(args, workingDirectory, environment);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("crisissim did not finish within 120 s");
        }

        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
