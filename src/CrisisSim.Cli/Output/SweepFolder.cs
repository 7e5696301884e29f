namespace CrisisSim.Cli.Output;

/// <summary>The layout of a sweep folder: where each of the files of <see cref="FileNames"/> lies.</summary>
/// <param name="Dir">The folder (resolved).</param>
public sealed record SweepFolder(string Dir)
{
    /// <summary>sweep.json.</summary>
    public string Manifest => Path.Combine(Dir, FileNames.SweepManifest);

    /// <summary>runs.csv.</summary>
    public string Runs => Path.Combine(Dir, FileNames.Runs);

    /// <summary>runs.csv while the sweep runs.</summary>
    public string RunsPartial => Runs + FileNames.PartialSuffix;

    /// <summary>ticks.csv.</summary>
    public string Ticks => Path.Combine(Dir, FileNames.Ticks);

    /// <summary>ticks.csv while the sweep runs.</summary>
    public string TicksPartial => Ticks + FileNames.PartialSuffix;

    /// <summary>runs.parquet.</summary>
    public string RunsParquet => Path.Combine(Dir, FileNames.RunsParquet);

    /// <summary>ticks.parquet.</summary>
    public string TicksParquet => Path.Combine(Dir, FileNames.TicksParquet);

    /// <summary>report.html.</summary>
    public string Report => Path.Combine(Dir, FileNames.Report);

    /// <summary>The figures folder.</summary>
    public string Figures => Path.Combine(Dir, FileNames.Figures);
}
