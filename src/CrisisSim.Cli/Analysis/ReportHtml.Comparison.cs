using System.Globalization;
using System.Text;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Cli.Analysis;

/// <summary>The report's comparison, its 2x2 decomposition and the glossary of the metrics they show.</summary>
public static partial class ReportHtml
{
    /// <summary>
    /// A table per metric: each group's mean and, but for the baseline, its paired difference with CI, d_z and Holm p,
    /// the verdict in words, and the row coloured by it (green: better, orange: worse). The baseline is named once,
    /// above; its own row shows its mean. Every number also carries its full value (data-value), as comparison.csv has it.
    /// </summary>
    private static void ComparisonTable(StringBuilder html, IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string> by, IReadOnlyList<string> within)
    {
        html.Append("<h2>Comparison by ").Append(E(string.Join(", ", by))).Append(within.Count > 0 ? " within each " + E(string.Join(", ", within)) : "").Append("</h2>\n<p>Baseline: <b>")
            .Append(E(baseline)).Append("</b>. Mean with 95% confidence interval per group; Δ is the paired difference from the baseline over common-random-number replicates (95% t interval), ")
            .Append("d<sub>z</sub> its effect size, p the paired t-test Holm-adjusted across metrics. Rows with Holm p &lt; 0.05 are marked <span class=\"v\">better</span> (green) or ")
            .Append("<span class=\"v\">worse</span> (orange) by the metric's favourable direction (glossary below), or <i>different</i> for a metric without one; otherwise <i>no clear difference</i>.</p>\n");
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            var info = MetricCatalog.Find(metric.Key);
            html.Append("<table class=\"comparison\" data-metric=\"").Append(E(metric.Key)).Append("\"><tr><th class=\"l\" colspan=\"7\"><code>").Append(E(metric.Key)).Append("</code> — ")
                .Append(E(info?.Caption ?? metric.Key)).Append(" (").Append(E(info?.Unit ?? "value")).Append(info?.BetterInWords is { } b ? "; " + b : "").Append(")</th></tr>\n")
                .Append("<tr><th class=\"l\">group</th><th>n</th><th>mean [95% CI]</th><th>Δ [95% CI]</th><th>d<sub>z</sub></th><th>p (Holm)</th><th class=\"l\">verdict</th></tr>\n");
            int decimals = ComparisonSummary.Decimals([.. metric]); // the console's: the same digits in both
            foreach (var r in metric)
            {
                ComparisonRowHtml(html, r, within, decimals);
            }

            html.Append("</table>\n");
        }
    }

    private static void ComparisonRowHtml(StringBuilder html, ComparisonRow r, IReadOnlyList<string> within, int decimals)
    {
        string N(double v) => ComparisonSummary.Number(v, decimals);
        var verdict = ComparisonVerdict.Of(r);
        string group = string.Join(" | ", r.Stratum.Select((v, i) => $"{within[i]} = {v}").Concat(r.Group));
        html.Append("<tr").Append(r.IsBaseline ? " class=\"base\"" : Class(verdict)).Append(" data-group=\"").Append(E(string.Join(" | ", r.Group))).Append("\" data-stratum=\"")
            .Append(E(string.Join(", ", r.Stratum))).Append("\"><td class=\"l\">").Append(E(group)).Append("</td><td>").Append(r.Summary.N.ToString(CultureInfo.InvariantCulture))
            .Append("</td><td>").Append(E($"{N(r.Summary.Mean)} [{N(r.Summary.CiLow)}, {N(r.Summary.CiHigh)}]")).Append("</td>");
        if (r.Paired is { } p)
        {
            html.Append("<td data-diff-mean=\"").Append(R(p.MeanDifference)).Append("\" data-diff-ci-low=\"").Append(R(p.CiLow)).Append("\" data-diff-ci-high=\"").Append(R(p.CiHigh))
                .Append("\">").Append(E($"{N(p.MeanDifference)} [{N(p.CiLow)}, {N(p.CiHigh)}]")).Append("</td><td>").Append(E(ComparisonSummary.Number(p.EffectSizeDz, 2))).Append("</td><td data-p-holm=\"")
                .Append(R(r.PHolm)).Append("\">").Append(E(P(r.PHolm))).Append("</td><td class=\"v\">").Append(Word(verdict)).Append("</td>");
        }
        else
        {
            html.Append("<td>—</td><td></td><td></td><td class=\"v\">baseline</td>");
        }

        html.Append("</tr>\n");
    }

    /// <summary>The 2x2 decomposition as the sweep prints it: per metric, each effect alone, the second with the first held, and their interaction.</summary>
    private static void InteractionTable(StringBuilder html, InteractionSpec spec, IReadOnlyList<InteractionRow> rows, IReadOnlyList<string> within)
    {
        html.Append("<h2>2x2 decomposition</h2>\n<p>").Append(E($"{spec.Neither} (neither), {spec.First} (first), {spec.Second} (second), {spec.Both} (both)"))
            .Append(". Each contrast is paired over common-random-number replicates; the last of each metric is the interaction: how much the second treatment's effect changes when the first is present.</p>\n")
            .Append("<table class=\"interaction\"><tr><th class=\"l\">metric</th>").Append(within.Count > 0 ? "<th class=\"l\">" + E(string.Join(", ", within)) + "</th>" : "")
            .Append("<th class=\"l\">contrast</th><th>Δ [95% CI]</th><th>p (Holm)</th><th class=\"l\">verdict</th></tr>\n");
        foreach (var r in rows)
        {
            var p = r.Paired;
            var verdict = r.Effect == Interaction.Effects[^1] ? (r.PHolm < ComparisonVerdict.Alpha ? Verdict.Different : Verdict.NoDifference) : ComparisonVerdict.Of(r.Metric, p.MeanDifference, r.PHolm);
            html.Append("<tr").Append(Class(verdict)).Append("><td class=\"l\">").Append(E(r.Metric)).Append("</td>").Append(within.Count > 0 ? "<td class=\"l\">" + E(string.Join(", ", r.Stratum)) + "</td>" : "")
                .Append("<td class=\"l\">").Append(E(r.Contrast)).Append("</td><td data-diff-mean=\"").Append(R(p.MeanDifference)).Append("\">").Append(E($"{N(p.MeanDifference)} [{N(p.CiLow)}, {N(p.CiHigh)}]"))
                .Append("</td><td>").Append(E(P(r.PHolm))).Append("</td><td class=\"v\">").Append(Word(verdict)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>What each metric of the report means, its unit and which way is better, from the metric catalog.</summary>
    private static void Glossary(StringBuilder html, IReadOnlyList<string> metrics)
    {
        html.Append("<h2>Glossary</h2>\n<dl>\n");
        foreach (string m in metrics)
        {
            var info = MetricCatalog.Find(m);
            html.Append("<dt><code>").Append(E(m)).Append("</code> — ").Append(E(info?.Caption ?? m)).Append("</dt><dd>").Append(E(info?.Meaning ?? "not in the metric catalog"))
                .Append(". Unit: ").Append(E(info?.Unit ?? "value")).Append("; ").Append(E(info?.BetterInWords ?? "neither direction is better")).Append(".</dd>\n");
        }

        html.Append("</dl>\n");
    }

    private static string Class(Verdict v) => v switch { Verdict.Better => " class=\"better\"", Verdict.Worse => " class=\"worse\"", _ => "" };

    /// <summary>The verdict in the console's words (<see cref="VerdictWords.Word"/>), with an arrow for better and worse, so it does not rest on colour alone.</summary>
    private static string Word(Verdict v) => v switch
    {
        Verdict.Better => "▲ better",
        Verdict.Worse => "▼ worse",
        Verdict.None => "",
        _ => v.Word(),
    };

    /// <summary>A number at full precision (round-trip), as comparison.csv has it; empty when not finite.</summary>
    private static string R(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
