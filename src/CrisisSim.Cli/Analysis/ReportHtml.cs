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
    bool HasTicks);

/// <summary>One self-contained HTML page: notes, design, thresholds, comparison, embedded figures, provenance.</summary>
public static class ReportHtml
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

        if (content.Comparison is var (rows, baseline))
        {
            if (content.Within.Count == 1)
            {
                Thresholds(html, content.Within[0], Comparison.Thresholds(rows), baseline);
            }

            ComparisonTable(html, rows, baseline, content.By, content.Within);
        }

        EmbeddedFigures(html, content.Figures);
        ProvenanceTable(html, content.Provenance, content.HasTicks);
        return html.ToString();
    }

    private static void Head(StringBuilder html, string name)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CrisisSim report — ").Append(E(name)).Append("</title>\n");
        html.Append("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.45}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:0.9em}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}")
            .Append("th{background:#eee}td.l,th.l{text-align:left}img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}")
            .Append(".sig{font-weight:bold}code{background:#f4f4f4;padding:0 3px}</style></head><body>\n");
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

    private static void ComparisonTable(StringBuilder html, IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string> by, IReadOnlyList<string> within)
    {
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

    private static void Thresholds(StringBuilder html, string within, IReadOnlyList<ThresholdRow> rows, string baseline)
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

    private static void EmbeddedFigures(StringBuilder html, IReadOnlyList<Figure> figures)
    {
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

    private static string N(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 1000 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(double p) => ComparisonOutput.P(p);
}
