namespace CrisisSim.Cli.Output;

/// <summary>The layout of a sweep folder: every file a sweep writes, named once.</summary>
/// <param name="Dir">The folder (resolved).</param>
public sealed record SweepFolder(string Dir)
{
    /// <summary>runs.csv: one row per run.</summary>
    public const string RunsFile = FileNames.Runs;

    /// <summary>ticks.csv: every K-th tick of every run.</summary>
    public const string TicksFile = FileNames.Ticks;

    /// <summary>The report's file name.</summary>
    public const string ReportFile = FileNames.Report;

    /// <summary>Suffix of a table still being written.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>sweep.json.</summary>
    public string Manifest => Path.Combine(Dir, SweepManifest.FileName);

    /// <summary>runs.csv.</summary>
    public string Runs => Path.Combine(Dir, RunsFile);

    /// <summary>runs.csv while the sweep runs.</summary>
    public string RunsPartial => Runs + PartialSuffix;

    /// <summary>ticks.csv.</summary>
    public string Ticks => Path.Combine(Dir, TicksFile);

    /// <summary>ticks.csv while the sweep runs.</summary>
    public string TicksPartial => Ticks + PartialSuffix;

    /// <summary>runs.parquet.</summary>
    public string RunsParquet => Path.ChangeExtension(Runs, ".parquet");

    /// <summary>ticks.parquet.</summary>
    public string TicksParquet => Path.ChangeExtension(Ticks, ".parquet");

    /// <summary>report.html.</summary>
    public string Report => Path.Combine(Dir, ReportFile);

    /// <summary>The figures folder.</summary>
    public string Figures => Path.Combine(Dir, FileNames.Figures);
}
