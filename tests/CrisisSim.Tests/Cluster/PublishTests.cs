using System.Diagnostics;
using System.Text.RegularExpressions;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cluster;

/// <summary>
/// The cluster build (the linux-x64 publish profile: one self-contained, ReadyToRun file with the figures' native
/// libraries inside) runs where no .NET is installed, and writes the bytes of the framework-dependent CLI. It is
/// published once per test run, from a copy of the sources in a temporary folder (so no other build's bin/ or obj/ is
/// touched). Skipped, saying why, when the runtime pack cannot be restored; under CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1 (CI) it fails instead.
/// </summary>
[Category("Publish")]
[NonParallelizable]
public partial class PublishTests
{
    /// <summary>The publish command of docs/cluster.md, README.md and deploy/crisissim.def (run from the repository root).</summary>
    public const string PublishCommand = "dotnet publish src/CrisisSim.Cli -c Release -p:PublishProfile=linux-x64";

    private static readonly Lazy<(string? Binary, string Why)> s_published = new(() => (s_early ?? Task.Run(Publish)).GetAwaiter().GetResult());

#pragma warning disable NUnit1032 // a finished Task holds nothing to dispose; RemoveBuild waits for it
    private static Task<(string? Binary, string Why)>? s_early;
#pragma warning restore NUnit1032

    private static string? s_root;

    /// <summary>
    /// Starts the publish in the background (EarlyPublish, in CI), so its minutes of compiling overlap the tests that run
    /// before this fixture on the suite's otherwise idle second core; the fixture then waits for it.
    /// </summary>
    internal static void StartEarly() => s_early ??= Task.Run(Publish);

    /// <summary>The copy of the sources and its build (a few hundred MB) go once the fixture's tests ran, or at the end of the run.</summary>
    [OneTimeTearDown]
    public void RemoveTheBuild() => RemoveBuild();

    internal static void RemoveBuild()
    {
        try
        {
            s_early?.Wait();
        }
        catch (AggregateException)
        {
            // a failed early publish was reported by the tests that needed it
        }

        if (s_root is not null && Directory.Exists(s_root))
        {
            Directory.Delete(s_root, recursive: true);
        }
    }

    [Test]
    public void TheSelfContainedBinaryRunsWithoutDotnetAndWritesTheFrameworkDependentBytes()
    {
        string binary = RequireBinary();
        using var tmp = new TempDir();
        var single = RunWithoutDotnet(tmp, binary, "run", "--out", tmp["single-file"], "--set", "time.horizon_h=6");
        Assert.That(single.Code, Is.Zero, single.Output);
        var framework = CliRunner.RunProcess(["run", "--out", tmp["framework"], "--set", "time.horizon_h=6"]);
        Assert.That(framework.ExitCode, Is.Zero, framework.Stderr);
        foreach (string file in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp[$"single-file/{file}"]), Is.EqualTo(File.ReadAllBytes(tmp[$"framework/{file}"])), file);
        }

        // the jobs it generates run it, not dotnet
        File.WriteAllText(tmp["e.yaml"], "name: p\nmaster_seed: 1\nreplicates: 2\ndesign: {kind: factorial, arms: {a: {governance.trust: 0.5}}}\n");
        var slurm = RunWithoutDotnet(tmp, binary, "slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"]);
        Assert.That(slurm.Code, Is.Zero, slurm.Output);
        Assert.That(File.ReadAllText(tmp["job/array.sbatch"]), Does.Contain($"\nexec '{binary}' sweep "));
    }

    [Test]
    public void FiguresAndTheReportWorkFromTheBundledNativeLibraries()
    {
        string binary = RequireBinary();
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: publish
            master_seed: 4
            replicates: 3
            fixed: {time.horizon_h: 6, population.scale: 0.1}
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
                platform: {governance.mode: co-governance, governance.communication: platform}
            """);
        var sweep = RunWithoutDotnet(tmp, binary, "sweep", tmp["e.yaml"], "--out", tmp["s"], "--no-report", "--ticks-every", "6");
        Assert.That(sweep.Code, Is.Zero, sweep.Output);
        var plot = RunWithoutDotnet(tmp, binary, "plot", tmp["s"], "--out", tmp["figs"]);
        Assert.That(plot.Code, Is.Zero, plot.Output);
        var pngs = Directory.GetFiles(tmp["figs"], "*.png");
        Assert.That(pngs, Is.Not.Empty, plot.Output);
        Assert.That(pngs.Select(f => new FileInfo(f).Length), Is.All.GreaterThan(5_000), "real pictures, drawn by SkiaSharp");
        var report = RunWithoutDotnet(tmp, binary, "report", tmp["s"]);
        Assert.That(report.Code, Is.Zero, report.Output);
        Assert.That(File.ReadAllText(tmp["s/report.html"]), Does.Contain("data:image/png;base64,"));
    }

    [Test]
    public void TheContainerRecipeBuildsAndCopiesWhatTheProfilePublishes()
    {
        string def = File.ReadAllText(Repo.PathOf("deploy", "crisissim.def"));
        string profile = File.ReadAllText(Repo.PathOf("src", "CrisisSim.Cli", "Properties", "PublishProfiles", "linux-x64.pubxml"));
        string csproj = File.ReadAllText(Repo.PathOf("src", "CrisisSim.Cli", "CrisisSim.Cli.csproj"));
        string framework = Property(File.ReadAllText(Repo.PathOf("Directory.Build.props")), "TargetFramework");
        string binary = $"src/CrisisSim.Cli/bin/Release/{framework}/{Property(profile, "RuntimeIdentifier")}/publish/{Property(csproj, "AssemblyName")}";
        Assert.That(def, Does.Contain(PublishCommand), "the container builds with the documented command");
        Assert.That(def, Does.Contain(binary + " "), "and copies the file that command writes");
        Assert.That(def, Does.Contain("/usr/local/bin/crisissim").And.Contain("%runscript").And.Contain("exec /usr/local/bin/crisissim \"$@\""));
        Assert.That(Regex.Match(def, @"mcr\.microsoft\.com/dotnet/sdk:(\d+\.\d+)").Groups[1].Value, Is.EqualTo(framework.Replace("net", "", StringComparison.Ordinal)), "the SDK stage builds the project's framework");
        foreach (string doc in new[] { "README.md", "docs/cluster.md" })
        {
            Assert.That(File.ReadAllText(Repo.PathOf(doc)), Does.Contain(PublishCommand).And.Contain(binary), doc);
        }
    }

    private static string Property(string xml, string name) =>
        Regex.Match(xml, $"<{name}>([^<]+)</{name}>") is { Success: true } m ? m.Groups[1].Value : throw new AssertionException($"no <{name}> in the file");

    private static string RequireBinary()
    {
        var (binary, why) = s_published.Value;
        if (binary is not null)
        {
            return binary;
        }

        if (Environment.GetEnvironmentVariable("CRISISSIM_REQUIRE_ANALYSIS_TOOLS") == "1")
        {
            Assert.Fail($"the self-contained build could not be published: {why}");
        }

        Assert.Ignore($"the self-contained build could not be published: {why}");
        return "";
    }

    /// <summary>Runs the binary with no dotnet to be found: PATH is an empty folder, DOTNET_ROOT and the rest of the environment unset.</summary>
    private static (int Code, string Output) RunWithoutDotnet(TempDir tmp, string binary, params string[] args)
    {
        string emptyPath = tmp["no-dotnet"];
        Directory.CreateDirectory(emptyPath);
        Directory.CreateDirectory(tmp["home"]);
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = tmp.Path };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        psi.Environment["PATH"] = emptyPath;
        psi.Environment["HOME"] = tmp["home"];
        Assert.That(psi.Environment.ContainsKey("DOTNET_ROOT"), Is.False);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Publishes a copy of the sources with the linux-x64 profile; the binary, or null and why not.</summary>
    private static (string? Binary, string Why) Publish()
    {
        string root = Path.Combine(Path.GetTempPath(), "crisissim-publish-" + Guid.NewGuid().ToString("N"));
        s_root = root;
        foreach (string project in new[] { "CrisisSim.Core", "CrisisSim.Cli" })
        {
            CopySources(Repo.PathOf("src", project), Path.Combine(root, "src", project));
        }

        Directory.CreateDirectory(Path.Combine(root, "scenarios"));
        File.Copy(Repo.PathOf("scenarios", "tianjin-8-12.yaml"), Path.Combine(root, "scenarios", "tianjin-8-12.yaml"));
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json", "nuget.config", "NuGet.Config" })
        {
            if (File.Exists(Repo.PathOf(file)))
            {
                File.Copy(Repo.PathOf(file), Path.Combine(root, file));
            }
        }

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (string a in PublishCommand.Split(' ').Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        output += stderr.Result;
        string binary = Path.Combine(root, "src", "CrisisSim.Cli", "bin", "Release", "net10.0", "linux-x64", "publish", "crisissim");
        if (p.ExitCode == 0 && File.Exists(binary))
        {
            return (binary, "");
        }

        var restore = output.Split('\n').Where(l => Regex.IsMatch(l, @"error (NU1\d{3}|NETSDK1\d{3})")).Distinct().Take(3).ToList();
        if (restore.Count == 0)
        {
            throw new AssertionException($"{PublishCommand} failed (exit {p.ExitCode}), and not for want of a package:\n{output}");
        }

        return (null, $"the runtime pack or another package could not be restored: {string.Join(" | ", restore.Select(l => l.Trim()))}");
    }

    private static void CopySources(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            string dest = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
