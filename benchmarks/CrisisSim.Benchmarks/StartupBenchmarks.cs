using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace CrisisSim.Benchmarks;

/// <summary>
/// Start-up of the whole process: one operation is <c>crisissim run --set time.horizon_h=1 --out DIR --force</c> on the
/// built-in scenario (12 ticks, so almost all of it is process start, runtime start and JIT or its absence), as a cluster
/// task pays it once per shard. <see cref="FrameworkDependent"/> runs <c>dotnet crisissim.dll</c> (the shared runtime on
/// the machine, code JIT-compiled at start); <see cref="SelfContained"/> runs the cluster build, the single file of the
/// linux-x64 publish profile (its own runtime, ReadyToRun code, native libraries unpacked on the first start, which the
/// warm-up absorbs). Each benchmark's setup publishes its build from this checkout into
/// BenchmarkDotNet.Artifacts/startup/ (git-ignored), so the numbers are of the code in the working tree.
/// </summary>
[MedianColumn]
[MinColumn]
public class StartupBenchmarks
{
    private string _dll = "";
    private string _binary = "";
    private string _out = "";

    /// <summary>Publishes the framework-dependent build.</summary>
    [GlobalSetup(Target = nameof(FrameworkDependent))]
    public void PublishFrameworkDependent()
    {
        string dir = Artifacts("framework-dependent");
        Publish("-c", "Release", "-o", dir);
        _dll = Path.Combine(dir, "crisissim.dll");
        _out = Artifacts("out-framework-dependent");
    }

    /// <summary>Publishes the self-contained single file (the linux-x64 profile).</summary>
    [GlobalSetup(Target = nameof(SelfContained))]
    public void PublishSelfContained()
    {
        string dir = Artifacts("self-contained");
        Publish("-c", "Release", "-p:PublishProfile=linux-x64", "-o", dir);
        _binary = Path.Combine(dir, "crisissim");
        _out = Artifacts("out-self-contained");
    }

    /// <summary><c>dotnet crisissim.dll run …</c>.</summary>
    [Benchmark(Baseline = true)]
    public int FrameworkDependent() => Run("dotnet", _dll);

    /// <summary><c>crisissim run …</c>, the self-contained single file.</summary>
    [Benchmark]
    public int SelfContained() => Run(_binary);

    private int Run(string program, params string[] before)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in before.Concat(["run", "--set", "time.horizon_h=1", "--out", _out, "--force"]))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {p.ExitCode}: {stderr.Result}");
        }

        return p.ExitCode;
    }

    private static string Artifacts(string name) => Path.Combine(RepoPaths.Root, "BenchmarkDotNet.Artifacts", "startup", name);

    private static void Publish(params string[] options)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (string a in new[] { "publish", Path.Combine("src", "CrisisSim.Cli") }.Concat(options))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {string.Join(' ', options)} failed ({p.ExitCode}):\n{output}{stderr.Result}");
        }
    }
}
