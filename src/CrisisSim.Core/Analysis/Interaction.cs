namespace CrisisSim.Core.Analysis;

/// <summary>
/// A 2x2 of arms: <paramref name="Neither"/> has neither treatment, <paramref name="First"/> and <paramref name="Second"/>
/// one each, <paramref name="Both"/> both (e.g. single-government, single-platform, co-hierarchical, co-platform: the
/// platform and co-governance).
/// </summary>
public sealed record InteractionSpec(string Neither, string First, string Second, string Both)
{
    /// <summary>The four arms, in the order neither, first, second, both.</summary>
    public IReadOnlyList<string> Arms => [Neither, First, Second, Both];
}

/// <summary>One effect of a 2x2 on one metric (in one stratum), paired by replicate.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Stratum">The values of the within columns ([] without strata).</param>
/// <param name="Effect">first, second, second_with_first or interaction.</param>
/// <param name="Contrast">The contrast in arm names, e.g. "(co-platform − co-hierarchical) − (single-platform − single-government)".</param>
/// <param name="Paired">The paired difference.</param>
/// <param name="PHolm">p Holm-adjusted across the metrics of this effect and stratum.</param>
public sealed record InteractionRow(string Metric, IReadOnlyList<string> Stratum, string Effect, string Contrast, PairedResult Paired, double PHolm);

/// <summary>
/// The decomposition of a 2x2 of arms, each contrast paired over common-random-number replicates: the effect of the first
/// treatment alone (first − neither), of the second alone (second − neither), of the second with the first held
/// (both − first), and their interaction ((both − second) − (first − neither)): whether the second treatment's effect
/// depends on the first.
/// </summary>
public static class Interaction
{
    /// <summary>The effects, in the order first, second, second_with_first, interaction.</summary>
    public static readonly IReadOnlyList<string> Effects = ["first", "second", "second_with_first", "interaction"];

    /// <summary>Decomposes <paramref name="spec"/> (arms of column <paramref name="column"/>) on <paramref name="metrics"/>, per stratum of <paramref name="within"/>.</summary>
    public static IReadOnlyList<InteractionRow> Compute(ResultTable t, string column, InteractionSpec spec, IReadOnlyList<string> metrics, IReadOnlyList<string>? within = null)
    {
        within ??= [];
        int arm = t.Column(column);
        int replicate = t.Column("replicate");
        int status = t.Column("status");
        if (arm < 0 || replicate < 0)
        {
            throw new AnalysisException($"runs.csv needs the columns {column} and replicate for the 2x2 of {string.Join(", ", spec.Arms)}");
        }

        var ok = t.Rows.Where(r => status < 0 || r[status] == "ok").ToList();
        foreach (string a in spec.Arms.Where(a => !ok.Any(r => r[arm] == a)))
        {
            throw new AnalysisException($"the 2x2 names '{a}', which has no successful run");
        }

        var withinIdx = within.Select(t.Column).ToArray();
        var pairIdx = Comparison.FactorColumns(t).Where(f => f != column && !within.Contains(f)).Select(t.Column).Prepend(replicate).ToArray();
        var rows = new List<InteractionRow>();
        foreach (var stratum in Comparison.Strata(ok, withinIdx))
        {
            var here = ok.Where(r => withinIdx.Select(i => r[i]).SequenceEqual(stratum)).ToList();
            var byPair = here.GroupBy(r => string.Join("\u001f", pairIdx.Select(i => r[i])))
                .Select(g => spec.Arms.Select(a => g.FirstOrDefault(r => r[arm] == a)).ToArray())
                .Where(four => four.All(r => r is not null))
                .ToList();
            if (byPair.Count == 0)
            {
                string where = within.Count == 0 ? "" : " where " + string.Join(", ", within.Select((w, i) => $"{w} = {stratum[i]}"));
                throw new AnalysisException($"no replicate has successful runs of all four arms of the 2x2 ({string.Join(", ", spec.Arms)}){where}");
            }

            var stratumRows = new List<InteractionRow>();
            foreach (string metric in metrics)
            {
                int m = t.Column(metric);
                // A replicate counts only when all four arms have a number ("never" cells and failed metrics are left out,
                // as the comparison leaves out a pair).
                var values = byPair.Select(four => four.Select(r => ResultTable.Number(r![m])).ToArray()).Where(v => v.All(double.IsFinite)).ToList();
                double[] Of(int k) => [.. values.Select(v => v[k])];
                double[] neither = Of(0), first = Of(1), second = Of(2), both = Of(3);
                stratumRows.Add(Row(metric, stratum, Effects[0], $"{spec.First} − {spec.Neither}", PairedComparison.Compare(first, neither)));
                stratumRows.Add(Row(metric, stratum, Effects[1], $"{spec.Second} − {spec.Neither}", PairedComparison.Compare(second, neither)));
                stratumRows.Add(Row(metric, stratum, Effects[2], $"{spec.Both} − {spec.First}", PairedComparison.Compare(both, first)));
                stratumRows.Add(Row(metric, stratum, Effects[3], $"({spec.Both} − {spec.Second}) − ({spec.First} − {spec.Neither})",
                    PairedComparison.Compare(Sum(both, neither), Sum(second, first))));
            }

            // Holm across the metrics of each effect, the family of the closing comparison (across metrics of one arm).
            var adjusted = new double[stratumRows.Count];
            foreach (var effect in Effects)
            {
                var at = Enumerable.Range(0, stratumRows.Count).Where(i => stratumRows[i].Effect == effect).ToArray();
                var holm = PairedComparison.Holm([.. at.Select(i => stratumRows[i].Paired.PT)]);
                for (int k = 0; k < at.Length; k++)
                {
                    adjusted[at[k]] = holm[k];
                }
            }

            rows.AddRange(stratumRows.Select((r, i) => r with { PHolm = adjusted[i] }));
        }

        return rows;
    }

    private static InteractionRow Row(string metric, string[] stratum, string effect, string contrast, PairedResult paired) =>
        new(metric, stratum, effect, contrast, paired, double.NaN);

    private static double[] Sum(double[] a, double[] b) => [.. a.Zip(b, (x, y) => x + y)];
}
