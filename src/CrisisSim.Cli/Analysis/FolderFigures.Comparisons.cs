using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;

namespace CrisisSim.Cli.Analysis;

/// <summary>The figures of the comparison: forest plots, differences along a stratum, heatmaps of the difference.</summary>
public static partial class FolderFigures
{
    /// <summary>
    /// The folder's comparison as <paramref name="plan"/> defines it (the one comparison.csv and the report give), or
    /// null (with a note) when there is no group column or the comparison cannot be made from these runs.
    /// </summary>
    private static (IReadOnlyList<ComparisonRow> Rows, string Baseline)? Compare(ResultTable runs, List<string[]> ok, ComparisonPlan plan, List<string> notes)
    {
        if (plan.By.Length == 0 || ok.Count == 0)
        {
            return null;
        }

        try
        {
            return Comparison.Compute(runs, plan.By, plan.Metrics, plan.Baseline, plan.Within);
        }
        catch (AnalysisException ex)
        {
            notes.Add($"comparison by {string.Join(", ", plan.By)}: {ex.Message}; not shown (no forest plot or differences)");
            return null;
        }
    }

    /// <summary>The groups --arm names, checked against the successful runs' groups; empty: all.</summary>
    private static List<string> ChooseArms(IReadOnlyList<string> arms, List<string[]> ok, int byCol, string groupBy)
    {
        var groups = ok.Select(r => Figures.Cell(r, byCol)).Distinct().ToList();
        foreach (string arm in arms.Where(a => !groups.Contains(a)))
        {
            string? hint = Core.Scenarios.Schema.SchemaBinder.Suggest(arm, groups);
            throw new CliException($"--arm {arm}: no successful run of such a group of {(groupBy.Length == 0 ? "runs" : groupBy)}" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (the groups are: {string.Join(", ", groups)})");
        }

        return [.. arms.Distinct()];
    }

    /// <summary>A forest plot per compared metric: every group but the baseline, or those of --arm in their order.</summary>
    private static void DrawForests(Sheet sheet, (IReadOnlyList<ComparisonRow> Rows, string Baseline)? comparison, ComparisonPlan plan, List<string> arms)
    {
        if (comparison is not var (rows, baseline))
        {
            return;
        }

        var groups = rows.Where(r => !r.IsBaseline).Select(r => string.Join(" | ", r.Group)).Distinct().ToList();
        if (arms.Count > 0)
        {
            groups = [.. arms.Where(groups.Contains)];
        }

        string by = string.Join(", ", plan.By);
        foreach (string m in plan.Metrics)
        {
            var points = new List<ForestPoint>();
            sheet.Add($"forest-{m}", () => Figures.Forest(rows, m, baseline, groups, by, plan.Within, sheet.Target, points) is { } f ? f with { Forest = points } : null);
        }
    }

    /// <summary>With one stratum column, each group's paired difference along its levels (the comparison's own rows).</summary>
    private static void DrawDifferences(Sheet sheet, (IReadOnlyList<ComparisonRow> Rows, string Baseline)? comparison, ComparisonPlan plan, string[] metrics)
    {
        if (comparison is not var (rows, baseline) || plan.Within is not [var within])
        {
            return;
        }

        foreach (string m in metrics)
        {
            sheet.Add($"difference-{m}", () => Figures.DifferenceByLevel(rows, m, within, baseline, sheet.Target));
        }
    }

    /// <summary>
    /// Heatmaps of the paired difference over two factors <paramref name="pair"/> (--heatmap, else the first two factors
    /// other than arm): of each group against the plan's baseline within each cell (the plan with the pair as its strata),
    /// or, when the groups are the pair's own factors, of each cell against the first cell.
    /// </summary>
    private static void DrawHeatmaps(Sheet sheet, ResultTable runs, ComparisonPlan plan, string[]? pair, string[] metrics, List<string> arms)
    {
        var factors = Comparison.FactorColumns(runs).Where(f => f != "arm").ToList();
        pair ??= factors.Count >= 2 ? [factors[0], factors[1]] : null;
        if (pair is not [var x, var y] || metrics.Length == 0)
        {
            return;
        }

        bool cellsAreGroups = plan.By.Length == 0 || plan.By.Any(pair.Contains);
        var cellPlan = cellsAreGroups ? new ComparisonPlan([x, y], plan.Metrics, null, [], null) : plan with { Within = [x, y], Interaction = null };
        IReadOnlyList<ComparisonRow> rows;
        string baseline;
        try
        {
            (rows, baseline) = Comparison.Compute(runs, cellPlan.By, cellPlan.Metrics, cellPlan.Baseline, cellPlan.Within);
        }
        catch (AnalysisException ex)
        {
            sheet.Notes.Add($"heatmaps over {x} and {y}: {ex.Message}; not drawn");
            return;
        }

        var xs = Levels(runs, x);
        var ys = Levels(runs, y);
        var groups = cellsAreGroups ? [null] : rows.Where(r => !r.IsBaseline).Select(r => string.Join(" | ", r.Group)).Distinct().Where(g => arms.Count == 0 || arms.Contains(g)).Cast<string?>().ToList();
        foreach (string m in metrics)
        {
            foreach (string? g in groups)
            {
                var cells = rows.Where(r => r.Metric == m && r.Paired is not null && (g is null || string.Join(" | ", r.Group) == g))
                    .ToDictionary(r => cellsAreGroups ? (r.Group[0], r.Group[1]) : (r.Stratum[0], r.Stratum[1]), r => r.Paired!.Value);
                string cellBaseline = cellsAreGroups ? $"{x} = {baseline.Split(" | ")[0]}, {y} = {baseline.Split(" | ")[^1]}" : baseline;
                string name = groups.Count == 1 ? $"heatmap-{m}" : $"heatmap-{m}-{FileSafe(g!)}";
                sheet.Add(name, () => Figures.DifferenceHeatmap(new DifferenceGrid(m, g, cellBaseline, x, y, xs, ys, cells), name, sheet.Target));
            }
        }
    }

    /// <summary>A group's name as part of a file name: characters a file name cannot hold, and spaces, as underscores.</summary>
    private static string FileSafe(string group) =>
        string.Concat(group.Select(c => char.IsWhiteSpace(c) || c == '|' || Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));

    /// <summary>The levels of a factor column among all runs, numeric ones in numeric order.</summary>
    private static List<string> Levels(ResultTable runs, string factor)
    {
        int c = runs.Column(factor);
        return [.. runs.Rows.Select(r => Figures.Cell(r, c)).Distinct().OrderBy(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.MaxValue).ThenBy(v => v, StringComparer.Ordinal)];
    }
}
