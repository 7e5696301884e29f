using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>The comparison of <see cref="Comparison"/> as comparison.csv, thresholds.csv and console text.</summary>
public static class ComparisonOutput
{
    /// <summary>comparison.csv: a row per stratum, group and metric; the paired columns are empty on the baseline's rows.</summary>
    public static void Write(string path, IReadOnlyList<string> by, IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string>? within = null)
    {
        var header = new List<string>(within ?? []);
        header.AddRange(by);
        header.AddRange(["metric", "n", "mean", "sd", "ci_low", "ci_high", "baseline", "n_pairs", "diff_mean", "diff_ci_low", "diff_ci_high", "effect_size_dz", "t", "p_t", "p_wilcoxon", "p_holm"]);
        OutputFile.AtomicWrite(path, tmp =>
        {
            using var csv = new CsvTable(tmp, header);
            foreach (var r in rows)
            {
                foreach (string v in r.Stratum)
                {
                    csv.Text(v);
                }

                foreach (string g in r.Group)
                {
                    csv.Text(g);
                }

                csv.Text(r.Metric);
                csv.Integer(r.Summary.N);
                Num(csv, r.Summary.Mean);
                Num(csv, r.Summary.Sd);
                Num(csv, r.Summary.CiLow);
                Num(csv, r.Summary.CiHigh);
                csv.Text(baseline);
                if (r.Paired is { } p)
                {
                    csv.Integer(p.Pairs);
                    Num(csv, p.MeanDifference);
                    Num(csv, p.CiLow);
                    Num(csv, p.CiHigh);
                    Num(csv, p.EffectSizeDz);
                    Num(csv, p.T);
                    Num(csv, p.PT);
                    Num(csv, p.PWilcoxon);
                    Num(csv, r.PHolm);
                }
                else
                {
                    for (int i = 0; i < 9; i++)
                    {
                        csv.Text("");
                    }
                }

                csv.EndRow();
            }
        });
    }

    /// <summary>Writes thresholds.csv: per group and metric, the stratum level from which the group pays off.</summary>
    public static void WriteThresholds(string path, string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        OutputFile.AtomicWrite(path, tmp =>
        {
            using var csv = new CsvTable(tmp, ["group", "metric", "better", "baseline", "within", "threshold", "favourable_levels", "unfavourable_levels",
                "breakpoint", "breakpoint_ci_low", "breakpoint_ci_high", "plateau", "slope_above", "slope_ci_low", "slope_ci_high"]);
            foreach (var r in rows)
            {
                csv.Text(r.Group);
                csv.Text(r.Metric);
                csv.Text(r.Better);
                csv.Text(baseline);
                csv.Text(within);
                csv.Text(r.Threshold ?? "");
                csv.Text(string.Join(";", r.Favourable.Where(f => f.Verdict > 0).Select(f => f.Level)));
                csv.Text(string.Join(";", r.Favourable.Where(f => f.Verdict < 0).Select(f => f.Level)));
                if (r.Knee is { } k)
                {
                    foreach (double v in (double[])[k.Level, k.CiLow, k.CiHigh, k.Plateau, k.Slope, k.SlopeCiLow, k.SlopeCiHigh])
                    {
                        csv.Number(v);
                    }
                }
                else
                {
                    for (int i = 0; i < 7; i++)
                    {
                        csv.Text(""); // fewer than four numeric levels: no breakpoint (empty, read as missing)
                    }
                }

                csv.EndRow();
            }
        });
    }

    /// <summary>A readable summary of <see cref="Thresholds"/>.</summary>
    public static string FormatThresholds(string within, IReadOnlyList<ThresholdRow> rows, string baseline)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Where each group starts to pay off against '{baseline}' along {within} (favourable and Holm p < 0.05 from this level up):\n");
        int width = Math.Max(10, rows.Select(r => r.Group.Length).DefaultIfEmpty(0).Max());
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{metric.Key} ({metric.First().Better} is better)\n");
            foreach (var r in metric)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {r.Group.PadRight(width)}  {r.Marks("+", "-", ".")}  {r.Verdict}");
                if (r.Knee is { } k)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"; knee {G3(k.Level)} [{G3(k.CiLow)}, {G3(k.CiHigh)}], slope {G3(k.Slope)} [{G3(k.SlopeCiLow)}, {G3(k.SlopeCiHigh)}]");
                }

                sb.Append('\n');
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"levels of {within} in order: {string.Join(", ", rows.Count > 0 ? rows[0].Favourable.Select(f => f.Level) : [])}; + better, - worse, . no clear difference\n");
        if (rows.Any(r => r.Knee is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"knee: the level of {within} from which the paired difference changes (segmented regression, 95 % bootstrap interval); slope: its change per unit of {within} above the knee; neither moves with the number of replicates\n");
        }

        return ConsoleText.Fit(sb.ToString());
    }

    /// <summary>A readable table: per metric, each group's mean and CI, and its paired difference from the baseline.</summary>
    public static string Format(IReadOnlyList<ComparisonRow> rows, string baseline, IReadOnlyList<string>? within = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int width = Math.Max(10, rows.Select(r => string.Join(" | ", r.Group).Length).DefaultIfEmpty(0).Max());
        foreach (var metric in rows.GroupBy(r => r.Metric))
        {
            sb.Append(metric.Key).Append('\n');
            string? stratum = null;
            foreach (var r in metric)
            {
                string here = string.Join(", ", r.Stratum.Select((v, i) => within is not null && i < within.Count ? $"{within[i]} = {v}" : v));
                if (r.Stratum.Count > 0 && here != stratum)
                {
                    stratum = here;
                    sb.Append(CultureInfo.InvariantCulture, $" within {here}\n");
                }

                string name = string.Join(" | ", r.Group).PadRight(width);
                var s = r.Summary;
                string line = string.Create(inv, $"  {name}  n={s.N,-3} mean {G(s.Mean),9} [{G(s.CiLow)}, {G(s.CiHigh)}]");
                if (r.IsBaseline)
                {
                    line += "  (baseline)";
                }
                else if (r.Paired is { } p)
                {
                    sb.Append(line).Append("  ").Append(ComparisonVerdict.Of(r).Word()).Append('\n');
                    line = string.Create(inv, $"  {"".PadRight(width)}  Δ {G(p.MeanDifference)} [{G(p.CiLow)}, {G(p.CiHigh)}]  d_z {G(p.EffectSizeDz)}  p {P(p.PT)}  Holm {P(r.PHolm)}  Wilcoxon {P(p.PWilcoxon)}");
                }

                ConsoleText.Line(sb, line, width + 4);
            }
        }

        ConsoleText.Line(sb, string.Create(inv, $"Δ: paired difference from '{baseline}' over common-random-number replicates, 95% t interval; d_z: Cohen's effect size of the differences; p: paired t-test, Holm-adjusted across metrics; better or worse: Holm p < {ComparisonVerdict.Alpha} in the metric's favourable or unfavourable direction (the metric catalog)."), 0);
        return sb.ToString();
    }

    /// <summary>A number cell, or an empty one for NaN and infinities.</summary>
    internal static void Num(CsvTable csv, double v)
    {
        if (double.IsFinite(v))
        {
            csv.Number(v);
        }
        else
        {
            csv.Text("");
        }
    }

    /// <summary>A value as the console shows it: "–" when not finite, whole above 1,000, else up to three decimals.</summary>
    internal static string G(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 1000 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Three significant digits, for the knee's numbers.</summary>
    private static string G3(double v) => !double.IsFinite(v) ? "–" : v.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A p-value as the console and report show it.</summary>
    internal static string P(double p) => double.IsNaN(p) ? "–" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
