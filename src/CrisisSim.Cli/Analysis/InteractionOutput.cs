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

    /// <summary>Per metric, the four contrasts with their paired differences.</summary>
    public static string Format(InteractionSpec spec, IReadOnlyList<InteractionRow> rows, IReadOnlyList<string> within)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"2x2: {spec.Neither} (neither), {spec.First} (first), {spec.Second} (second), {spec.Both} (both)\n");
        int width = rows.Select(r => r.Contrast.Length).DefaultIfEmpty(10).Max();
        string? stratum = null;
        foreach (var r in rows)
        {
            string here = string.Join(", ", r.Stratum.Select((v, i) => $"{within[i]} = {v}"));
            if (r.Stratum.Count > 0 && here != stratum)
            {
                stratum = here;
                sb.Append(inv, $" within {here}\n");
            }

            if (r.Effect == Interaction.Effects[0])
            {
                sb.Append(r.Metric).Append('\n');
            }

            var p = r.Paired;
            sb.Append(string.Create(inv, $"  {r.Contrast.PadRight(width)}  Δ {ComparisonOutput.G(p.MeanDifference)} [{ComparisonOutput.G(p.CiLow)}, {ComparisonOutput.G(p.CiHigh)}]  p {ComparisonOutput.P(p.PT)} (Holm {ComparisonOutput.P(r.PHolm)})\n"));
        }

        sb.Append("The last line of each metric is the interaction: how much the second treatment's effect changes when the first is present.\n");
        return sb.ToString();
    }
}
