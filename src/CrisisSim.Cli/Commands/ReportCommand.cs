using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using CrisisSim.Cli.Analysis;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim report DIR [--out FILE]</c>: one self-contained HTML page summarising an experiment.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of a finished sweep" };
        var outFile = new Option<string?>("--out") { Description = "HTML file to write (default: DIR/report.html); an existing file is replaced only with --force" };
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
            throw new CliException($"{dir}: no runs.csv here; give the --out folder of a finished sweep");
        }

        string[] inputs = [runsPath, Path.Combine(dir, FileNames.SweepManifest), Path.Combine(dir, FileNames.Ticks), Path.Combine(dir, FileNames.Provenance), Path.Combine(dir, FileNames.Sensitivity)];
        using var output = OutputFile.Begin(outFile ?? Path.Combine(dir, FileNames.Report), force, inputs);
        if (File.Exists(Path.Combine(dir, FileNames.SweepManifest)))
        {
            _ = SweepManifest.Read(Path.Combine(dir, FileNames.SweepManifest)); // a manifest of the wrong shape is a message, not a crash below
        }

        string figuresOut = figuresDir ?? Path.Combine(Path.GetDirectoryName(output.Target)!, $".{Path.GetFileName(output.Target)}.figures-{Environment.ProcessId}");
        try
        {
            return Write(error, dir, runsPath, figuresOut, output);
        }
        finally
        {
            if (figuresDir is null && Directory.Exists(figuresOut))
            {
                Directory.Delete(figuresOut, recursive: true);
            }
        }
    }

    private static string Write(TextWriter error, string dir, string runsPath, string figuresOut, OutputFile output)
    {
        var runs = RunsTableFile.Read(runsPath);
        JsonObject manifest = File.Exists(Path.Combine(dir, FileNames.SweepManifest)) ? ReadObject(Path.Combine(dir, FileNames.SweepManifest))
            : File.Exists(Path.Combine(dir, FileNames.Provenance)) ? ReadObject(Path.Combine(dir, FileNames.Provenance)) : [];
        var spec = manifest["experiment_text"] is { } specText
            ? Core.Experiments.ExperimentLoader.Parse(specText.ToString(), manifest["experiment"]?.ToString() ?? "experiment")
            : null;
        var compare = spec?.Compare;
        var by = compare is { By.Count: > 0 } ? [.. compare.By] : CompareCommand.DefaultBy(runs);
        var within = compare?.Within ?? [];
        var drawing = PlotCommand.DrawAll(dir, [], [], by.Length == 1 ? by[0] : null, null, figuresOut,
            within.Count == 1 && by.Length == 1 ? within[0] : null, compare?.Baseline);
        var figures = drawing.Figures;
        var notes = new List<string>(drawing.Notes);
        bool anyOk = PlotCommand.SuccessfulRuns(runs, []).Count > 0;
        (IReadOnlyList<ComparisonRow> Rows, string Baseline)? comparison = null;
        if (by.Length > 0 && anyOk)
        {
            try
            {
                comparison = Comparison.Compute(runs, by, compare is { Metrics.Count: > 0 } ? compare.Metrics : Comparison.HeadlineMetrics, compare?.Baseline, within); // the sweep's own comparison, so its p-values agree
            }
            catch (AnalysisException ex)
            {
                notes.Add($"comparison by {string.Join(", ", by)}: {ex.Message}; not shown");
            }
        }

        foreach (string note in notes)
        {
            error.WriteLine($"warning: {note}");
        }

        string name = manifest["experiment_name"]?.ToString() ?? manifest["scenario_name"]?.ToString() ?? Path.GetFileName(Path.GetFullPath(dir));

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CrisisSim report — ").Append(E(name)).Append("</title>\n");
        html.Append("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.45}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
            .Append("th{background:#eee}td.l,th.l{text-align:left}img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}")
            .Append(".sig{font-weight:bold}code{background:#f4f4f4;padding:0 3px}</style></head><body>\n");
        html.Append("<h1>CrisisSim report: ").Append(E(name)).Append("</h1>\n");
        if (notes.Count > 0)
        {
            html.Append("<h2>Notes on these results</h2>\n<ul>\n");
            foreach (string note in notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (spec is not null)
        {
            html.Append("<h2>Design</h2>\n<p>").Append(E(spec.Description)).Append("</p>\n<table>");
            Row(html, "scenario", $"{manifest["scenario"]} (hash {manifest["scenario_hash"]})");
            Row(html, "design", $"{spec.Design.Kind.ToString().ToLowerInvariant()}: {manifest["points"]} points × {spec.Replicates} replicates = {manifest["runs"]} runs");
            Row(html, "master seed", spec.MasterSeed.ToString(CultureInfo.InvariantCulture));
            foreach (var arm in spec.Design.Arms)
            {
                Row(html, "arm " + arm.Name, string.Join(", ", arm.Assignments.Select(a => $"{a.Key} = {a.Value}")));
            }

            foreach (var f in spec.Design.Factors)
            {
                string step = f.Step > 0 ? string.Create(CultureInfo.InvariantCulture, $" step {f.Step}") : "";
                Row(html, "factor " + f.Path, f.Levels is not null ? string.Join(", ", f.Levels) : string.Create(CultureInfo.InvariantCulture, $"{f.Min} to {f.Max}{step}"));
            }

            foreach (var (k, v) in spec.Fixed)
            {
                Row(html, "fixed " + k, v);
            }

            html.Append("</table>\n");
        }

        if (comparison is var (rows, baseline))
        {
            if (within.Count == 1)
            {
                AppendThresholds(html, within[0], Comparison.Thresholds(rows), baseline);
            }

            html.Append("<h2>Comparison by ").Append(E(string.Join(", ", by))).Append(within.Count > 0 ? " within each " + E(string.Join(", ", within)) : "").Append("</h2>\n<p>Mean with 95% confidence interval per group; Δ is the paired difference from <b>")
                .Append(E(baseline)).Append("</b> over common-random-number replicates (95% t interval), d<sub>z</sub> its effect size, p the paired t-test Holm-adjusted across metrics. Bold: p &lt; 0.05.</p>\n");
            html.Append("<table><tr><th class=\"l\">metric</th><th class=\"l\">group</th><th>n</th><th>mean [95% CI]</th><th>Δ [95% CI]</th><th>d<sub>z</sub></th><th>p (Holm)</th></tr>\n");
            foreach (var r in rows)
            {
                bool sig = r.PHolm < 0.05;
                html.Append("<tr").Append(sig ? " class=\"sig\"" : "").Append("><td class=\"l\">").Append(E(r.Metric)).Append("</td><td class=\"l\">").Append(E(string.Join(" | ", r.Stratum.Select((v, i) => $"{within[i]} = {v}").Concat(r.Group))))
                    .Append("</td><td>").Append(r.Summary.N.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E($"{N(r.Summary.Mean)} [{N(r.Summary.CiLow)}, {N(r.Summary.CiHigh)}]")).Append("</td>");
                if (r.Paired is { } p)
                {
                    html.Append("<td>").Append(E($"{N(p.MeanDifference)} [{N(p.CiLow)}, {N(p.CiHigh)}]")).Append("</td><td>").Append(E(N(p.EffectSizeDz))).Append("</td><td>").Append(E(P(r.PHolm))).Append("</td>");
                }
                else
                {
                    html.Append("<td>baseline</td><td></td><td></td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Figures</h2>\n");
        if (figures.Count == 0)
        {
            html.Append("<p>No figure could be drawn from these results (see the notes above).</p>\n");
        }

        foreach (var f in figures)
        {
            html.Append("<figure><img alt=\"").Append(E(f.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(f.Png)))
                .Append("\"><figcaption>").Append(E(f.Title)).Append("</figcaption></figure>\n");
        }

        html.Append("<h2>Provenance</h2>\n<table>");
        foreach (var (k, v) in manifest)
        {
            if (k != "experiment_text")
            {
                Row(html, k, v?.ToString() ?? "");
            }
        }

        html.Append("</table>\n<p>Generated by crisissim ").Append(E(Provenance.ToolVersion)).Append(". Every figure and number above is recomputed from <code>runs.csv</code>")
            .Append(File.Exists(Path.Combine(dir, FileNames.Ticks)) ? " and <code>ticks.csv</code>" : "").Append(" in this folder.</p>\n</body></html>\n");
        output.Write(tmp => File.WriteAllText(tmp, html.ToString(), new UTF8Encoding(false)));
        return output.Target;
    }

    /// <summary>A JSON object file (sweep.json was checked against its schema already; provenance.json is checked here).</summary>
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

    private static void AppendThresholds(StringBuilder html, string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        if (rows.Count == 0)
        {
            return;
        }

        html.Append("<h2>Where each group pays off along ").Append(E(within)).Append("</h2>\n<p>Against <b>").Append(E(baseline))
            .Append("</b>: the lowest level from which the paired difference is favourable with Holm-adjusted p &lt; 0.05 at that level and every higher one. ")
            .Append("Per level: + better, − worse, · no significant difference.</p>\n");
        html.Append("<table><tr><th class=\"l\">metric</th><th class=\"l\">group</th><th class=\"l\">levels (").Append(E(string.Join(", ", rows[0].Favourable.Select(f => f.Level))))
            .Append(")</th><th class=\"l\">pays off</th></tr>\n");
        foreach (var r in rows)
        {
            string marks = r.Marks("+", "−", "·");
            string verdict = r.Verdict;
            html.Append("<tr><td class=\"l\">").Append(E(r.Metric)).Append(" (").Append(E(r.Better)).Append(" is better)</td><td class=\"l\">").Append(E(r.Group))
                .Append("</td><td class=\"l\"><code>").Append(E(marks)).Append("</code></td><td class=\"l\">").Append(E(verdict)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th class=\"l\">").Append(E(key)).Append("</th><td class=\"l\">").Append(E(value)).Append("</td></tr>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 1000 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
