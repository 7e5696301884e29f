namespace CrisisSim.Cli.Output;

/// <summary>The layout of a sweep folder: where each of the files of <see cref="FileNames"/> lies.</summary>
/// <param name="Dir">The folder (resolved).</param>
public sealed record SweepFolder(string Dir)
{
    public string Manifest => Path.Combine(Dir, FileNames.SweepManifest);

    public string Runs => Path.Combine(Dir, FileNames.Runs);

    /// <summary>runs.csv.partial: appended run by run in run_id order, renamed to runs.csv by the closing phase.</summary>
    public string RunsPartial => Runs + FileNames.PartialSuffix;

    public string Ticks => Path.Combine(Dir, FileNames.Ticks);

    /// <summary>ticks.csv.partial: a run's ticks are flushed before its runs.csv row, and it is renamed first.</summary>
    public string TicksPartial => Ticks + FileNames.PartialSuffix;

    public string RunsParquet => Path.Combine(Dir, FileNames.RunsParquet);

    public string TicksParquet => Path.Combine(Dir, FileNames.TicksParquet);

    public string Report => Path.Combine(Dir, FileNames.Report);

    public string Figures => Path.Combine(Dir, FileNames.Figures);
}
