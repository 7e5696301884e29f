using System.Diagnostics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cluster;

/// <summary>
/// Against a real Slurm (a single-node cluster on localhost, started by .ci/slurm-up.sh): the generated jobs with set-up
/// lines (a set-up file exporting a variable that a set-up line checks), one shard that fails on its first attempt, the
/// merge that runs anyway (afterany) and names it, resubmit.sh that reruns exactly that shard and then the merge, whose
/// outputs (tables, comparison, figures, report, Parquet) equal a local sweep's. Skipped, with a visible reason, when no
/// Slurm controller answers.
/// </summary>
[Category("Slurm")]
public class SlurmIntegrationTests
{
    [Test]
    public void AGeneratedJobArrayRunsOnSlurmResubmitsAFailedShardAndMergesToTheLocalResult()
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
        Directory.CreateDirectory(tmp["markers"]);
        File.WriteAllText(tmp["site-env.sh"], $"export CRISISSIM_TEST_MARKERS='{tmp["markers"]}'\n");
        string[] setup =
        [
            "--setup", "[ -d \"$CRISISSIM_TEST_MARKERS\" ] || { echo 'the set-up file did not run' >&2; exit 3; }",
            "--setup", "if [ \"${SLURM_ARRAY_TASK_ID:-}\" = 1 ] && [ ! -e \"$CRISISSIM_TEST_MARKERS/failed-once\" ]; then touch \"$CRISISSIM_TEST_MARKERS/failed-once\"; echo 'shard 1 fails on its first attempt (test)' >&2; exit 1; fi",
        ];
        var gen = CliRunner.Run(["slurm", tmp["e.yaml"], "--shards", "3", "--cpus", "1", "--time", "00:10:00", "--out", tmp["job"], "--ticks-every", "6", "--format", "parquet",
            "--setup-file", tmp["site-env.sh"], .. setup]);
        Assert.That(gen.ExitCode, Is.Zero, gen.Stderr);

        var submit = Shell("bash", tmp["job/submit.sh"]);
        Assert.That(submit.Code, Is.Zero, submit.Output);
        TestContext.Out.WriteLine(submit.Output);
        WaitForTheJobs(tmp);
        Assert.That(File.Exists(tmp["job/merged/runs.csv"]), Is.False, "the merge must refuse while shard 1 is missing");
        string firstMerge = MergeLogs(tmp);
        Assert.That(firstMerge, Does.Contain("missing shard(s) 1/3").And.Contain($"bash {tmp.Path}/job/resubmit.sh"), Logs(tmp));

        var resubmit = Shell("bash", tmp["job/resubmit.sh"]);
        Assert.That(resubmit.Code, Is.Zero, resubmit.Output);
        TestContext.Out.WriteLine(resubmit.Output);
        Assert.That(resubmit.Output, Does.Contain("resubmitted shard(s) 1 as"));
        WaitForTheJobs(tmp);
        Assert.That(File.Exists(tmp["job/merged/report.html"]), Is.True, $"the second merge did not finish; squeue: {Shell("squeue").Output}\n{Logs(tmp)}");

        var shard1Errors = Directory.GetFiles(tmp["job/logs"], "shard-*_1.err");
        Assert.That(shard1Errors, Has.Length.EqualTo(2), "one log per attempt: the resubmission keeps the first attempt's");
        Assert.That(shard1Errors.Select(File.ReadAllText), Has.One.Contain("fails on its first attempt"));

        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["local"], "--ticks-every", "6", "--format", "parquet").ExitCode, Is.Zero);
        foreach (string file in new[] { "runs.csv", "ticks.csv", "comparison.csv" })
        {
            Assert.That(File.ReadAllBytes(tmp[$"job/merged/{file}"]), Is.EqualTo(File.ReadAllBytes(tmp[$"local/{file}"])), file);
        }

        Assert.That(File.Exists(tmp["job/merged/runs.parquet"]) && File.Exists(tmp["job/merged/ticks.parquet"]), Is.True, "Parquet, as asked with --format parquet");
        Assert.That(Directory.GetFiles(tmp["job/merged/figures"], "forest-*.png"), Is.Not.Empty);
        Assert.That(File.ReadAllText(tmp["job/merged/report.html"]), Does.Contain("data:image/png;base64,"));
    }

    /// <summary>Waits (at most 4 minutes) until no job that submit.sh or resubmit.sh recorded is queued or running.</summary>
    private static void WaitForTheJobs(TempDir tmp)
    {
        var ids = File.ReadAllLines(tmp["job/jobs.txt"]).Select(l => l.Split(' ')[1]).ToArray();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(4))
        {
            if (Shell("squeue", "-h", "-j", string.Join(',', ids), "-o", "%i").Output.Trim().Length == 0)
            {
                return;
            }

            Thread.Sleep(500);
        }

        Assert.Fail($"the jobs did not end within 4 minutes; squeue: {Shell("squeue").Output}\n{Logs(tmp)}");
    }

    private static string MergeLogs(TempDir tmp) => string.Join("\n", Directory.GetFiles(tmp["job/logs"], "merge-*").Select(File.ReadAllText));

    private static string Logs(TempDir tmp) =>
        string.Join("\n", Directory.Exists(tmp["job/logs"]) ? Directory.GetFiles(tmp["job/logs"]).Select(f => $"--- {f}\n{File.ReadAllText(f)}") : []);

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
