using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>
/// The scripts that submit a Slurm job folder: <see cref="FileNames.SlurmSubmit"/> (every shard, in one array job per
/// MaxArraySize shards, then the merge job after all of them) and <see cref="FileNames.SlurmResubmit"/> (exactly the
/// shards whose folder holds no complete sweep.json, then a new merge job after them). The merge depends on the arrays
/// with <c>afterany</c>: it runs however the tasks ended, so a failed task never leaves it pending for ever; it refuses
/// missing or unfinished shards by name and points at resubmit.sh. Both record the job ids in <see cref="FileNames.SlurmJobs"/>.
/// </summary>
internal static class SlurmSubmitScripts
{
    /// <summary>submit.sh: the arrays, then the merge with afterany on all of them.</summary>
    public static string Submit(SlurmJob job, string dir)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append("# Submits the shard array (one array job per MaxArraySize shards) and a merge job that starts when every array task\n");
        sb.Append(CultureInfo.InvariantCulture, $"# has ended (afterany): it merges if every shard is complete, else names the missing ones (then run {FileNames.SlurmResubmit}).\n");
        sb.Append("set -eo pipefail\n");
        sb.Append("cd \"$(dirname \"$0\")\"\n");
        sb.Append("arrays=()\n");
        foreach (int offset in job.ArrayOffsets)
        {
            int count = Math.Min(job.MaxArraySize, job.Shards - offset);
            string range = string.Create(CultureInfo.InvariantCulture, $"0-{count - 1}");
            sb.Append(CultureInfo.InvariantCulture, $"id=$(sbatch --parsable{ArrayOptions(job, dir, offset, job.Split ? range : null)} {FileNames.SlurmArray})\n");
            sb.Append("id=${id%%;*}\n");
            sb.Append(CultureInfo.InvariantCulture, $"echo \"array $id shards {offset}-{offset + count - 1}\" >> {FileNames.SlurmJobs}\n");
            sb.Append("arrays+=(\"$id\")\n");
        }

        AppendMerge(sb, "arrays");
        sb.Append(CultureInfo.InvariantCulture, $"echo \"submitted shard array(s) ${{arrays[*]}} ({job.Shards} tasks) and merge job $merge\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"echo \"follow with: squeue -j $(IFS=,; echo \"${{arrays[*]}},$merge\")   results: {SlurmScripts.Quote(Path.Combine(dir, FileNames.SlurmMerged))}\"\n");
        return sb.ToString();
    }

    /// <summary>resubmit.sh: refuses while a job it knows is queued or running; then the shards without a complete manifest, and a merge after them.</summary>
    public static string Resubmit(SlurmJob job, string dir)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Resubmits exactly the shards that are missing or unfinished (no {FileNames.SlurmShards}/shard-I/{FileNames.SweepManifest} with \"complete\": true):\n");
        sb.Append("# each resumes what it saved (--resume), so a shard killed at its time limit continues. Then a merge job after them.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Refuses while a job of {FileNames.SlurmJobs} is still queued or running (a shard must have one writer).\n");
        sb.Append("set -eo pipefail\n");
        sb.Append("cd \"$(dirname \"$0\")\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"if [ -f {FileNames.SlurmJobs} ]; then\n");
        sb.Append("  while read -r kind id rest; do\n");
        sb.Append("    if [ -n \"$(squeue -h -j \"$id\" -t PENDING,RUNNING,CONFIGURING,SUSPENDED,REQUEUED -o %i 2>/dev/null || true)\" ]; then\n");
        sb.Append("      echo \"error: job $id ($kind) is still queued or running; wait for it (squeue -j $id) or cancel it (scancel $id), then run this again\" >&2\n");
        sb.Append("      exit 1\n");
        sb.Append("    fi\n");
        sb.Append(CultureInfo.InvariantCulture, $"  done < {FileNames.SlurmJobs}\n");
        sb.Append("fi\n");
        sb.Append("todo=()\n");
        sb.Append(CultureInfo.InvariantCulture, $"for ((i = 0; i < {job.Shards}; i++)); do\n");
        sb.Append(CultureInfo.InvariantCulture, $"  grep -qs '\"complete\": *true' \"{FileNames.SlurmShards}/shard-$i/{FileNames.SweepManifest}\" || todo+=(\"$i\")\n");
        sb.Append("done\n");
        sb.Append("arrays=()\n");
        sb.Append(CultureInfo.InvariantCulture, $"for ((offset = 0; offset < {job.Shards}; offset += {job.MaxArraySize})); do\n");
        sb.Append("  list=\"\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"  for i in \"${{todo[@]}}\"; do if (( i >= offset && i < offset + {job.MaxArraySize} )); then list+=\"${{list:+,}}$((i - offset))\"; fi; done\n");
        sb.Append("  if [ -z \"$list\" ]; then continue; fi\n");
        sb.Append("  if [ \"$offset\" -eq 0 ]; then\n");
        sb.Append(CultureInfo.InvariantCulture, $"    id=$(sbatch --parsable{ArrayOptions(job, dir, 0, "$list")} {FileNames.SlurmArray})\n");
        sb.Append("  else\n");
        sb.Append(CultureInfo.InvariantCulture, $"    id=$(sbatch --parsable{ArrayOptions(job, dir, -1, "$list")} {FileNames.SlurmArray})\n");
        sb.Append("  fi\n");
        sb.Append("  id=${id%%;*}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  echo \"array $id shards $offset+($list)\" >> {FileNames.SlurmJobs}\n");
        sb.Append("  arrays+=(\"$id\")\n");
        sb.Append("done\n");
        sb.Append("if [ ${#todo[@]} -eq 0 ]; then echo \"every shard is complete; submitting the merge job only\"; fi\n");
        AppendMerge(sb, "arrays");
        sb.Append("echo \"resubmitted shard(s) ${todo[*]:-none} as array job(s) ${arrays[*]:-none}, and merge job $merge\"\n");
        return sb.ToString();
    }

    /// <summary>
    /// The sbatch options of one array job: the task list (null: the script's own #SBATCH --array), and for shards from
    /// an offset on, the offset and logs named by shard (offset + task). <paramref name="offset"/> -1 means "$offset".
    /// </summary>
    private static string ArrayOptions(SlurmJob job, string dir, int offset, string? tasks)
    {
        var sb = new StringBuilder();
        if (tasks is not null)
        {
            sb.Append(" --array=\"").Append(tasks).Append(job.Throttle).Append('"');
        }

        if (offset != 0)
        {
            string from = offset < 0 ? "$offset" : offset.ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $" --export=ALL,{SlurmScripts.OffsetVariable}={from}");
            string shown = offset < 0 ? "\"$offset\"" : from;
            sb.Append(" --output=").Append(SlurmScripts.Quote(SlurmScripts.Log(dir, "shard-%A_"))).Append(shown).Append(SlurmScripts.Quote("+%a.out"));
            sb.Append(" --error=").Append(SlurmScripts.Quote(SlurmScripts.Log(dir, "shard-%A_"))).Append(shown).Append(SlurmScripts.Quote("+%a.err"));
        }

        return sb.ToString();
    }

    /// <summary>The merge job after the array jobs in the bash array <paramref name="arrays"/> (afterany; none: at once).</summary>
    private static void AppendMerge(StringBuilder sb, string arrays)
    {
        sb.Append(CultureInfo.InvariantCulture, $"dependency=\"\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"if [ ${{#{arrays}[@]}} -gt 0 ]; then dependency=\"--dependency=afterany:$(IFS=:; echo \"${{{arrays}[*]}}\")\"; fi\n");
        sb.Append(CultureInfo.InvariantCulture, $"merge=$(sbatch --parsable $dependency {FileNames.SlurmMerge})\n");
        sb.Append("merge=${merge%%;*}\n");
        sb.Append(CultureInfo.InvariantCulture, $"echo \"merge $merge\" >> {FileNames.SlurmJobs}\n");
    }
}
