using System.Globalization;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments;

/// <summary>The design section: its kind, settings, factors and arms.</summary>
public static partial class ExperimentLoader
{
    private static DesignSpec Design(YamlTreeNode node, List<ScenarioError> errors, List<Claim> claims)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "design", "expected a mapping with kind and factors"));
            return new DesignSpec(DesignKind.Factorial, [], [], 0, 0, 0);
        }

        CheckKeys(map, "design", s_designKeys, errors);
        var kind = DesignKind.Factorial;
        var kinds = new Dictionary<string, DesignKind>(StringComparer.Ordinal)
        {
            ["factorial"] = DesignKind.Factorial, ["lhs"] = DesignKind.Lhs, ["morris"] = DesignKind.Morris, ["sobol"] = DesignKind.Sobol,
        };
        if (map.Find("kind") is YamlScalarNode { IsNull: false } k && kinds.TryGetValue(k.Value, out var parsed))
        {
            kind = parsed;
        }
        else
        {
            var at = map.Find("kind") ?? map;
            string found = map.Find("kind") is YamlScalarNode s ? $"'{s.Value}'" : "nothing";
            string? hint = map.Find("kind") is YamlScalarNode s2 ? SchemaBinder.Suggest(s2.Value, kinds.Keys) : null;
            errors.Add(new ScenarioError(at.Position, "design.kind", $"expected one of factorial, lhs, morris, sobol, found {found}" + (hint is null ? "" : $"; did you mean '{hint}'?")));
        }

        int samples = (int)Whole(map, "samples", "design", kind is DesignKind.Lhs or DesignKind.Sobol ? 0 : 1, 2, 1_000_000, errors, required: kind is DesignKind.Lhs or DesignKind.Sobol);
        int trajectories = (int)Whole(map, "trajectories", "design", kind == DesignKind.Morris ? 0 : 1, 2, 100_000, errors, required: kind == DesignKind.Morris);
        int levels = (int)Whole(map, "levels", "design", 4, 2, 100, errors);
        if (kind == DesignKind.Morris && levels % 2 != 0 && map.Find("levels") is { } lv)
        {
            errors.Add(new ScenarioError(lv.Position, "design.levels", "Morris needs an even number of levels (e.g. 4), so that Δ = p/(2(p−1)) lands on the grid"));
        }

        var factors = new List<Factor>();
        if (map.Find("factors") is { } factorsNode)
        {
            if (factorsNode is not YamlMapNode fm)
            {
                errors.Add(new ScenarioError(factorsNode.Position, "design.factors", "expected a mapping from scenario path to levels ([a, b]) or a range ({min, max, step})"));
            }
            else
            {
                if (fm.Entries.Count > MaxFactors)
                {
                    errors.Add(new ScenarioError(fm.Position, "design.factors", string.Create(CultureInfo.InvariantCulture, $"{fm.Entries.Count} factors; at most {MaxFactors} are accepted")));
                }

                foreach (var (key, value) in fm.Entries)
                {
                    claims.Add(new Claim(ParameterPath.Normalise(key.Value), key.Value, key.Position, "design.factors", null));
                    if (ParseFactor(key.Value, value, kind, errors) is { } f)
                    {
                        factors.Add(f);
                    }
                }
            }
        }

        var arms = new List<Arm>();
        if (map.Find("arms") is { } armsNode)
        {
            if (kind != DesignKind.Factorial)
            {
                errors.Add(new ScenarioError(armsNode.Position, "design.arms", "arms are crossed with factors in a factorial design only"));
            }
            else if (armsNode is not YamlMapNode am)
            {
                errors.Add(new ScenarioError(armsNode.Position, "design.arms", "expected a mapping from arm name to overrides"));
            }
            else
            {
                if (am.Entries.Count > MaxArms)
                {
                    errors.Add(new ScenarioError(am.Position, "design.arms", string.Create(CultureInfo.InvariantCulture, $"{am.Entries.Count} arms; at most {MaxArms} are accepted")));
                }

                foreach (var (key, value) in am.Entries)
                {
                    var positions = new List<SourcePosition>();
                    var assignments = Assignments(value, "design.arms." + key.Value, errors, positions, claims, key.Value);
                    arms.Add(new Arm(key.Value, assignments, key.Position, positions));
                }
            }
        }

        if (factors.Count == 0 && arms.Count == 0)
        {
            errors.Add(new ScenarioError(map.Position, "design.factors", kind == DesignKind.Factorial
                ? "a factorial design needs at least one factor or arm"
                : "this design needs at least one factor with a range {min, max}"));
        }

        return new DesignSpec(kind, factors, arms, samples, trajectories, levels);
    }

    private static Factor? ParseFactor(string spelling, YamlTreeNode value, DesignKind kind, List<ScenarioError> errors)
    {
        string path = ParameterPath.Normalise(spelling);
        string at = "design.factors." + path;
        bool whole = SchemaCatalog.TypeAt(typeof(Scenario), path) is { } t && (t == typeof(int) || t == typeof(long));
        if (value is YamlListNode list)
        {
            if (kind != DesignKind.Factorial)
            {
                errors.Add(new ScenarioError(value.Position, at, "lhs, morris and sobol sample ranges: give {min, max}, not a list"));
                return null;
            }

            if (list.Items.Count == 0)
            {
                errors.Add(new ScenarioError(value.Position, at, "a factor needs at least one level"));
                return null;
            }

            var levels = new List<string>();
            foreach (var item in list.Items)
            {
                if (item is YamlScalarNode { IsNull: false } s)
                {
                    levels.Add(s.Value);
                }
                else
                {
                    errors.Add(new ScenarioError(item.Position, at, "each level must be a single value"));
                }
            }

            return new Factor(path, levels, 0, 0, 0, whole, value.Position);
        }

        if (value is not YamlMapNode range)
        {
            errors.Add(new ScenarioError(value.Position, at, "expected a list of levels [a, b, ...] or a range {min: …, max: …" + (kind == DesignKind.Factorial ? ", step: …}" : "}")));
            return null;
        }

        CheckKeys(range, at, s_rangeKeys, errors);
        double min = Number(range, "min", at, errors);
        double max = Number(range, "max", at, errors);
        double step = range.Find("step") is null ? 0 : Number(range, "step", at, errors);
        if (!(min < max))
        {
            errors.Add(new ScenarioError(range.Position, at, string.Create(CultureInfo.InvariantCulture, $"min ({min}) must be below max ({max})")));
        }

        if (kind == DesignKind.Factorial && !(step > 0))
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "a factorial range needs a step above 0"));
        }
        else if (kind == DesignKind.Factorial && (max - min) / step > DesignBuilder.MaxPoints)
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "the step is so small that the range has more than 10,000,000 levels"));
        }

        return new Factor(path, null, min, max, step, whole, value.Position);
    }
}
