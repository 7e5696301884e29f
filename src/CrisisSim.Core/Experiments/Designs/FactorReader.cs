using System.Globalization;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// The two forms a factor takes in <c>design.factors</c>: on a grid (a list of levels, or a range with a step) or
/// as a range to sample ({min, max}). A design type's <see cref="IDesignType.ReadFactor"/> picks one.
/// </summary>
public static class FactorReader
{
    private static readonly string[] s_rangeKeys = ["min", "max", "step"];

    /// <summary>The keys of a factor's range.</summary>
    public static IReadOnlyList<string> RangeKeys => s_rangeKeys;

    /// <summary>A list of levels [a, b, …] or a range {min, max, step} with a step above 0.</summary>
    public static Factor? Grid(string spelling, YamlTreeNode value, List<ScenarioError> errors) => Read(spelling, value, grid: true, errors);

    /// <summary>A range {min, max} to sample; a list is refused.</summary>
    public static Factor? Range(string spelling, YamlTreeNode value, List<ScenarioError> errors) => Read(spelling, value, grid: false, errors);

    private static Factor? Read(string spelling, YamlTreeNode value, bool grid, List<ScenarioError> errors)
    {
        string path = ParameterPath.Normalise(spelling);
        string at = "design.factors." + path;
        bool whole = SchemaCatalog.TypeAt(typeof(Scenario), path) is { } t && (t == typeof(int) || t == typeof(long));
        if (value is YamlListNode list)
        {
            if (!grid)
            {
                errors.Add(new ScenarioError(value.Position, at, $"{DesignCatalog.Names(d => d is SampledDesign, "and")} sample ranges: give {{min, max}}, not a list"));
                return null;
            }

            return Levels(list, path, at, whole, errors);
        }

        if (value is not YamlMapNode range)
        {
            errors.Add(new ScenarioError(value.Position, at, "expected a list of levels [a, b, ...] or a range {min: …, max: …" + (grid ? ", step: …}" : "}")));
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

        if (grid && !(step > 0))
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "a factorial range needs a step above 0"));
        }
        else if (grid && (max - min) / step > DesignBuilder.MaxPoints)
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "the step is so small that the range has more than 10,000,000 levels"));
        }

        return new Factor(path, null, min, max, step, whole, value.Position);
    }

    private static Factor? Levels(YamlListNode list, string path, string at, bool whole, List<ScenarioError> errors)
    {
        if (list.Items.Count == 0)
        {
            errors.Add(new ScenarioError(list.Position, at, "a factor needs at least one level"));
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

        return new Factor(path, levels, 0, 0, 0, whole, list.Position);
    }
}
