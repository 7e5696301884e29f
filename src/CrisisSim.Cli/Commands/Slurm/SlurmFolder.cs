using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>Recognises the folders of a <c>crisissim slurm</c> job, so that a message about a shard can name its resubmit script.</summary>
internal static class SlurmFolder
{
    /// <summary>
    /// The resubmit.sh of the job folder that holds <paramref name="folder"/> when it is the job's shards folder
    /// (DIR/shards) or one shard in it (DIR/shards/shard-I), else null.
    /// </summary>
    public static string? ResubmitScript(string folder)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string? shards = Path.GetFileName(full) == FileNames.SlurmShards ? full : Path.GetDirectoryName(full);
        if (shards is null || Path.GetFileName(shards) != FileNames.SlurmShards || Path.GetDirectoryName(shards) is not { } job)
        {
            return null;
        }

        string script = Path.Combine(job, FileNames.SlurmResubmit);
        return File.Exists(script) ? script : null;
    }
}
