using System.Globalization;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments;

/// <summary>The compare section: the groups, strata, baseline and metrics of the sweep's closing comparison.</summary>
public static partial class ExperimentLoader
{
    /// <summary>The compare section: by, within and metrics name columns the sweep will write.</summary>
    private static CompareSpec? Compare(YamlTreeNode node, DesignSpec design, bool overPosterior, List<ScenarioError> errors)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "compare", "expected a mapping with the keys " + string.Join(", ", s_compareKeys)));
            return null;
        }

        CheckKeys(map, "compare", s_compareKeys, errors);
        var columns = design.Factors.Select(f => f.Path).ToList();
        if (design.Arms.Count > 0)
        {
            columns.Insert(0, "arm");
        }

        var metrics = Metrics.RunMetrics.Columns.Select(c => c.Name).ToArray();
        int before = errors.Count;
        var by = Names(map, "by", columns, "a column of the design", errors, normalise: true);
        bool byValid = errors.Count == before;
        // A posterior's sets may be strata (each set's effect on its own), never groups: they are not compared with each other.
        var within = Names(map, "within", overPosterior ? [.. columns, PosteriorSpec.Column] : columns, "a column of the design", errors, normalise: true);
        var chosen = Names(map, "metrics", metrics, "a metric of runs.csv", errors);
        foreach (string w in within.Where(by.Contains))
        {
            errors.Add(new ScenarioError(map.Find("within")!.Position, "compare.within", $"'{w}' is also in compare.by; a column either defines the groups or the strata"));
        }

        string? baseline = map.Find("baseline") is null ? null : Text(map, "baseline", "", errors);
        if (baseline is not null && byValid)
        {
            CheckBaseline(baseline, map.Find("baseline")!.Position, by.Count > 0 ? by : columns.Take(1).ToList(), design, errors);
        }

        var interaction = map.Find("interaction") is { } node2x2 ? Interaction(node2x2, by, design, errors) : null;
        return new CompareSpec(by, within, baseline, chosen, map.Position, interaction);
    }

    /// <summary>The 2x2 of arms to decompose: neither, first, second and both, each an arm of the design.</summary>
    private static Analysis.InteractionSpec? Interaction(YamlTreeNode node, List<string> by, DesignSpec design, List<ScenarioError> errors)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "compare.interaction", "expected a mapping with the keys " + string.Join(", ", s_interactionKeys)));
            return null;
        }

        int before = errors.Count;
        CheckKeys(map, "compare.interaction", s_interactionKeys, errors);
        if (design.Arms.Count == 0 || by.Any(b => b != "arm"))
        {
            errors.Add(new ScenarioError(map.Position, "compare.interaction", "a 2x2 names four arms: the design needs arms, and compare.by must be arm or left out"));
            return null;
        }

        var arms = design.Arms.Select(a => a.Name).ToList();
        var named = new string[s_interactionKeys.Length];
        for (int i = 0; i < named.Length; i++)
        {
            string key = s_interactionKeys[i];
            named[i] = Text(map, key, "", errors, required: true);
            if (named[i].Length > 0 && !arms.Contains(named[i]))
            {
                string? hint = SchemaBinder.Suggest(named[i], arms);
                errors.Add(new ScenarioError(map.Find(key)!.Position, "compare.interaction." + key,
                    $"'{named[i]}' is not an arm" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (expected one of: {string.Join(", ", arms)})"));
            }
        }

        if (errors.Count == before && named.Distinct().Count() < named.Length)
        {
            errors.Add(new ScenarioError(map.Position, "compare.interaction", $"the four arms of a 2x2 must differ: {string.Join(", ", named)}"));
        }

        return errors.Count == before ? new Analysis.InteractionSpec(named[0], named[1], named[2], named[3]) : null;
    }

    /// <summary>
    /// The baseline must be a group the sweep will write: with one group column, one of its values (an arm, a listed
    /// level, or a level of a range, as written in runs.csv); with several, one value of each joined by " | ".
    /// </summary>
    private static void CheckBaseline(string baseline, SourcePosition at, List<string> by, DesignSpec design, List<ScenarioError> errors)
    {
        if (!design.Type.ComparesGroups)
        {
            errors.Add(new ScenarioError(at, "compare.baseline",
                $"a baseline names a group of a {DesignCatalog.Names(t => t.ComparesGroups, "or")} design; {DesignCatalog.Names(t => !t.ComparesGroups, "and")} designs sample their values (use crisissim sensitivity)"));
            return;
        }

        if (by.Count == 0)
        {
            return; // the design has no columns: reported as a missing factor or arm
        }

        string[] parts = by.Count == 1 ? [baseline] : baseline.Split(" | ");
        if (parts.Length != by.Count)
        {
            errors.Add(new ScenarioError(at, "compare.baseline",
                $"'{baseline}': with compare.by [{string.Join(", ", by)}] the baseline is one value of each, joined by ' | ' (e.g. '{string.Join(" | ", by.Select(b => "…"))}')"));
            return;
        }

        for (int i = 0; i < parts.Length; i++)
        {
            string column = by[i];
            var factor = design.Factors.FirstOrDefault(f => f.Path == column);
            bool found = column == "arm" ? design.Arms.Any(a => a.Name == parts[i]) : factor is not null && FactorLevels.Contains(factor, parts[i]);
            if (found)
            {
                continue;
            }

            IReadOnlyList<string>? groups = column == "arm" ? [.. design.Arms.Select(a => a.Name)]
                : factor is not null && FactorLevels.Count(factor) <= 100 ? FactorLevels.List(factor) : null;
            string? hint = groups is null ? null : SchemaBinder.Suggest(parts[i], groups);
            string range = factor is { Levels: null } ? string.Create(CultureInfo.InvariantCulture, $"a level of the range {factor.Min} to {factor.Max} step {factor.Step}") : "one of its groups";
            errors.Add(new ScenarioError(at, "compare.baseline",
                $"'{parts[i]}' is not a group of {column}" + (hint is null ? "" : $"; did you mean '{hint}'?")
                + (groups is null ? $" (expected {range})" : $" (expected one of: {string.Join(", ", groups)})")));
        }
    }

    /// <summary>A text or a list of texts, each one of <paramref name="allowed"/> (scenario paths normalised when <paramref name="normalise"/>).</summary>
    private static List<string> Names(YamlMapNode map, string key, IReadOnlyList<string> allowed, string what, List<ScenarioError> errors, bool normalise = false)
    {
        var result = new List<string>();
        var node = map.Find(key);
        IEnumerable<YamlTreeNode> items = node switch
        {
            null => [],
            YamlListNode list => list.Items,
            _ => [node],
        };
        foreach (var item in items)
        {
            if (item is not YamlScalarNode { IsNull: false } s)
            {
                errors.Add(new ScenarioError(item.Position, "compare." + key, "expected a name or a list of names"));
            }
            else if (!allowed.Contains(normalise ? ParameterPath.Normalise(s.Value) : s.Value))
            {
                string? hint = SchemaBinder.Suggest(s.Value, [.. allowed]);
                errors.Add(new ScenarioError(s.Position, "compare." + key,
                    $"'{s.Value}' is not {what}" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (expected one of: {string.Join(", ", allowed)})"));
            }
            else
            {
                result.Add(normalise ? ParameterPath.Normalise(s.Value) : s.Value);
            }
        }

        return result;
    }
}
