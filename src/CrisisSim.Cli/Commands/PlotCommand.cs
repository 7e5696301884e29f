using System.CommandLine;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim plot DIR [...]</c>: figures of a sweep or run (PNG, SVG, PDF), ready for a paper.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = $"Folder of a sweep or run ({FileNames.Runs}, optional {FileNames.Ticks} and {FileNames.Sensitivity})" };
        var series = new Option<string[]>("--series") { Description = $"{FileNames.Ticks} series to draw over time (default: trapped, sheltered, dead, rumour)" };
        series.CompletionSources.Add(Completion.CompletionValues.TickSeries);
        var metric = new Option<string[]>("--metric") { Description = "Metrics for box plots, forest plots, differences, heatmaps and sensitivity bars (default: the sweep's compared metrics for forest plots, the headline ones for the rest)" };
        metric.CompletionSources.Add(Completion.CompletionValues.RunMetrics);
        var by = new Option<string?>("--by") { Description = "Factor column that groups runs (default: the sweep's compare section, else arm or the first factor)" };
        var heatmap = new Option<string?>("--heatmap") { Description = "Two factor columns X,Y for a heatmap of each group's paired difference from the baseline (default: the first two factors other than arm, if any)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the figures (default: DIR/figures)" };
        var within = new Option<string?>("--within") { Description = "A factor column (e.g. a demand level) whose levels are compared separately (default: the sweep's): forest plots per level and each group's difference along its levels" };
        var baseline = new Option<string?>("--baseline") { Description = "The baseline group (default: the sweep's, else the first group)" };
        var arm = new Option<string[]>("--arm") { Description = "Groups (arms) to draw, in this order (default: all); the comparison is the sweep's whatever is drawn" };
        var forest = new Option<bool>("--forest") { Description = "Draw only the forest plots: each group's mean paired difference from the baseline with its 95% CI, per metric" };
        var width = new Option<string?>("--width") { Description = "Width: pixels (1200, the default) or a print size (85mm, 17.5cm, 3.35in; then at --dpi, default 300)" };
        var height = new Option<string?>("--height") { Description = "Height: pixels (750, the default) or a print size (60mm, 6cm, 2.4in)" };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the PNG in dots per inch (default 96 for a size in pixels, 300 for a print size); text keeps its print size" };
        var noTitle = new Option<bool>("--no-title") { Description = "Figures without a title (a journal's caption gives it)" };
        var format = new Option<string[]>("--format") { Description = "File formats: png, svg, pdf (several: --format png --format pdf, or png,pdf; default: png and svg)" };
        var force = new Option<bool>("--force") { Description = "Replace figure files that exist already in the --out folder" };
        var command = new Command("plot", "Draw figures (PNG, SVG, PDF): forest plots of paired differences from the baseline, time series by group with 5–95% bands, box/strip plots, heatmaps of the difference over two factors, sensitivity bars")
        {
            dir, series, metric, by, heatmap, outDir, within, baseline, arm, forest, width, height, dpi, noTitle, format, force,
        };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string source = parse.GetValue(dir)!;
            var options = FigureOptions.Parse(parse.GetValue(width), parse.GetValue(height), parse.GetValue(dpi), parse.GetValue(noTitle), parse.GetValue(format) ?? []);
            string[] inputs = [Path.Combine(source, FileNames.Runs), Path.Combine(source, FileNames.Ticks), Path.Combine(source, FileNames.Sensitivity), Path.Combine(source, FileNames.SweepManifest)];
            using var folder = OutputFolder.Begin(parse.GetValue(outDir) ?? Path.Combine(source, FileNames.Figures), parse.GetValue(force), inputs, OutputMode.Add);
            var request = new PlotRequest(source, parse.GetValue(series) ?? [], parse.GetValue(metric) ?? [], parse.GetValue(by), parse.GetValue(heatmap), parse.GetValue(within), parse.GetValue(baseline),
                parse.GetValue(arm) ?? [], parse.GetValue(forest), options);
            var figures = Draw(io.Error, request, folder.Staging);
            folder.Commit();
            foreach (var f in figures)
            {
                var files = f.Files.Select(p => Path.Combine(folder.Target, Path.GetRelativePath(folder.Staging, p))).ToList();
                io.Out.WriteLine($"wrote {files[0]}{string.Concat(files.Skip(1).Select(p => " and " + Path.GetExtension(p)))} — {f.Title}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Draws the figures of <paramref name="request"/> into <paramref name="outDir"/>. What could not be drawn, or was drawn
    /// with a caveat, is printed as a warning on <paramref name="error"/>; when no figure can be drawn at all, a
    /// <see cref="CliException"/> says why and nothing is written.
    /// </summary>
    private static IReadOnlyList<Figure> Draw(TextWriter error, PlotRequest request, string outDir)
    {
        var drawing = FolderFigures.DrawAll(request, outDir);
        if (drawing.Figures.Count == 0)
        {
            throw new CliException($"{request.Dir}: nothing to plot: {string.Join("; ", drawing.Notes)}");
        }

        foreach (string note in drawing.Notes)
        {
            error.WriteLine($"warning: {note}");
        }

        return drawing.Figures;
    }
}
