using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios.Presets;

/// <summary>
/// Writes a selected governance preset's values into a scenario document before it is bound, so every value is checked,
/// hashed and reported like one written by hand. The file's <c>governance.preset</c> fills only the preset paths the
/// file leaves out; an override of <c>governance.preset</c> (an arm, <c>--set</c>) replaces them all, and the other
/// overrides are applied after it.
/// </summary>
public static class PresetExpansion
{
    private const string PresetPath = "governance.preset";

    /// <summary>Fills the paths the document leaves out with the values of the preset the document itself selects.</summary>
    public static void ApplyFilePreset(YamlTreeNode root)
    {
        if ((root as YamlMapNode)?.Find("governance") is not YamlMapNode governance || governance.Find("preset") is not YamlScalarNode named)
        {
            return;
        }

        var preset = Resolve(named.Value, named.Position);
        foreach (var v in preset?.Values ?? [])
        {
            if (!Has(root, v.Path))
            {
                ScenarioOverrides.Apply(root, v.Path, v.Value, named.Position);
            }
        }
    }

    /// <summary>
    /// The overrides in the order they are applied: an override of <c>governance.preset</c> first, preceded by its
    /// preset's values (which replace the file's), then the others in their given order.
    /// </summary>
    public static IReadOnlyList<ScenarioOverride> Order(IReadOnlyList<ScenarioOverride> overrides)
    {
        var ordered = new List<ScenarioOverride>();
        foreach (var o in overrides.Where(o => o.Path == PresetPath))
        {
            var preset = Resolve(o.Value.Trim(), o.Origin);
            ordered.AddRange((preset?.Values ?? []).Select(v => new ScenarioOverride(v.Path, v.Path, v.Value, o.Origin)));
            ordered.Add(o);
        }

        ordered.AddRange(overrides.Where(o => o.Path != PresetPath));
        return ordered;
    }

    private static GovernancePreset? Resolve(string name, SourcePosition at)
    {
        var match = SchemaCatalog.EnumNames(typeof(GovernancePresetName)).FirstOrDefault(n => n.Name == name);
        return match.Name is null
            ? throw new ScenarioException(new ScenarioError(at, PresetPath,
                $"'{name}' is not a governance preset; expected one of {string.Join(", ", SchemaCatalog.EnumNames(typeof(GovernancePresetName)).Select(n => n.Name))}"))
            : GovernancePresets.Find((GovernancePresetName)match.Value);
    }

    private static bool Has(YamlTreeNode root, string path)
    {
        YamlTreeNode? node = root;
        foreach (string key in path.Split('.'))
        {
            node = (node as YamlMapNode)?.Find(key);
            if (node is null)
            {
                return false;
            }
        }

        return true;
    }
}
