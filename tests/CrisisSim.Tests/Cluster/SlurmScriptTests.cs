using System.Diagnostics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cluster;

/// <summary>
/// The scripts of <c>crisissim slurm</c> without a cluster: what the job scripts hold, and what submit.sh and resubmit.sh
/// ask sbatch for, run by bash against a stand-in sbatch and squeue that record their arguments.
/// </summary>
public class SlurmScriptTests
{
    private const string Experiment = """
        name: scripts
        master_seed: 5
        replicates: 5
        fixed: {time.horizon_h: 4, population.scale: 0.1}
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            platform: {governance.mode: co-governance, governance.communication: platform}
        """;

    [Test]
    public void SetupLinesRunBeforeCrisissimInEveryJobScript()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        File.WriteAllText(tmp["env.sh"], "source /shared/env.sh\r\nexport CRISISSIM_X=1\n");
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"], "--setup", "module load dotnet", "--setup", "module load fonts", "--setup-file", tmp["env.sh"],
            "--crisissim", "/shared/bin/crisissim");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (string script in new[] { "array.sbatch", "merge.sbatch" })
        {
            var lines = File.ReadAllLines(tmp[$"job/{script}"]).ToList();
            int exec = lines.FindIndex(l => l.StartsWith("exec ", StringComparison.Ordinal));
            int[] setup = [.. new[] { "source /shared/env.sh", "export CRISISSIM_X=1", "module load dotnet", "module load fonts" }.Select(l => lines.IndexOf(l))];
            Assert.That(setup, Is.All.GreaterThan(0), script);
            Assert.That(setup, Is.Ordered, script);
            Assert.That(setup[^1], Is.LessThan(lines.IndexOf("set -u")), $"{script}: set-up runs before set -u (module systems read unset variables)");
            Assert.That(lines.IndexOf("set -u"), Is.LessThan(exec), script);
            Assert.That(lines[exec], Does.StartWith("exec /shared/bin/crisissim " + (script == "array.sbatch" ? "sweep " : "merge ")), script);
        }
    }

    [TestCase("module load dotnet")]
    [TestCase("module load dotnet && crisissim")]
    [TestCase("source env.sh; crisissim")]
    public void ASetupCommandGivenAsTheCrisissimCommandIsRefusedNamingSetup(string command)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"], "--crisissim", command);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain("--crisissim").And.Contain("--setup"));
        Assert.That(Directory.Exists(tmp["job"]), Is.False);
    }

    [TestCase("--max-parallel", "0")]
    [TestCase("--max-array-size", "0")]
    [TestCase("--merge-time", "forever")]
    [TestCase("--merge-mem", "-1G")]
    [TestCase("--merge-cpus", "0")]
    [TestCase("--term-before", "-1")]
    [TestCase("--setup", "module load a\nrm -rf ~")]
    [TestCase("--setup-file", "no-such-file.sh")]
    public void ABadValueIsRefusedAndNothingIsWritten(string option, string value)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"], option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain(option).And.Not.Contain("   at "));
        Assert.That(Directory.Exists(tmp["job"]), Is.False);
    }

    [Test]
    public void ByDefaultTheJobsRunThisCrisissimAndLogEachAttemptApart()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "3", "--out", tmp["job"], "--max-parallel", "2", "--merge-time", "00:20:00", "--merge-mem", "8G", "--merge-cpus", "2", "--mem", "1G");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        string array = File.ReadAllText(tmp["job/array.sbatch"]);
        string merge = File.ReadAllText(tmp["job/merge.sbatch"]);
        // the tests run in dotnet's test host: not a crisissim executable, so "dotnet /abs/crisissim.dll" with dotnet from the node's PATH
        Assert.That(array, Does.Contain($"\nexec dotnet '{CliRunner.CliDll}' sweep "));
        Assert.That(array, Does.Contain("#SBATCH --array=0-2%2\n").And.Contain("#SBATCH --signal=B:TERM@120\n").And.Contain("#SBATCH --mem=1G\n")
            .And.Contain($"#SBATCH --output=\"{tmp.Path}/job/logs/shard-%A_%a.out\"").And.Contain($"#SBATCH --error=\"{tmp.Path}/job/logs/shard-%A_%a.err\""));
        Assert.That(merge, Does.Contain("#SBATCH --time=00:20:00\n").And.Contain("#SBATCH --mem=8G\n").And.Contain("#SBATCH --cpus-per-task=2\n")
            .And.Contain(" merge ").And.Contain("--compare").And.Not.Contain("--format parquet").And.Not.Contain("--mem=1G"));
        Assert.That(r.Stdout, Does.Contain($"jobs run:     dotnet '{CliRunner.CliDll}'"));
    }

    [Test]
    public void SubmitSplitsShardsAboveMaxArraySizeAndTheMergeWaitsForEveryArrayWithAfterany()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "5", "--max-array-size", "2", "--max-parallel", "2", "--out", tmp["job"], "--format", "parquet");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.ReadAllText(tmp["job/merge.sbatch"]), Does.Contain("--compare --format parquet"));

        var (code, output, calls) = RunWithFakeSlurm(tmp, "submit.sh");
        Assert.That(code, Is.Zero, output);
        Assert.That(calls, Has.Count.EqualTo(4), output);
        Assert.That(calls[0], Is.EqualTo("--parsable --array=0-1%2 array.sbatch"));
        Assert.That(calls[1], Does.StartWith("--parsable --array=0-1%2 --export=ALL,CRISISSIM_SHARD_OFFSET=2 ").And.Contain("/logs/shard-%A_2+%a.out").And.EndWith(" array.sbatch"));
        Assert.That(calls[2], Does.StartWith("--parsable --array=0-0%2 --export=ALL,CRISISSIM_SHARD_OFFSET=4 ").And.EndWith(" array.sbatch"));
        Assert.That(calls[3], Is.EqualTo("--parsable --dependency=afterany:101:102:103 merge.sbatch"));
        Assert.That(File.ReadAllLines(tmp["job/jobs.txt"]), Is.EqualTo(new[] { "array 101 shards 0-1", "array 102 shards 2-3", "array 103 shards 4-4", "merge 104" }));

        // the array script turns (offset, task) into the shard: task 1 of the array from shard 2 is shard 3
        string array = File.ReadAllText(tmp["job/array.sbatch"]);
        Assert.That(array, Does.Contain("#SBATCH --array=0-1%2\n").And.Contain("shard=$(( ${CRISISSIM_SHARD_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))").And.Contain("--shard $shard/5"));
    }

    [Test]
    public void ResubmitSubmitsExactlyTheMissingAndUnfinishedShardsThenTheMerge()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "5", "--max-array-size", "2", "--out", tmp["job"]).ExitCode, Is.Zero);
        foreach (int i in new[] { 0, 1, 3 })
        {
            var s = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"job/shards/shard-{i}"], "--shard", $"{i}/5");
            Assert.That(s.ExitCode, Is.Zero, s.Stderr);
        }

        // shard 1 died in its closing phase (its manifest is not complete); shards 2 and 4 never started
        string manifest = tmp["job/shards/shard-1/sweep.json"];
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"complete\": true", "\"complete\": false", StringComparison.Ordinal));

        var (code, output, calls) = RunWithFakeSlurm(tmp, "resubmit.sh");
        Assert.That(code, Is.Zero, output);
        Assert.That(calls, Has.Count.EqualTo(4), output);
        Assert.That(calls[0], Is.EqualTo("--parsable --array=1 array.sbatch"));
        Assert.That(calls[1], Does.StartWith("--parsable --array=0 --export=ALL,CRISISSIM_SHARD_OFFSET=2 ").And.Contain("/logs/shard-%A_2+%a.err"));
        Assert.That(calls[2], Does.StartWith("--parsable --array=0 --export=ALL,CRISISSIM_SHARD_OFFSET=4 "));
        Assert.That(calls[3], Is.EqualTo("--parsable --dependency=afterany:101:102:103 merge.sbatch"));
        Assert.That(output, Does.Contain("resubmitted shard(s) 1 2 4"));

        // the merge names every shard it cannot use, and the script that resubmits them
        var merge = CliRunner.Run("merge", tmp["job/shards"], "--out", tmp["job/merged"]);
        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.Stderr, Does.Contain("missing shard(s) 2/5, 4/5").And.Contain("shard-1: shard 1/5 is not finished").And.Contain($"bash {tmp.Path}/job/resubmit.sh"));
        Assert.That(Directory.Exists(tmp["job/merged"]), Is.False);
    }

    [Test]
    public void ResubmitRefusesWhileAJobOfTheFolderIsStillQueued()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        Assert.That(CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"]).ExitCode, Is.Zero);
        Assert.That(RunWithFakeSlurm(tmp, "submit.sh").Code, Is.Zero);
        var (code, output, calls) = RunWithFakeSlurm(tmp, "resubmit.sh", queued: "101");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("job 101 (array) is still queued or running"));
        Assert.That(calls.Skip(2), Is.Empty, "nothing is submitted while a shard may still be writing");
    }

    [Test]
    public void ASigtermedShardSaysSoInItsErrorLogReleasesItsLockAndResumes()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment.Replace("replicates: 5", "replicates: 100", StringComparison.Ordinal).Replace("time.horizon_h: 4, population.scale: 0.1", "time.horizon_h: 72", StringComparison.Ordinal));
        Assert.That(CliRunner.Run("slurm", tmp["e.yaml"], "--shards", "2", "--out", tmp["job"]).ExitCode, Is.Zero);
        string shard = tmp["job/shards/shard-0"];
        string[] args = ["sweep", tmp["e.yaml"], "--out", shard, "--shard", "0/2", "--threads", "1", "--resume", "--progress"];
        using var p = CliRunner.Start(args);
        var stderr = p.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        string partial = Path.Combine(shard, "runs.csv.partial");
        while (!p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60) && !(File.Exists(partial) && File.ReadLines(partial).Skip(1).Any()))
        {
            Thread.Sleep(5);
        }

        Assert.That(p.HasExited, Is.False, "the shard finished before it could be stopped; make it longer");
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.That(p.WaitForExit(60_000), Is.True);
        Assert.That(p.ExitCode, Is.EqualTo(143), stderr.Result);
        Assert.That(stderr.Result, Does.Contain("(stopped by SIGTERM)").And.Contain("resume with: crisissim sweep").And.Contain($"on Slurm: bash {tmp.Path}/job/resubmit.sh"));
        Assert.That(File.Exists(tmp["job/shards/.shard-0.owner"]), Is.False, "the lock's owner note is removed with the lock");

        var resumed = CliRunner.Run(args);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(shard, "sweep.json")), Does.Contain("\"complete\": true"));
        Assert.That(File.ReadAllLines(Path.Combine(shard, "runs.csv")), Has.Length.EqualTo(101));
    }

    /// <summary>Runs a script of tmp/job with stand-ins for sbatch (prints ids 101, 102, …) and squeue (prints <paramref name="queued"/>).</summary>
    private static (int Code, string Output, List<string> Calls) RunWithFakeSlurm(TempDir tmp, string script, string queued = "")
    {
        string bin = tmp["fake-bin"];
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sbatch"), """
            #!/bin/bash
            echo "$*" >> "$FAKE_SLURM_LOG"
            n=$(wc -l < "$FAKE_SLURM_LOG")
            echo "$((100 + n));cluster"
            """.Replace("\r", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(bin, "squeue"), "#!/bin/bash\nfor a in \"$@\"; do [ \"$a\" = \"$FAKE_QUEUED\" ] && echo \"$a\"; done\nexit 0\n");
        foreach (string f in new[] { "sbatch", "squeue" })
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(bin, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        string log = tmp["fake-bin/calls.txt"];
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(tmp[$"job/{script}"]);
        psi.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["FAKE_SLURM_LOG"] = log;
        psi.Environment["FAKE_QUEUED"] = queued;
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, File.Exists(log) ? [.. File.ReadAllLines(log)] : []);
    }
}
