using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim report DIR [--out FILE]</c>: one self-contained HTML page summarising an experiment.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of a finished sweep" };
        var outFile = new Option<string?>("--out") { Description = $"HTML file to write (default: DIR/{FileNames.Report}); an existing file is replaced only with --force" };
        var force = new Option<bool>("--force") { Description = "Replace an existing report file" };
        var command = new Command("report", "Write a single self-contained HTML report: design, factors, arms, the comparison table, key figures (embedded), provenance") { dir, outFile, force };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string path = Write(io.Error, parse.GetValue(dir)!, parse.GetValue(outFile), parse.GetValue(force));
            io.Out.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Writes the report; returns its path. The figures it embeds are drawn into <paramref name="figuresDir"/> when
    /// given (a sweep's own figures folder), else into a hidden folder beside the report that is removed afterwards,
    /// so a report never replaces figures it was not asked for. Notes on what could not be shown go to <paramref name="error"/>.
    /// </summary>
    public static string Write(TextWriter error, string dir, string? outFile, bool force, string? figuresDir = null)
    {
        string runsPath = Path.Combine(dir, FileNames.Runs);
        if (!File.Exists(runsPath))
        {
            throw new CliException($"{dir}: no {FileNames.Runs} here; give the --out folder of a finished sweep");
        }

        string[] inputs = [runsPath, Path.Combine(dir, FileNames.SweepManifest), Path.Combine(dir, FileNames.Ticks), Path.Combine(dir, FileNames.Provenance), Path.Combine(dir, FileNames.Sensitivity)];
        using var output = OutputFile.Begin(outFile ?? Path.Combine(dir, FileNames.Report), force, inputs);
        string manifestPath = Path.Combine(dir, FileNames.SweepManifest);
        var sweep = File.Exists(manifestPath) ? SweepManifest.Read(manifestPath) : null; // a manifest of the wrong shape is a message, not a crash below
        string figuresOut = figuresDir ?? FileNames.Beside(output.Target, FileNames.FiguresKind);
        try
        {
            return Write(error, dir, sweep, figuresOut, output);
        }
        finally
        {
            if (figuresDir is null && Directory.Exists(figuresOut))
            {
                Directory.Delete(figuresOut, recursive: true);
            }
        }
    }

    /// <summary>The report of a sweep (<paramref name="sweep"/>) or of a single run (its provenance.json, or nothing).</summary>
    private static string Write(TextWriter error, string dir, SweepManifest? sweep, string figuresOut, OutputFile output)
    {
        var runs = RunsTableFile.Read(Path.Combine(dir, FileNames.Runs));
        JsonObject provenance = sweep is not null ? ReadObject(Path.Combine(dir, FileNames.SweepManifest))
            : File.Exists(Path.Combine(dir, FileNames.Provenance)) ? ReadObject(Path.Combine(dir, FileNames.Provenance)) : [];
        var spec = sweep is null ? null : ExperimentLoader.Parse(sweep.ExperimentText, sweep.Experiment);
        var plan = ComparisonPlan.Of(spec?.Compare, runs);
        var (by, within) = (plan.By, plan.Within);
        var drawing = FolderFigures.DrawAll(new PlotRequest(dir, [], [], by.Length == 1 ? by[0] : null, null, Plan: plan), figuresOut);
        var notes = new List<string>(drawing.Notes);
        var comparison = drawing.Comparison; // the figures' comparison: the forest plot and the table give the same numbers
        var interaction = comparison is null ? null : Decompose(runs, plan, notes);
        foreach (string note in notes)
        {
            error.WriteLine($"warning: {note}");
        }

        string name = sweep?.ExperimentName ?? provenance["scenario_name"]?.ToString() ?? Path.GetFileName(Path.GetFullPath(dir));
        string html = ReportHtml.Render(new ReportContent(name, notes, sweep, spec, provenance, by, within, comparison, drawing.Figures, File.Exists(Path.Combine(dir, FileNames.Ticks)), interaction));
        output.Write(tmp => File.WriteAllText(tmp, html, new UTF8Encoding(false)));
        return output.Target;
    }

    /// <summary>The experiment's 2x2 decomposed as the sweep does it (<see cref="InteractionOutput"/>), or null without one.</summary>
    private static (InteractionSpec, IReadOnlyList<InteractionRow>)? Decompose(ResultTable runs, ComparisonPlan plan, List<string> notes)
    {
        if (plan.Interaction is not { } spec || plan.By is not ["arm"])
        {
            return null;
        }

        try
        {
            return (spec, Interaction.Compute(runs, "arm", spec, plan.Metrics, plan.Within));
        }
        catch (AnalysisException ex)
        {
            notes.Add($"2x2 of {string.Join(", ", spec.Arms)}: {ex.Message}; not shown");
            return null;
        }
    }

    /// <summary>A JSON object file, for the provenance table in file order (sweep.json was checked against its schema already; provenance.json is checked here).</summary>
    private static JsonObject ReadObject(string path)
    {
        try
        {
            BoundedFile.RequireRegular(path);
            var o = JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new CliException($"{path}: expected a JSON object");
            _ = o.Count; // parse now, inside this try
            return o;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CliException($"{path}: invalid JSON at line {ex.LineNumber + 1}");
        }
    }
}
