using System.Globalization;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>Which figures to draw for a result folder, as plot's options give it (report asks with defaults).</summary>
/// <param name="Dir">The folder of a run or sweep (runs.csv, optional ticks.csv and sensitivity.csv).</param>
/// <param name="Series">ticks.csv series to draw over time; empty: <see cref="FolderFigures.DefaultSeries"/>, those that exist.</param>
/// <param name="Metrics">Metrics for box plots, differences, heatmaps and sensitivity bars; empty: <see cref="FolderFigures.DefaultMetrics"/>.</param>
/// <param name="By">The factor column that groups runs, or null for arm (or the first factor).</param>
/// <param name="Heatmap">"X,Y" factor columns for heatmaps, or null for the first two factors (if any).</param>
/// <param name="Within">A stratum column along which each group's paired difference from the baseline is drawn, or null for none.</param>
/// <param name="Baseline">The baseline group, or null for the sweep's (its compare section's, else the first group).</param>
/// <param name="Arms">The groups to draw (arms, or levels of <paramref name="By"/>), in this order; empty: all.</param>
/// <param name="ForestOnly">Draw only the forest plots (<c>--forest</c>).</param>
/// <param name="Options">Size, resolution, title and formats; null: <see cref="FigureOptions.Default"/>.</param>
/// <param name="Plan">The comparison to draw (the report's); null: the folder's own (<see cref="ComparisonPlan.OfFolder"/>) with this request's options in place of its parts.</param>
public sealed record PlotRequest(string Dir, IReadOnlyList<string> Series, IReadOnlyList<string> Metrics, string? By, string? Heatmap, string? Within = null, string? Baseline = null,
    IReadOnlyList<string>? Arms = null, bool ForestOnly = false, FigureOptions? Options = null, ComparisonPlan? Plan = null);

/// <summary>The figures drawn for a folder, and notes on what was left out or drawn with a caveat (degenerate data).</summary>
/// <param name="Figures">The figures written.</param>
/// <param name="Notes">One line each: which figure, what is unusual about its data, and what was done.</param>
/// <param name="Plan">The comparison the figures show.</param>
/// <param name="Comparison">Its rows and baseline (comparison.csv's), or null when there is nothing to compare.</param>
public sealed record Drawing(IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes, ComparisonPlan? Plan = null, (IReadOnlyList<ComparisonRow> Rows, string Baseline)? Comparison = null);

/// <summary>
/// Every figure the results in a folder allow (used by plot and report). Degenerate results (no successful run, empty
/// or non-numeric cells, one run per group, a constant metric, a short ticks.csv) never throw: the figure is drawn with
/// a caveat, or left out, and <see cref="Drawing.Notes"/> says which and why. Invalid requests (an unknown --metric,
/// --series, --by, --within, --heatmap column or baseline) and unreadable tables throw <see cref="CliException"/>, as
/// does a machine without a usable font (see <see cref="Figures.EnsureFont"/>).
/// </summary>
public static partial class FolderFigures
{
    /// <summary>Metrics drawn when none are named.</summary>
    public static readonly string[] DefaultMetrics = ["deaths_civilian", "deaths_responder", "unmet_need_hours", "info_latency_mean_h"];

    /// <summary>Series drawn when none are named (if ticks.csv exists).</summary>
    public static readonly string[] DefaultSeries = ["trapped", "sheltered", "dead", "rumour"];

    private static readonly Regex s_exceptionType = new(@"^[A-Za-z0-9_.]*Exception: ", RegexOptions.CultureInvariant);

    /// <summary>Draws what <paramref name="request"/> asks into <paramref name="outDir"/>.</summary>
    public static Drawing DrawAll(PlotRequest request, string outDir)
    {
        string runsPath = Path.Combine(request.Dir, FileNames.Runs);
        if (!File.Exists(runsPath))
        {
            throw new CliException($"{request.Dir}: no {FileNames.Runs} here; give the --out folder of a finished run or sweep");
        }

        var runs = RunsTableFile.Read(runsPath);
        var plan = request.Plan ?? ComparisonPlan.OfFolder(request.Dir, runs).With(request.By is { } b ? [b] : [], [.. request.Metrics], request.Baseline, request.Within is { } w ? [w] : [], null);
        string groupBy = request.By ?? (plan.By.Length == 1 ? plan.By[0] : Grouping.DefaultBy(runs).FirstOrDefault() ?? "");
        string ticks = Path.Combine(request.Dir, FileNames.Ticks);
        string[]? pair = CheckRequest(request, runs, groupBy, ticks);
        var notes = new List<string>();
        var chosenMetrics = ChooseMetrics(runs, request.Metrics, notes);
        var ok = SuccessfulRuns(runs, notes);
        if (ok.Count == 0)
        {
            return new Drawing([], [.. notes, NoSuccessfulRuns(runs)], plan);
        }

        int byCol = runs.Column(groupBy);
        var arms = ChooseArms(request.Arms ?? [], ok, byCol, groupBy);
        if (plan.Baseline is { } baseline && byCol >= 0 && plan.By is [_] && !ok.Any(r => Figures.Cell(r, byCol) == baseline))
        {
            throw new CliException($"baseline {baseline}: no successful run of such a group; the groups are: {string.Join(", ", ok.Select(r => Figures.Cell(r, byCol)).Distinct())}");
        }

        Figures.EnsureFont();
        var sheet = new Sheet(new FigureTarget(outDir, request.Options ?? FigureOptions.Default, notes));
        var comparison = Compare(runs, ok, plan, notes);
        DrawForests(sheet, comparison, plan, arms);
        if (!request.ForestOnly)
        {
            var shown = arms.Count == 0 ? ok : [.. ok.Where(r => arms.Contains(Figures.Cell(r, byCol)))];
            DrawSeries(sheet, runs, shown, byCol, ticks, request.Series, groupBy);
            foreach (string m in chosenMetrics)
            {
                sheet.Add($"box-{m}", () => Figures.BoxStrip(runs, shown, m, groupBy, sheet.Target));
            }

            var compared = chosenMetrics.Where(plan.Metrics.Contains).ToArray();
            DrawDifferences(sheet, comparison, plan, compared);
            DrawHeatmaps(sheet, runs, plan, pair, compared, arms);
            DrawSensitivity(sheet, request.Dir, chosenMetrics);
        }

        return new Drawing(sheet.Figures, notes, plan, comparison);
    }

    /// <summary>
    /// The successful runs: status "ok". A runs.csv without a status column (written by hand, or by another tool) is
    /// taken as all successful, as compare does, and a note says so; its failed runs, if any, have no values and are
    /// left out of each figure like any empty cell.
    /// </summary>
    internal static List<string[]> SuccessfulRuns(ResultTable runs, ICollection<string> notes)
    {
        int status = runs.Column("status");
        if (status < 0)
        {
            if (runs.Rows.Count > 0)
            {
                notes.Add($"{FileNames.Runs} has no status column: every row is taken as a successful run");
            }

            return runs.Rows;
        }

        return [.. runs.Rows.Where(r => Figures.Cell(r, status) == "ok")];
    }

    /// <summary>Why there is nothing to draw or compare: no rows, or every run failed (with the first error).</summary>
    internal static string NoSuccessfulRuns(ResultTable runs)
    {
        if (runs.Header.Length == 0)
        {
            return $"{FileNames.Runs} is empty (not even a header)";
        }

        if (runs.Rows.Count == 0)
        {
            return $"{FileNames.Runs} has a header but no runs";
        }

        int status = runs.Column("status");
        int error = runs.Column("error");
        var statuses = runs.Rows.GroupBy(r => Figures.Cell(r, status)).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {(g.Key.Length == 0 ? "without a status" : g.Key)}"));
        var first = runs.Rows.FirstOrDefault(r => Figures.Cell(r, error).Length > 0);
        // The error column holds "ExceptionType: message" from the model; the message is what a user can act on.
        string why = first is null ? "" : $"; the first error (run {Figures.Cell(first, runs.Column("run_id"))}, see the error column): {s_exceptionType.Replace(Figures.Cell(first, error), "")}";
        return string.Create(CultureInfo.InvariantCulture, $"none of the {runs.Rows.Count} runs in {FileNames.Runs} succeeded ({string.Join(", ", statuses)}){why}");
    }

    /// <summary>The metrics asked for, or those of <see cref="DefaultMetrics"/> that runs.csv has (with a note on the others).</summary>
    private static string[] ChooseMetrics(ResultTable runs, IReadOnlyList<string> metrics, List<string> notes)
    {
        if (metrics.Count > 0)
        {
            return [.. metrics];
        }

        var present = DefaultMetrics.Where(m => runs.Column(m) >= 0).ToArray();
        if (present.Length < DefaultMetrics.Length)
        {
            notes.Add($"{FileNames.Runs} has no {string.Join(", ", DefaultMetrics.Except(present))} column: not drawn");
        }

        return present;
    }

    /// <summary>Refuses a request that names what the folder does not have; returns the --heatmap pair, if given.</summary>
    private static string[]? CheckRequest(PlotRequest request, ResultTable runs, string groupBy, string ticks)
    {
        if (request.By is { } by && runs.Column(by) < 0)
        {
            throw new CliException($"--by {by}: no such column; the factors are: {string.Join(", ", Comparison.FactorColumns(runs))}");
        }

        foreach (string m in request.Metrics)
        {
            if (runs.Column(m) < 0 || !Core.Metrics.RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"--metric {m}: unknown metric");
            }
        }

        string[]? pair = request.Heatmap?.Split(',', StringSplitOptions.TrimEntries);
        if (pair is { Length: not 2 })
        {
            throw new CliException($"--heatmap {request.Heatmap}: expected two factor columns as X,Y");
        }

        if (request.Within is { } within && groupBy.Length == 0)
        {
            throw new CliException($"--within {within}: this sweep has no group column to compare along it");
        }

        if (!File.Exists(ticks) && request.Series.Count > 0)
        {
            throw new CliException($"{request.Dir}: no {FileNames.Ticks} (run the sweep with --ticks-every K to draw series over time)");
        }

        if (request.Series.Count > 0 && new FileInfo(ticks).Length == 0)
        {
            throw new CliException($"{ticks}: empty (not even a header); --series needs the ticks of a finished sweep");
        }

        return pair;
    }

    private static void DrawSeries(Sheet sheet, ResultTable runs, List<string[]> ok, int byCol, string ticks, IReadOnlyList<string> series, string groupBy)
    {
        if (File.Exists(ticks) && new FileInfo(ticks).Length == 0)
        {
            sheet.Notes.Add($"{FileNames.Ticks} is empty (not even a header): no series over time");
        }
        else if (File.Exists(ticks) && GroupOfRun(runs, ok, byCol, sheet.Notes) is { } groupOfRun)
        {
            foreach (string s in series.Count > 0 ? series : DefaultSeries)
            {
                sheet.Add($"timeseries-{s}", () => Figures.TimeSeries(ticks, groupOfRun, s, groupBy.Length == 0 ? "run" : groupBy, sheet.Target, named: series.Count > 0));
            }
        }
    }

    private static void DrawSensitivity(Sheet sheet, string dir, string[] metrics)
    {
        string sensitivity = Path.Combine(dir, FileNames.Sensitivity);
        if (!File.Exists(sensitivity))
        {
            return;
        }

        var table = RunsTableFile.Read(sensitivity);
        var available = table.Rows.Select(r => Figures.Cell(r, table.Column("metric"))).ToHashSet();
        foreach (string m in metrics.Where(available.Contains))
        {
            sheet.Add($"sensitivity-{m}", () => Figures.SensitivityBars(sensitivity, m, sheet.Target));
        }
    }

    /// <summary>The group of each successful run, by run_id; null (with a note) when runs.csv has no run_id column.</summary>
    private static Dictionary<long, string>? GroupOfRun(ResultTable runs, List<string[]> ok, int byCol, ICollection<string> notes)
    {
        int idCol = runs.Column("run_id");
        if (idCol < 0)
        {
            notes.Add($"{FileNames.Runs} has no run_id column, so its runs cannot be matched with {FileNames.Ticks}: no series over time");
            return null;
        }

        var groupOfRun = new Dictionary<long, string>();
        foreach (var r in ok)
        {
            string id = Figures.Cell(r, idCol);
            if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out long run))
            {
                throw new CliException($"{FileNames.Runs}: run_id '{id}' is not a whole number");
            }

            if (!groupOfRun.TryAdd(run, Figures.Cell(r, byCol)))
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{FileNames.Runs}: run_id {run} is on two rows; the folder mixes results of two sweeps"));
            }
        }

        return groupOfRun;
    }

    /// <summary>The figures drawn so far into one folder, and the notes they left.</summary>
    private sealed class Sheet(FigureTarget target)
    {
        public FigureTarget Target { get; } = target;

        public ICollection<string> Notes => Target.Notes;

        public List<Figure> Figures { get; } = [];

        /// <summary>
        /// Draws one figure so that an exception inside ScottPlot or SkiaSharp (a case of degenerate data not foreseen
        /// here) costs that figure, with a note, rather than the whole command ending in a stack trace. Errors of the
        /// user's request (<see cref="CliException"/>) and of the disk still end the command.
        /// </summary>
        public Figure? Add(string name, Func<Figure?> draw)
        {
            try
            {
                if (draw() is { } figure)
                {
                    Figures.Add(figure);
                    return figure;
                }
            }
            catch (Exception ex) when (ex is not (CliException or IOException or UnauthorizedAccessException or OutOfMemoryException))
            {
                Notes.Add($"{name}: could not be drawn from these data ({ex.Message}); not drawn");
            }

            return null;
        }
    }
}
