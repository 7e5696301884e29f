using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Analysis;

/// <summary>What the report shows, gathered by <c>crisissim report</c>; <see cref="ReportHtml.Render"/> only lays it out.</summary>
/// <param name="Name">The experiment's (or scenario's) name, for the title.</param>
/// <param name="Notes">What could not be shown, or was shown with a caveat.</param>
/// <param name="Sweep">The sweep's manifest, or null for a single run.</param>
/// <param name="Spec">The experiment as the manifest keeps it, or null for a single run.</param>
/// <param name="Provenance">sweep.json or provenance.json as JSON, shown in file order as the provenance table (without the experiment's text).</param>
/// <param name="By">The group columns of the comparison.</param>
/// <param name="Within">The stratum columns of the comparison.</param>
/// <param name="Comparison">The sweep's own comparison and its baseline, or null when there is none.</param>
/// <param name="Figures">The figures to embed.</param>
/// <param name="HasTicks">Whether the folder has ticks.csv (the footnote names the tables the numbers come from).</param>
/// <param name="Interaction">The 2x2 and its decomposition, when the experiment has one; else null.</param>
public sealed record ReportContent(
    string Name,
    IReadOnlyList<string> Notes,
    SweepManifest? Sweep,
    ExperimentSpec? Spec,
    JsonObject Provenance,
    IReadOnlyList<string> By,
    IReadOnlyList<string> Within,
    (IReadOnlyList<ComparisonRow> Rows, string Baseline)? Comparison,
    IReadOnlyList<Figure> Figures,
    bool HasTicks,
    (InteractionSpec Spec, IReadOnlyList<InteractionRow> Rows)? Interaction = null);

/// <summary>
/// One self-contained HTML page: notes, design, the forest plots, the comparison (significant differences coloured
/// better or worse, with a word too), the 2x2 decomposition, thresholds, a glossary of the metrics, the other figures,
/// provenance.
/// </summary>
public static partial class ReportHtml
{
    /// <summary>The page for <paramref name="content"/>.</summary>
    public static string Render(ReportContent content)
    {
        var html = new StringBuilder();
        Head(html, content.Name);
        Notes(html, content.Notes);
        if (content is { Sweep: { } sweep, Spec: { } spec })
        {
            Design(html, spec, sweep);
        }

        var forests = content.Figures.Where(f => f.Forest is not null).ToList();
        if (forests.Count > 0)
        {
            html.Append("<h2>Paired differences from the baseline</h2>\n");
            FigureList(html, forests);
        }

        if (content.Comparison is var (rows, baseline))
        {
            ComparisonTable(html, rows, baseline, content.By, content.Within);
            if (content.Interaction is var (spec2, interaction))
            {
                InteractionTable(html, spec2, interaction, content.Within);
            }

            if (content.Within.Count == 1)
            {
                Thresholds(html, content.Within[0], Comparison.Thresholds(rows), baseline);
            }

            Glossary(html, [.. rows.Select(r => r.Metric).Distinct()]);
        }

        EmbeddedFigures(html, [.. content.Figures.Except(forests)]);
        ProvenanceTable(html, content.Provenance, content.HasTicks);
        return html.ToString();
    }

    private static void Head(StringBuilder html, string name)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CrisisSim report — ").Append(E(name)).Append("</title>\n");
        html.Append("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.45}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
            .Append("th{background:#eee}td.l,th.l{text-align:left}img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}")
            .Append("tr.better td{background:#d9efe6}tr.worse td{background:#fbe3d3}tr.base td{color:#555;font-style:italic}td.v{text-align:left}")
            .Append("code{background:#f4f4f4;padding:0 3px}dt{font-weight:bold;margin-top:0.4em}</style></head><body>\n");
        html.Append("<h1>CrisisSim report: ").Append(E(name)).Append("</h1>\n");
    }

    private static void Notes(StringBuilder html, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        html.Append("<h2>Notes on these results</h2>\n<ul>\n");
        foreach (string note in notes)
        {
            html.Append("<li>").Append(E(note)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Design(StringBuilder html, ExperimentSpec spec, SweepManifest sweep)
    {
        html.Append("<h2>Design</h2>\n<p>").Append(E(spec.Description)).Append("</p>\n<table>");
        Row(html, "scenario", $"{sweep.Scenario} (hash {sweep.ScenarioHash})");
        Row(html, "design", string.Create(CultureInfo.InvariantCulture, $"{spec.Design.Kind}: {sweep.Points} points × {spec.Replicates} replicates = {sweep.Runs} runs"));
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

    private static void Thresholds(StringBuilder html, string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        if (rows.Count == 0)
        {
            return;
        }

        html.Append("<h2>Where each group pays off along ").Append(E(within)).Append("</h2>\n<p>Against <b>").Append(E(baseline))
            .Append("</b>: the lowest level from which the paired difference is favourable with Holm-adjusted p &lt; 0.05 at that level and every higher one. ")
            .Append("Per level: + better, − worse, · no clear difference.</p>\n");
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

    private static void EmbeddedFigures(StringBuilder html, IReadOnlyList<Figure> figures)
    {
        html.Append("<h2>Figures</h2>\n");
        if (figures.Count == 0)
        {
            html.Append("<p>No figure could be drawn from these results (see the notes above).</p>\n");
        }

        FigureList(html, figures);
    }

    private static void FigureList(StringBuilder html, IReadOnlyList<Figure> figures)
    {
        foreach (var f in figures.Where(f => f.Png is not null))
        {
            html.Append("<figure><img alt=\"").Append(E(f.Title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(f.Png!)))
                .Append("\"><figcaption>").Append(E(f.Title)).Append("</figcaption></figure>\n");
        }
    }

    private static void ProvenanceTable(StringBuilder html, JsonObject manifest, bool hasTicks)
    {
        html.Append("<h2>Provenance</h2>\n<table>");
        foreach (var (k, v) in manifest)
        {
            if (k != "experiment_text")
            {
                Row(html, k, v?.ToString() ?? "");
            }
        }

        html.Append("</table>\n<p>Generated by crisissim ").Append(E(Provenance.ToolVersion)).Append($". Every figure and number above is recomputed from <code>{FileNames.Runs}</code>")
            .Append(hasTicks ? $" and <code>{FileNames.Ticks}</code>" : "").Append(" in this folder.</p>\n</body></html>\n");
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append("<tr><th class=\"l\">").Append(E(key)).Append("</th><td class=\"l\">").Append(E(value)).Append("</td></tr>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double v) => ComparisonOutput.G(v);

    private static string P(double p) => ComparisonOutput.P(p);
}
