using CrisisSim.Core.Metrics;
using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>The 2x2 decomposition of <see cref="Interaction"/> as interaction.csv and console text.</summary>
public static class InteractionOutput
{
    /// <summary>Decomposes the 2x2, prints it and writes interaction.csv into <paramref name="outDir"/>; returns the path written.</summary>
    public static string Report(TextWriter output, string outDir, ResultTable table, InteractionSpec spec, IReadOnlyList<string> metrics, IReadOnlyList<string> within)
    {
        var rows = Interaction.Compute(table, "arm", spec, metrics, within);
        output.WriteLine();
        output.Write(Format(spec, rows, within));
        string path = Path.Combine(outDir, FileNames.Interaction);
        Write(path, rows, within);
        return path;
    }

    /// <summary>interaction.csv: a row per stratum, metric and effect.</summary>
    public static void Write(string path, IReadOnlyList<InteractionRow> rows, IReadOnlyList<string> within)
    {
        var header = new List<string>(within);
        header.AddRange(["metric", "effect", "contrast", "n_pairs", "diff_mean", "diff_ci_low", "diff_ci_high", "effect_size_dz", "t", "p_t", "p_wilcoxon", "p_holm"]);
        OutputFile.AtomicWrite(path, tmp =>
        {
            using var csv = new CsvTable(tmp, header);
            foreach (var r in rows)
            {
                foreach (string v in r.Stratum)
                {
                    csv.Text(v);
                }

                csv.Text(r.Metric);
                csv.Text(r.Effect);
                csv.Text(r.Contrast);
                csv.Integer(r.Paired.Pairs);
                foreach (double v in new[] { r.Paired.MeanDifference, r.Paired.CiLow, r.Paired.CiHigh, r.Paired.EffectSizeDz, r.Paired.T, r.Paired.PT, r.Paired.PWilcoxon, r.PHolm })
                {
                    ComparisonOutput.Num(csv, v);
                }

                csv.EndRow();
            }
        });
    }

    /// <summary>Per metric, the four contrasts in words, as the comparison's summary says a difference (<see cref="ComparisonSummary"/>).</summary>
    public static string Format(InteractionSpec spec, IReadOnlyList<InteractionRow> rows, IReadOnlyList<string> within)
    {
        var sb = new StringBuilder();
        ConsoleText.Line(sb, $"2x2 of arms: {spec.Neither} (neither), {spec.First} (first), {spec.Second} (second), {spec.Both} (both); paired differences, 95 % CI, Holm-adjusted over the metrics of each effect:", 0);
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            var info = MetricCatalog.Find(metric.Key);
            int decimals = ComparisonSummary.Decimals(metric.Select(r => (r.Paired.CiHigh - r.Paired.CiLow) / 2));
            sb.Append(CultureInfo.InvariantCulture, $"{info?.Caption ?? metric.Key} ({metric.Key}; {ComparisonSummary.Direction(info)})\n");
            string? stratum = null;
            foreach (var r in metric)
            {
                string here = string.Join(", ", r.Stratum.Select((v, i) => $"{within[i]} = {v}"));
                string indent = r.Stratum.Count > 0 ? "    " : "  ";
                if (r.Stratum.Count > 0 && here != stratum)
                {
                    stratum = here;
                    ConsoleText.Line(sb, $"  within {here}", 4);
                }

                var p = r.Paired;
                string ci = double.IsFinite(p.CiLow) && double.IsFinite(p.CiHigh) ? $"[{ComparisonSummary.Number(p.CiLow, decimals)}, {ComparisonSummary.Number(p.CiHigh, decimals)}]" : "undefined";
                ConsoleText.Line(sb, $"{indent}{Describe(r.Effect)} ({r.Contrast}): {ComparisonSummary.Effect(p.MeanDifference, info, r.Metric, decimals)}, 95 % CI {ci}, Holm p {ComparisonSummary.HolmP(r.PHolm)}: {ComparisonVerdict.Of(r.Metric, p.MeanDifference, r.PHolm).Word()}", indent.Length + 4);
            }
        }

        ConsoleText.Line(sb, "The interaction is how much the second treatment's effect changes when the first is present (\"better\": the two together do better than their effects alone add up to).", 0);
        return sb.ToString();
    }

    private static string Describe(string effect) => effect switch
    {
        "first" => "first alone",
        "second" => "second alone",
        "second_with_first" => "second with the first held",
        _ => "interaction",
    };
}
