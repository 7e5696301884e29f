using System.Text.Json.Nodes;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Analysis;

/// <summary>
/// The one definition of a sweep's comparison: its groups, metrics (and so its Holm family), baseline, strata and 2x2,
/// from the experiment's compare section, else the defaults (by arm or the first factor, the headline metrics). The
/// sweep's closing comparison, its report and <c>crisissim compare</c> without options (the Slurm merge job's
/// included) all use it, so they give the same numbers; each option of compare overrides its own part.
/// </summary>
/// <param name="By">Columns defining the groups.</param>
/// <param name="Metrics">Metrics compared (the Holm family).</param>
/// <param name="Baseline">The baseline group (null: the first).</param>
/// <param name="Within">Strata columns.</param>
/// <param name="Interaction">The 2x2 to decompose, or null.</param>
public sealed record ComparisonPlan(string[] By, IReadOnlyList<string> Metrics, string? Baseline, IReadOnlyList<string> Within, InteractionSpec? Interaction)
{
    /// <summary>
    /// The comparison the sweep in <paramref name="dir"/> defines (its experiment's compare section, from sweep.json),
    /// or the defaults for <paramref name="table"/> without one (a single run, or a folder of another tool).
    /// </summary>
    public static ComparisonPlan OfFolder(string dir, ResultTable table)
    {
        string manifest = Path.Combine(dir, Output.FileNames.SweepManifest);
        if (!File.Exists(manifest))
        {
            return Of(null, table);
        }

        var sweep = Output.SweepManifest.Read(manifest);
        return Of(ExperimentLoader.Parse(sweep.ExperimentText, sweep.Experiment).Compare, table);
    }

    /// <summary>The comparison <paramref name="compare"/> defines for <paramref name="table"/> (null: the defaults).</summary>
    public static ComparisonPlan Of(CompareSpec? compare, ResultTable table) => Of(compare, Comparison.FactorColumns(table));

    /// <summary>The comparison <paramref name="compare"/> defines for a sweep with <paramref name="factors"/> (its runs.csv factor columns).</summary>
    public static ComparisonPlan Of(CompareSpec? compare, IReadOnlyList<string> factors) => new(
        compare is { By.Count: > 0 } ? [.. compare.By] : Grouping.DefaultBy(factors),
        compare is { Metrics.Count: > 0 } ? compare.Metrics : Comparison.HeadlineMetrics,
        compare?.Baseline,
        compare?.Within ?? [],
        compare?.Interaction);

    /// <summary>The plan as sweep.json records it: by, within, baseline (null: the first group), metrics, interaction (null: none).</summary>
    public JsonObject ToJson()
    {
        static JsonArray Texts(IEnumerable<string> xs) => new([.. xs.Select(x => JsonValue.Create(x))]);
        return new JsonObject
        {
            ["by"] = Texts(By),
            ["within"] = Texts(Within),
            ["baseline"] = Baseline,
            ["metrics"] = Texts(Metrics),
            ["interaction"] = Interaction is { } i
                ? new JsonObject { ["neither"] = i.Neither, ["first"] = i.First, ["second"] = i.Second, ["both"] = i.Both }
                : null,
        };
    }

    /// <summary>
    /// This plan with the given options in place of its parts: new groups drop the plan's baseline and 2x2 (they name
    /// groups of the old grouping) and any stratum that is now a group; every other option replaces only its own part.
    /// </summary>
    public ComparisonPlan With(string[] by, string[] metrics, string? baseline, string[] within, InteractionSpec? interaction)
    {
        var plan = by.Length > 0 ? this with { By = by, Baseline = null, Interaction = null, Within = [.. Within.Except(by)] } : this;
        return plan with
        {
            Metrics = metrics.Length > 0 ? metrics : plan.Metrics,
            Baseline = baseline ?? plan.Baseline,
            Within = within.Length > 0 ? within : plan.Within,
            Interaction = interaction ?? plan.Interaction,
        };
    }
}
