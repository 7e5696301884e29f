using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim plot DIR [...]</c>: PNG and SVG figures of a sweep or run, ready for a paper.</summary>
public static class PlotCommand
{
    /// <summary>Metrics drawn when none are named.</summary>
    public static readonly string[] DefaultMetrics = ["deaths_civilian", "deaths_responder", "unmet_need_hours", "info_latency_mean_h"];

    /// <summary>Series drawn when none are named (if ticks.csv exists).</summary>
    public static readonly string[] DefaultSeries = ["trapped", "sheltered", "dead", "rumour"];

    private static readonly Regex s_exceptionType = new(@"^[A-Za-z0-9_.]*Exception: ", RegexOptions.CultureInvariant);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of a sweep or run (runs.csv, optional ticks.csv and sensitivity.csv)" };
        var series = new Option<string[]>("--series") { Description = "ticks.csv series to draw over time (default: trapped, sheltered, dead, rumour)" };
        var metric = new Option<string[]>("--metric") { Description = "Metrics for box plots, heatmap and sensitivity bars (default: headline metrics)" };
        var by = new Option<string?>("--by") { Description = "Factor column that groups runs (default: arm, or the first factor)" };
        var heatmap = new Option<string?>("--heatmap") { Description = "Two factor columns X,Y for a heatmap of each metric (default: the first two factors, if any)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the figures (default: DIR/figures)" };
        var within = new Option<string?>("--within") { Description = "A factor column (e.g. a demand level): also draw each group's paired difference from the baseline along its levels" };
        var baseline = new Option<string?>("--baseline") { Description = "The baseline group for --within (default: the first group)" };
        var force = new Option<bool>("--force") { Description = "Replace figure files that exist already in the --out folder" };
        var command = new Command("plot", "Draw figures (PNG and SVG): time series by group with 5–95% bands, box/strip plots, heatmaps over two factors, sensitivity bars")
        {
            dir, series, metric, by, heatmap, outDir, within, baseline, force,
        };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string source = parse.GetValue(dir)!;
            string[] inputs = [Path.Combine(source, FileNames.Runs), Path.Combine(source, FileNames.Ticks), Path.Combine(source, FileNames.Sensitivity), Path.Combine(source, FileNames.SweepManifest)];
            using var folder = OutputFolder.Begin(parse.GetValue(outDir) ?? Path.Combine(source, FileNames.Figures), parse.GetValue(force), inputs, OutputMode.Add);
            var figures = Draw(io.Error, source, parse.GetValue(series) ?? [], parse.GetValue(metric) ?? [], parse.GetValue(by), parse.GetValue(heatmap), folder.Staging,
                parse.GetValue(within), parse.GetValue(baseline));
            folder.Commit();
            foreach (var f in figures)
            {
                io.Out.WriteLine($"wrote {Path.Combine(folder.Target, Path.GetRelativePath(folder.Staging, f.Png))} and .svg — {f.Title}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Draws the figures for <paramref name="dir"/> (plot). What could not be drawn, or was drawn with a caveat, is printed
    /// as a warning on <paramref name="error"/>; when no figure can be drawn at all, a <see cref="CliException"/> says why and nothing is written.
    /// </summary>
    public static IReadOnlyList<Figure> Draw(TextWriter error, string dir, string[] series, string[] metrics, string? by, string? heatmap, string? outDir, string? within = null, string? baseline = null)
    {
        var drawing = DrawAll(dir, series, metrics, by, heatmap, outDir, within, baseline);
        if (drawing.Figures.Count == 0)
        {
            throw new CliException($"{dir}: nothing to plot: {string.Join("; ", drawing.Notes)}");
        }

        foreach (string note in drawing.Notes)
        {
            error.WriteLine($"warning: {note}");
        }

        return drawing.Figures;
    }

    /// <summary>
    /// Draws every figure the results in <paramref name="dir"/> allow (used by plot and report). Degenerate results (no
    /// successful run, empty or non-numeric cells, one run per group, a constant metric, a short ticks.csv) never throw:
    /// the figure is drawn with a caveat, or left out, and <see cref="Drawing.Notes"/> says which and why. Invalid requests
    /// (an unknown --metric, --series, --by, --within, --heatmap column or baseline) and unreadable tables throw
    /// <see cref="CliException"/>, as does a machine without a usable font (see <see cref="Figures.EnsureFont"/>).
    /// </summary>
    public static Drawing DrawAll(string dir, string[] series, string[] metrics, string? by, string? heatmap, string? outDir, string? within = null, string? baseline = null)
    {
        string runsPath = Path.Combine(dir, FileNames.Runs);
        if (!File.Exists(runsPath))
        {
            throw new CliException($"{dir}: no runs.csv here; give the --out folder of a finished run or sweep");
        }

        var runs = RunsTableFile.Read(runsPath);
        string groupBy = by ?? CompareCommand.DefaultBy(runs).FirstOrDefault() ?? "";
        if (by is not null && runs.Column(by) < 0)
        {
            throw new CliException($"--by {by}: no such column; the factors are: {string.Join(", ", Comparison.FactorColumns(runs))}");
        }

        foreach (string m in metrics)
        {
            if (runs.Column(m) < 0 || !Core.Metrics.RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"--metric {m}: unknown metric");
            }
        }

        var notes = new List<string>();
        var chosenMetrics = metrics.Length > 0 ? metrics : DefaultMetrics.Where(m => runs.Column(m) >= 0).ToArray();
        if (metrics.Length == 0 && chosenMetrics.Length < DefaultMetrics.Length)
        {
            notes.Add($"runs.csv has no {string.Join(", ", DefaultMetrics.Except(chosenMetrics))} column: not drawn");
        }

        string[]? pair = heatmap?.Split(',', StringSplitOptions.TrimEntries);
        if (pair is { Length: not 2 })
        {
            throw new CliException($"--heatmap {heatmap}: expected two factor columns as X,Y");
        }

        if (within is not null && groupBy.Length == 0)
        {
            throw new CliException($"--within {within}: this sweep has no group column to compare along it");
        }

        string ticks = Path.Combine(dir, FileNames.Ticks);
        if (!File.Exists(ticks) && series.Length > 0)
        {
            throw new CliException($"{dir}: no ticks.csv (run the sweep with --ticks-every K to draw series over time)");
        }

        if (series.Length > 0 && new FileInfo(ticks).Length == 0)
        {
            throw new CliException($"{ticks}: empty (not even a header); --series needs the ticks of a finished sweep");
        }

        var ok = SuccessfulRuns(runs, notes);
        if (ok.Count == 0)
        {
            return new Drawing([], [.. notes, NoSuccessfulRuns(runs)]);
        }

        int byCol = runs.Column(groupBy);
        if (within is not null && baseline is not null && !ok.Any(r => Figures.Cell(r, byCol) == baseline))
        {
            throw new CliException($"baseline {baseline}: no successful run of such a group; the groups are: {string.Join(", ", ok.Select(r => Figures.Cell(r, byCol)).Distinct())}");
        }

        Figures.EnsureFont();
        string output = outDir ?? Path.Combine(dir, FileNames.Figures);
        var figures = new List<Figure>();
        void Add(string name, Func<Figure?> draw)
        {
            if (Guarded(name, draw, notes) is { } figure)
            {
                figures.Add(figure);
            }
        }

        if (File.Exists(ticks) && new FileInfo(ticks).Length == 0)
        {
            notes.Add("ticks.csv is empty (not even a header): no series over time");
        }
        else if (File.Exists(ticks))
        {
            var groupOfRun = GroupOfRun(runs, ok, byCol, notes);
            if (groupOfRun is not null)
            {
                foreach (string s in series.Length > 0 ? series : DefaultSeries)
                {
                    Add($"timeseries-{s}", () => Figures.TimeSeries(ticks, groupOfRun, s, groupBy.Length == 0 ? "run" : groupBy, output, notes, named: series.Length > 0));
                }
            }
        }

        foreach (string m in chosenMetrics)
        {
            Add($"box-{m}", () => Figures.BoxStrip(runs, ok, m, groupBy, output, notes));
        }

        if (within is not null)
        {
            IReadOnlyList<ComparisonRow>? rows = null;
            string baseKey = baseline ?? "";
            try
            {
                (rows, baseKey) = Comparison.Compute(runs, [groupBy], chosenMetrics, baseline, [within]);
            }
            catch (AnalysisException ex)
            {
                notes.Add($"difference figures by {within}: {ex.Message}; not drawn");
            }

            foreach (string m in rows is null ? [] : chosenMetrics)
            {
                Add($"difference-{m}", () => Figures.DifferenceByLevel(rows!, m, within, baseKey, output, notes));
            }
        }

        var factors = Comparison.FactorColumns(runs).Where(f => f != "arm").ToList();
        pair ??= factors.Count >= 2 ? [factors[0], factors[1]] : null;
        if (pair is not null)
        {
            foreach (string m in chosenMetrics)
            {
                Add($"heatmap-{m}", () => Figures.Heatmap(runs, ok, m, pair[0], pair[1], output, notes));
            }
        }

        string sensitivity = Path.Combine(dir, FileNames.Sensitivity);
        if (File.Exists(sensitivity))
        {
            var table = RunsTableFile.Read(sensitivity);
            var available = table.Rows.Select(r => Figures.Cell(r, table.Column("metric"))).ToHashSet();
            foreach (string m in chosenMetrics.Where(available.Contains))
            {
                Add($"sensitivity-{m}", () => Figures.SensitivityBars(sensitivity, m, output, notes));
            }
        }

        return new Drawing(figures, notes);
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
                notes.Add("runs.csv has no status column: every row is taken as a successful run");
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
            return "runs.csv is empty (not even a header)";
        }

        if (runs.Rows.Count == 0)
        {
            return "runs.csv has a header but no runs";
        }

        int status = runs.Column("status");
        int error = runs.Column("error");
        var statuses = runs.Rows.GroupBy(r => Figures.Cell(r, status)).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {(g.Key.Length == 0 ? "without a status" : g.Key)}"));
        var first = runs.Rows.FirstOrDefault(r => Figures.Cell(r, error).Length > 0);
        // The error column holds "ExceptionType: message" from the model; the message is what a user can act on.
        string why = first is null ? "" : $"; the first error (run {Figures.Cell(first, runs.Column("run_id"))}, see the error column): {s_exceptionType.Replace(Figures.Cell(first, error), "")}";
        return string.Create(CultureInfo.InvariantCulture, $"none of the {runs.Rows.Count} runs in runs.csv succeeded ({string.Join(", ", statuses)}){why}");
    }

    /// <summary>The group of each successful run, by run_id; null (with a note) when runs.csv has no run_id column.</summary>
    private static Dictionary<long, string>? GroupOfRun(ResultTable runs, List<string[]> ok, int byCol, List<string> notes)
    {
        int idCol = runs.Column("run_id");
        if (idCol < 0)
        {
            notes.Add("runs.csv has no run_id column, so its runs cannot be matched with ticks.csv: no series over time");
            return null;
        }

        var groupOfRun = new Dictionary<long, string>();
        foreach (var r in ok)
        {
            string id = Figures.Cell(r, idCol);
            if (!long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out long run))
            {
                throw new CliException($"runs.csv: run_id '{id}' is not a whole number");
            }

            if (!groupOfRun.TryAdd(run, Figures.Cell(r, byCol)))
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"runs.csv: run_id {run} is on two rows; the folder mixes results of two sweeps"));
            }
        }

        return groupOfRun;
    }

    /// <summary>
    /// One figure, drawn so that an exception inside ScottPlot or SkiaSharp (a case of degenerate data not foreseen here)
    /// costs that figure, with a note, rather than the whole command ending in a stack trace. Errors of the user's request
    /// (<see cref="CliException"/>) and of the disk still end the command.
    /// </summary>
    private static Figure? Guarded(string name, Func<Figure?> draw, List<string> notes)
    {
        try
        {
            return draw();
        }
        catch (Exception ex) when (ex is not (CliException or IOException or UnauthorizedAccessException or OutOfMemoryException))
        {
            notes.Add($"{name}: could not be drawn from these data ({ex.Message}); not drawn");
            return null;
        }
    }
}

/// <summary>The figures drawn for a folder, and notes on what was left out or drawn with a caveat (degenerate data).</summary>
/// <param name="Figures">The figures written.</param>
/// <param name="Notes">One line each: which figure, what is unusual about its data, and what was done.</param>
public sealed record Drawing(IReadOnlyList<Figure> Figures, IReadOnlyList<string> Notes);
