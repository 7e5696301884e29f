namespace CrisisSim.Cli.Output;

/// <summary>
/// The names of the files crisissim writes into a result folder (the output contract in README.md), and of the hidden
/// entries it keeps beside an output while writing it, named once: no other file spells a file name.
/// </summary>
public static class FileNames
{
    /// <summary>One row per run.</summary>
    public const string Runs = "runs.csv";

    /// <summary>Every K-th tick of every run (a sweep with --ticks-every), or every tick of a single run.</summary>
    public const string Ticks = "ticks.csv";

    /// <summary>The trace of a run (--trace).</summary>
    public const string Events = "events.csv";

    /// <summary>The state of every zone after every tick of a traced run (--trace), for crisissim view.</summary>
    public const string Zones = "zones.csv";

    /// <summary>Where each node's units are after every tick of a traced run (--trace), for crisissim view.</summary>
    public const string Units = "units.csv";

    /// <summary>A traced run's zones, roads and nodes as crisissim view draws them (--trace).</summary>
    public const string Map = "map.json";

    /// <summary>crisissim view: the page of one run, in its folder.</summary>
    public const string View = "view.html";

    /// <summary>crisissim view: the page of two runs side by side, in the first one's folder.</summary>
    public const string PairView = "view-pair.html";

    /// <summary>A sweep's manifest (<see cref="SweepManifest"/>).</summary>
    public const string SweepManifest = "sweep.json";

    /// <summary>A single run's provenance.</summary>
    public const string Provenance = "provenance.json";

    /// <summary>The paired comparison.</summary>
    public const string Comparison = "comparison.csv";

    /// <summary>The decomposition of a 2x2 of arms (compare.interaction).</summary>
    public const string Interaction = "interaction.csv";

    /// <summary>Where each group pays off along a within factor.</summary>
    public const string Thresholds = "thresholds.csv";

    /// <summary>Morris or Sobol indices.</summary>
    public const string Sensitivity = "sensitivity.csv";

    /// <summary>Sensitivity indices of the paired difference between two sweeps of one design (sensitivity --minus).</summary>
    public const string SensitivityDifference = "sensitivity-difference.csv";

    /// <summary>crisissim calibrate: every parameter set drawn, its targets' replicate means and whether it was accepted.</summary>
    public const string CalibrationDraws = "draws.csv";

    /// <summary>crisissim calibrate: the accepted parameter sets (the posterior sample).</summary>
    public const string Posterior = "posterior.csv";

    /// <summary>crisissim calibrate: what produced the draws (file, its hash, tool version, counts).</summary>
    public const string CalibrationManifest = "calibration.json";

    /// <summary>The self-contained HTML report.</summary>
    public const string Report = "report.html";

    /// <summary>The figures folder.</summary>
    public const string Figures = "figures";

    /// <summary>runs.csv as Parquet.</summary>
    public const string RunsParquet = "runs.parquet";

    /// <summary>ticks.csv as Parquet.</summary>
    public const string TicksParquet = "ticks.parquet";

    /// <summary>crisissim slurm: the job array script, one sweep shard per array task.</summary>
    public const string SlurmArray = "array.sbatch";

    /// <summary>crisissim slurm: the job that merges the shards once every task succeeded.</summary>
    public const string SlurmMerge = "merge.sbatch";

    /// <summary>crisissim slurm: the script that submits the array (or arrays, above MaxArraySize) and the merge job.</summary>
    public const string SlurmSubmit = "submit.sh";

    /// <summary>crisissim slurm: the folder of the jobs' output files.</summary>
    public const string SlurmLogs = "logs";

    /// <summary>crisissim slurm: the folder of the shard folders (shard-0, shard-1, …).</summary>
    public const string SlurmShards = "shards";

    /// <summary>crisissim slurm: the merged sweep, beside the shards.</summary>
    public const string SlurmMerged = "merged";

    /// <summary>crisissim slurm: the script that resubmits exactly the missing or unfinished shards, then a merge job.</summary>
    public const string SlurmResubmit = "resubmit.sh";

    /// <summary>crisissim slurm: the ids of the jobs submit.sh and resubmit.sh submitted (resubmit.sh waits for none of them to be queued).</summary>
    public const string SlurmJobs = "jobs.txt";

    /// <summary>Where run, sweep and slurm put a new folder when no --out is given (relative to the current folder).</summary>
    public const string DefaultRoot = "results";

    /// <summary>Suffix of a sweep table still being written (runs.csv.partial): renamed away when the sweep closes.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Kind of <see cref="Beside"/> entry: the staging folder of an <see cref="OutputFolder"/>.</summary>
    public const string StagingKind = "partial";

    /// <summary>Kind of <see cref="Beside"/> entry: an old output moved aside while its replacement moves in.</summary>
    public const string ReplacedKind = "replaced";

    /// <summary>Kind of <see cref="Beside"/> entry: a file being written before its rename (<see cref="OutputFile.AtomicWrite"/>).</summary>
    public const string TempKind = "tmp";

    /// <summary>Kind of <see cref="Beside"/> entry: the figures a report draws only to embed them.</summary>
    public const string FiguresKind = Figures;

    /// <summary>
    /// The hidden entry <c>.NAME.KIND-PID</c> beside <paramref name="target"/> that this process uses while writing it.
    /// Never mistaken for results; a dead writer's is removed by the next holder of the target's lock
    /// (<see cref="OutputFolder.RemoveLeftovers"/>, which recognises exactly this shape).
    /// </summary>
    public static string Beside(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{kind}-{Environment.ProcessId}");

    /// <summary>The lock file of <paramref name="target"/> (<see cref="WriterLock"/>): <c>.NAME.lock</c> beside it, never deleted.</summary>
    public static string LockOf(string target) => Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.lock");

    /// <summary>Who holds the lock of <paramref name="target"/>: <c>.NAME.owner</c> beside it, read only for the refusal message.</summary>
    public static string OwnerOf(string target) => Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.owner");
}
