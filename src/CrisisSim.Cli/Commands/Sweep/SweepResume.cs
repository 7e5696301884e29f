using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>
/// <c>sweep --resume</c>: checks that the folder holds this very sweep (design hash, shard, --ticks-every, run count),
/// then verifies its tables row by row (<see cref="ResultVerifier"/>) and keeps only the runs complete in every table,
/// so the resumed sweep ends byte-identical to one that was never interrupted.
/// </summary>
internal static class SweepResume
{
    /// <summary>Returns the manifest to continue with, how many of the shard's runs are done, and how many of those failed.</summary>
    public static (SweepManifest Manifest, int Done, int Failed) Prepare(SweepJob job, Func<RunSpec, int> ticksOf)
    {
        var (exp, mine, folder) = (job.Experiment, job.Mine, job.Folder);
        var manifest = SweepManifest.Read(folder.Manifest);
        CheckSameSweep(job, manifest);
        RefuseOlderLayout(job);
        var manifestNow = job.Options.Parquet && manifest.Format != "parquet" ? manifest with { Format = "parquet", Complete = false } : manifest;
        bool ticks = manifest.TicksEvery > 0;
        if (File.Exists(folder.Runs) && (!ticks || File.Exists(folder.Ticks)))
        {
            var final = ResultVerifier.Verify(folder.Runs, ticks ? folder.Ticks : null, exp, mine, manifest.TicksEvery, ticksOf);
            if (final.Problem is null)
            {
                return (manifestNow, mine.Count, final.FailedRuns);
            }

            job.Io.Error.WriteLine($"resuming: the finished tables do not hold every run ({final.Problem}); checking them as partial tables");
        }

        return FromPartialTables(job, manifestNow with { Complete = false }, ticksOf);
    }

    private static void CheckSameSweep(SweepJob job, SweepManifest manifest)
    {
        var (exp, mine, folder, o) = (job.Experiment, job.Mine, job.Folder, job.Options);
        if (manifest.DesignHash != exp.DesignHash)
        {
            throw new CliException($"{folder.Dir}: refusing to resume: the experiment or its scenario changed since this sweep started (design hash {manifest.DesignHash}, now {exp.DesignHash}); resuming would mix results of two designs. Start a new sweep in another --out, or restore the original files.");
        }

        if ((manifest.ShardIndex, manifest.ShardCount) != o.Shard)
        {
            throw new CliException($"{folder.Dir}: this folder holds shard {manifest.ShardIndex}/{manifest.ShardCount}; resume it with --shard {manifest.ShardIndex}/{manifest.ShardCount}");
        }

        if (manifest.TicksEvery != o.TicksEvery)
        {
            throw new CliException($"{folder.Dir}: this sweep was started with --ticks-every {manifest.TicksEvery}; resume it with the same value");
        }

        if (manifest.ShardRuns != mine.Count || manifest.Runs != exp.Runs.Count)
        {
            throw new CliException($"{folder.Dir}: {FileNames.SweepManifest} promises {manifest.ShardRuns} runs here, but the experiment gives {mine.Count}; was it edited?");
        }
    }

    /// <summary>A runs table from before seed_hex is refused as it is, not rerun from scratch nor mixed with rows of the new layout.</summary>
    private static void RefuseOlderLayout(SweepJob job)
    {
        var folder = job.Folder;
        foreach (string table in new[] { folder.Runs, folder.RunsPartial })
        {
            if (File.Exists(table) && ResultVerifier.HasOlderLayout(table, job.Experiment.FactorColumns))
            {
                throw new CliException($"{folder.Dir}: refusing to resume: {Path.GetFileName(table)} was {ResultVerifier.OlderLayout}. Finish it with the crisissim that started it, or start the sweep again in another --out.");
            }
        }
    }

    /// <summary>Brings every table back to its partial name, then keeps the longest prefix of runs complete in all of them.</summary>
    private static (SweepManifest Manifest, int Done, int Failed) FromPartialTables(SweepJob job, SweepManifest manifest, Func<RunSpec, int> ticksOf)
    {
        var (exp, mine, folder, error) = (job.Experiment, job.Mine, job.Folder, job.Io.Error);
        bool ticks = manifest.TicksEvery > 0;
        MoveBack(folder.Runs, folder.RunsPartial);
        if (ticks)
        {
            MoveBack(folder.Ticks, folder.TicksPartial);
        }

        manifest.Write(folder.Manifest);
        if (!File.Exists(folder.RunsPartial) || (ticks && !File.Exists(folder.TicksPartial)))
        {
            DeleteIfExists(folder.RunsPartial);
            DeleteIfExists(folder.TicksPartial);
            error.WriteLine($"resuming: 0 of {mine.Count} runs were saved");
            return (manifest, 0, 0);
        }

        var verified = ResultVerifier.Verify(folder.RunsPartial, ticks ? folder.TicksPartial : null, exp, mine, manifest.TicksEvery, ticksOf);
        if (verified.Runs == 0)
        {
            DeleteIfExists(folder.RunsPartial);
            DeleteIfExists(folder.TicksPartial);
        }
        else
        {
            Truncate(folder.RunsPartial, verified.RunsBytes);
            if (ticks)
            {
                Truncate(folder.TicksPartial, verified.TicksBytes);
            }
        }

        string why = verified.Problem is null || verified.Runs == mine.Count ? "" : $" (from run {mine[verified.Runs].RunId} on: {verified.Problem.What}, at {Path.GetFileName(verified.Problem.File)} line {verified.Problem.Line})";
        error.WriteLine($"resuming: {verified.Runs} of {mine.Count} runs were already done{why}");
        return (manifest, verified.Runs, verified.FailedRuns);
    }

    private static void MoveBack(string final, string partial)
    {
        if (File.Exists(final))
        {
            File.Move(final, partial, overwrite: true);
        }
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength(length);
    }
}
