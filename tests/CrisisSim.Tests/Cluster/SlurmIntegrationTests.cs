using System.Diagnostics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cluster;

/// <summary>
/// Against a real Slurm (a single-node cluster on localhost, started by .ci/slurm-up.sh): submit the
/// generated job array and merge job, wait for both, and compare the merged result with a local sweep.
/// Skipped, with a visible reason, when no Slurm controller answers.
/// </summary>
[Category("Slurm")]
public class SlurmIntegrationTests
{
    [Test]
    public void AGeneratedJobArrayRunsOnSlurmAndMergesToTheLocalResult()
    {
        if (!SlurmAvailable(out string why))
        {
            Assert.Ignore($"Slurm is not available on this machine ({why}); start it with .ci/slurm-up.sh (CI does).");
        }

        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: slurm-integration
            master_seed: 21
            replicates: 4
            fixed: {time.horizon_h: 6, population.scale: 0.1}
            design:
              kind: factorial
              arms:
                single: {governance.mode: single-government}
                platform: {governance.mode: co-governance, governance.communication: platform}
            """);
        string command = $"dotnet '{CliRunner.CliDll}'";
        var gen = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "3", "--cpus", "1", "--time", "00:10:00", "--out", tmp["job"], "--crisissim", command, "--ticks-every", "6");
        Assert.That(gen.ExitCode, Is.Zero, gen.Stderr);

        var submit = Shell("bash", tmp["job/submit.sh"]);
        Assert.That(submit.Code, Is.Zero, submit.Output);
        TestContext.Out.WriteLine(submit.Output);

        var clock = Stopwatch.StartNew();
        while (!File.Exists(tmp["job/merged/runs.csv"]) && clock.Elapsed < TimeSpan.FromMinutes(4))
        {
            Thread.Sleep(500);
        }

        string logs = string.Join("\n", Directory.Exists(tmp["job/logs"]) ? Directory.GetFiles(tmp["job/logs"]).Select(f => $"--- {f}\n{File.ReadAllText(f)}") : []);
        Assert.That(File.Exists(tmp["job/merged/runs.csv"]), Is.True, $"the merge job did not produce results within 4 minutes; squeue: {Shell("squeue").Output}\n{logs}");

        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["local"], "--ticks-every", "6").ExitCode, Is.Zero);
        foreach (string file in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp[$"job/merged/{file}"]), Is.EqualTo(File.ReadAllBytes(tmp[$"local/{file}"])), file);
        }
    }

    private static bool SlurmAvailable(out string why)
    {
        try
        {
            var r = Shell("sinfo", "-h", "-o", "%T");
            why = r.Code == 0 ? "" : $"sinfo exited {r.Code}: {r.Output.Trim()}";
            return r.Code == 0 && r.Output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "sinfo is not installed";
            return false;
        }
    }

    private static (int Code, string Output) Shell(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
