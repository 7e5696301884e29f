using System.Globalization;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments;

/// <summary>The over section: run the design at each accepted parameter set of a calibration.</summary>
public static partial class ExperimentLoader
{
    private static readonly string[] s_overKeys = ["posterior", "sets", "parameters"];

    /// <summary>Most parameter sets an experiment may run over.</summary>
    public const int MaxPosteriorSets = 100_000;

    /// <summary>
    /// over: {posterior: FOLDER, sets: N, parameters: [PATH, ...]}, for a design that compares groups (the sets are
    /// pooled within each group). parameters keeps only those calibrated parameters (a case run out of sample takes the
    /// behavioural ones and leaves the calibration case's physical ones behind).
    /// </summary>
    private static PosteriorSpec? Over(YamlTreeNode node, DesignSpec design, List<ScenarioError> errors)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "over", "expected a mapping: over: {posterior: FOLDER} (the output folder of crisissim calibrate), optionally with sets: N"));
            return null;
        }

        int before = errors.Count;
        CheckKeys(map, "over", s_overKeys, errors);
        string from = Text(map, "posterior", "", errors, required: true);
        long take = Whole(map, "sets", "over", 0, 1, MaxPosteriorSets, errors);
        var only = Parameters(map.Find("parameters"), errors);
        if (!design.Type.ComparesGroups)
        {
            errors.Add(new ScenarioError(map.Position, "over.posterior", string.Create(CultureInfo.InvariantCulture,
                $"a {design.Kind} design samples its own values for sensitivity; run a {DesignCatalog.Names(t => t.ComparesGroups, "or")} design over a posterior")));
        }

        return errors.Count == before && from.Length > 0
            ? new PosteriorSpec(from, map.Find("sets") is null ? null : (int)take, map.Find("posterior")!.Position) { Parameters = only }
            : null;
    }

    /// <summary>over.parameters: a non-empty list of distinct parameter paths, or null when absent.</summary>
    private static List<string>? Parameters(YamlTreeNode? node, List<ScenarioError> errors)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlListNode list || list.Items.Count == 0 || list.Items.Any(i => i is not YamlScalarNode { Value.Length: > 0 }))
        {
            errors.Add(new ScenarioError(node.Position, "over.parameters", "expected a non-empty list of calibrated parameter paths, e.g. [actors.police.work_rate_per_h]"));
            return null;
        }

        var paths = list.Items.Select(i => ((YamlScalarNode)i).Value).ToList();
        if (paths.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add(new ScenarioError(node.Position, "over.parameters", $"'{twice.Key}' is listed twice"));
            return null;
        }

        return paths;
    }

    /// <summary>
    /// The posterior's parameters against the experiment's own: a fixed value, an arm's assignment or a factor that
    /// reaches a calibrated parameter would be overwritten by every set, so it is refused at its line.
    /// </summary>
    private static IEnumerable<ScenarioError> ClaimsOnThePosterior(ExperimentSpec spec, PosteriorSample sample)
    {
        var over = spec.Posterior!;
        var named = spec.Fixed.Select((f, i) => (f.Key, At: spec.FixedPositions?[i] ?? over.Position, Where: "fixed"))
            .Concat(spec.Design.Arms.SelectMany(a => a.Assignments.Select((x, i) => (x.Key, At: a.AssignmentPositions?[i] ?? a.Position, Where: "design.arms." + a.Name))))
            .Concat(spec.Design.Factors.Select(f => (Key: f.Path, At: f.Position, Where: "design.factors")));
        foreach (var (path, at, where) in named)
        {
            if (sample.Paths.FirstOrDefault(p => ParameterPath.Overlaps(p, path)) is { } calibrated)
            {
                yield return new ScenarioError(at, where + "." + path,
                    $"'{path}' sets the calibrated parameter {calibrated}, which every set of the posterior ({over.From}) gives its own value; leave it to the posterior or drop over.posterior");
            }
        }
    }
}
