using System.CommandLine;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim plot DIR [...]</c>: PNG and SVG figures of a sweep or run, ready for a paper.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = $"Folder of a sweep or run ({FileNames.Runs}, optional {FileNames.Ticks} and {FileNames.Sensitivity})" };
        var series = new Option<string[]>("--series") { Description = $"{FileNames.Ticks} series to draw over time (default: trapped, sheltered, dead, rumour)" };
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
            var request = new PlotRequest(source, parse.GetValue(series) ?? [], parse.GetValue(metric) ?? [], parse.GetValue(by), parse.GetValue(heatmap), parse.GetValue(within), parse.GetValue(baseline));
            var figures = Draw(io.Error, request, folder.Staging);
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
