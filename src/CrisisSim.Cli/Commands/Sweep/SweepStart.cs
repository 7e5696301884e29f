using System.Globalization;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>
/// A sweep started from nothing: the output folder is checked (an earlier sweep is replaced only with --force, an
/// input never), emptied, and given the sweep.json that a later resume or merge checks itself against.
/// </summary>
internal static class SweepStart
{
    /// <summary>Prepares the folder of <paramref name="job"/> and writes its manifest (not complete); returns the manifest.</summary>
    public static SweepManifest Fresh(SweepJob job)
    {
        PrepareFolder(job.Folder, job.Options.Force, InputsOf(job.ExperimentPath, job.Experiment));
        var manifest = NewManifest(job);
        manifest.Write(job.Folder.Manifest);
        return manifest;
    }

    /// <summary>The files a sweep reads: never deleted by --force.</summary>
    private static List<string> InputsOf(string experimentPath, LoadedExperiment exp)
    {
        var inputs = new List<string>();
        if (!ShippedFiles.IsShipped(experimentPath))
        {
            inputs.Add(experimentPath);
        }

        if (!ShippedFiles.IsShipped(exp.ScenarioSource) && !ShippedFiles.IsShipped(experimentPath))
        {
            inputs.Add(ExperimentSource.Resolve(ExperimentSource.BaseDirOf(experimentPath), exp.ScenarioSource));
        }

        return inputs;
    }

    private static void PrepareFolder(SweepFolder folder, bool force, List<string> inputs)
    {
        if (!force && Directory.Exists(folder.Dir) && Directory.EnumerateFileSystemEntries(folder.Dir).Any())
        {
            throw new CliException(File.Exists(folder.Manifest)
                ? $"{folder.Dir}: the output folder holds a sweep; pass --resume to finish it, --force to replace it, or choose another --out"
                : $"{folder.Dir}: the output folder exists, is not empty and holds no sweep (no {FileNames.SweepManifest}); choose another --out");
        }

        OutputFolder.CheckTarget(folder.Dir, force, [.. inputs.Select(i => OutputPath.Resolve(i, "input"))], OutputMode.Replace);
        try
        {
            if (Directory.Exists(folder.Dir) && Directory.EnumerateFileSystemEntries(folder.Dir).Any())
            {
                // Replacing (--force was checked): move the old sweep aside whole, then delete it.
                string aside = FileNames.Beside(folder.Dir, FileNames.ReplacedKind);
                Directory.Move(folder.Dir, aside);
                Directory.Delete(aside, recursive: true);
            }

            Directory.CreateDirectory(folder.Dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{folder.Dir}: cannot create the output folder: {WriterLock.Describe(ex)}");
        }
    }

    private static SweepManifest NewManifest(SweepJob job)
    {
        var (exp, o) = (job.Experiment, job.Options);
        return new SweepManifest
        {
            ToolVersion = Provenance.ToolVersion,
            DotnetVersion = Environment.Version.ToString(),
            Experiment = Path.GetFullPath(job.ExperimentPath), // a merge or resume hint elsewhere must find it from any folder
            ExperimentName = exp.Spec.Name,
            ExperimentText = exp.Text,
            Scenario = exp.ScenarioSource,
            ScenarioHash = exp.ScenarioHash,
            DesignHash = exp.DesignHash,
            DesignKind = exp.Spec.Design.Kind,
            Factors = exp.FactorColumns,
            MasterSeed = exp.Spec.MasterSeed.ToString(CultureInfo.InvariantCulture),
            Replicates = exp.Spec.Replicates,
            Points = exp.Points.Count,
            Runs = exp.Runs.Count,
            ShardIndex = o.Shard.Index,
            ShardCount = o.Shard.Count,
            ShardRuns = job.Mine.Count,
            TicksEvery = o.TicksEvery,
            Format = o.Parquet ? "parquet" : "csv",
            StartedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Comparison = exp.Spec.Design.Type.ComparesGroups ? ComparisonPlan.Of(exp.Spec.Compare, exp.FactorColumns).ToJson() : null,
        };
    }
}
