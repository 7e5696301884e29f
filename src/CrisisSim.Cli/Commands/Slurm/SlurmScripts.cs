using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>The options of <c>crisissim slurm</c> that go into the scripts (already checked by the command).</summary>
/// <param name="Shards">Array tasks, one shard each.</param>
/// <param name="Partition">#SBATCH --partition, or null.</param>
/// <param name="Time">#SBATCH --time of each shard (and of the merge).</param>
/// <param name="Cpus">#SBATCH --cpus-per-task of each shard; the shard's sweep uses them all.</param>
/// <param name="Mem">#SBATCH --mem, or null.</param>
/// <param name="Account">#SBATCH --account, or null.</param>
/// <param name="TicksEvery">--ticks-every of every shard.</param>
/// <param name="Command">The shell command that runs crisissim on the cluster.</param>
internal sealed record SlurmJob(int Shards, string? Partition, string Time, int Cpus, string? Mem, string? Account, int TicksEvery, string Command);

/// <summary>
/// The three scripts of a Slurm job folder: <see cref="FileNames.SlurmArray"/> (one sweep shard per array task, resumed
/// when a task is run again), <see cref="FileNames.SlurmMerge"/> (merge and compare) and <see cref="FileNames.SlurmSubmit"/>
/// (submits both, the merge with afterok on the array). Paths are quoted for the shell, and for #SBATCH filename lines.
/// </summary>
internal static class SlurmScripts
{
    /// <summary>The scripts by file name, for the folder <paramref name="dir"/> (resolved) and the experiment at <paramref name="experimentPath"/>.</summary>
    public static (string Name, string Text)[] For(SlurmJob job, LoadedExperiment exp, string experimentPath, string dir) =>
    [
        (FileNames.SlurmArray, Array(job, exp, experimentPath, dir)),
        (FileNames.SlurmMerge, Merge(job, exp, dir)),
        (FileNames.SlurmSubmit, Submit(job, dir)),
    ];

    /// <summary>The shell quoting of the scripts: always single quotes, so a path reads the same in every line.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Array(SlurmJob job, LoadedExperiment exp, string experimentPath, string dir)
    {
        string q = Quote(dir);
        var array = new StringBuilder();
        array.Append("#!/bin/bash\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=crisissim-{Safe(exp.Spec.Name)}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{job.Shards - 1}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={job.Cpus}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={job.Time}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{Logs(dir)}/shard-%A_%a.out\"\n");
        AppendOptional(array, job);
        array.Append(CultureInfo.InvariantCulture, $"# One shard of {exp.Runs.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates) per array task.\n");
        array.Append(CultureInfo.InvariantCulture, $"# Re-running a task resumes its shard (--resume): resubmit failed tasks with e.g. sbatch --array=3,7 {FileNames.SlurmArray}\n");
        array.Append("set -euo pipefail\n");
        array.Append(CultureInfo.InvariantCulture,
            $"exec {job.Command} sweep {Quote(Path.GetFullPath(experimentPath))} --out {q}/{FileNames.SlurmShards}/shard-$SLURM_ARRAY_TASK_ID --shard $SLURM_ARRAY_TASK_ID/{job.Shards} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --ticks-every {job.TicksEvery} --resume --progress\n");
        return array.ToString();
    }

    private static string Merge(SlurmJob job, LoadedExperiment exp, string dir)
    {
        string q = Quote(dir);
        var merge = new StringBuilder();
        merge.Append("#!/bin/bash\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=crisissim-{Safe(exp.Spec.Name)}-merge\n");
        merge.Append("#SBATCH --cpus-per-task=1\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={job.Time}\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{Logs(dir)}/merge-%j.out\"\n");
        AppendOptional(merge, job);
        merge.Append("# Joins the shards into the files one machine would have written, then compares them as the sweep itself does (the experiment's compare section).\n");
        merge.Append("set -euo pipefail\n");
        merge.Append(CultureInfo.InvariantCulture, $"{job.Command} merge {q}/{FileNames.SlurmShards} --out {q}/{FileNames.SlurmMerged} --force\n");
        merge.Append(CultureInfo.InvariantCulture, $"{job.Command} compare {q}/{FileNames.SlurmMerged} --out {q}/{FileNames.SlurmMerged}/{FileNames.SlurmComparison} --force || true\n");
        return merge.ToString();
    }

    private static string Submit(SlurmJob job, string dir)
    {
        var submit = new StringBuilder();
        submit.Append("#!/bin/bash\n");
        submit.Append("# Submits the shard array and a merge job that starts only when every shard succeeded.\n");
        submit.Append("set -euo pipefail\n");
        submit.Append("cd \"$(dirname \"$0\")\"\n");
        submit.Append(CultureInfo.InvariantCulture, $"array=$(sbatch --parsable {FileNames.SlurmArray})\n");
        submit.Append("array=${array%%;*}\n");
        submit.Append(CultureInfo.InvariantCulture, $"merge=$(sbatch --parsable --dependency=afterok:$array {FileNames.SlurmMerge})\n");
        submit.Append("merge=${merge%%;*}\n");
        submit.Append(CultureInfo.InvariantCulture, $"echo \"submitted shard array $array ({job.Shards} tasks) and merge job $merge\"\n");
        submit.Append(CultureInfo.InvariantCulture, $"echo \"follow with: squeue -j $array,$merge   results: {dir}/{FileNames.SlurmMerged}\"\n");
        return submit.ToString();
    }

    private static string Logs(string dir) => SbatchPath(Path.Combine(dir, FileNames.SlurmLogs));

    private static void AppendOptional(StringBuilder sb, SlurmJob job)
    {
        if (job.Partition is not null)
        {
            sb.Append("#SBATCH --partition=").Append(job.Partition).Append('\n');
        }

        if (job.Mem is not null)
        {
            sb.Append("#SBATCH --mem=").Append(job.Mem).Append('\n');
        }

        if (job.Account is not null)
        {
            sb.Append("#SBATCH --account=").Append(job.Account).Append('\n');
        }
    }

    /// <summary>A path for an #SBATCH filename option: inside double quotes, with % (a Slurm filename pattern) written as %%.</summary>
    private static string SbatchPath(string path)
    {
        if (path.Contains('"', StringComparison.Ordinal))
        {
            throw new CliException($"{path}: a folder with a double quote cannot be named in an #SBATCH line; choose another --out");
        }

        return path.Replace("%", "%%", StringComparison.Ordinal);
    }

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
