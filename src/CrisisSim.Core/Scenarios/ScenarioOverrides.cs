using System.Globalization;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>One <c>PATH=VALUE</c> override: the normalised path, how it was spelt, its value text and its origin.</summary>
/// <param name="Path">The path in its normal form (<see cref="ParameterPath.Normalise"/>).</param>
/// <param name="Spelling">The path as written.</param>
/// <param name="Value">The value, as YAML text.</param>
/// <param name="Origin">Where errors about it are reported: <c>--set PATH=VALUE</c> as written.</param>
public sealed record ScenarioOverride(string Path, string Spelling, string Value, SourcePosition Origin);

/// <summary>
/// Applies <c>PATH=VALUE</c> overrides (from <c>--set</c> or a sweep factor) to a parsed document before
/// binding, so an overridden value is checked exactly like a value in the file and errors name the
/// override. VALUE is read as YAML, so lists (<c>[a, b]</c>) work too. Paths are normalised
/// (<see cref="ParameterPath"/>), and one parameter given twice (in any spelling) is refused.
/// </summary>
public static class ScenarioOverrides
{
    /// <summary>Splits <paramref name="assignment"/> (PATH=VALUE) at its first '=' and normalises its path; refuses it without a PATH before the '='.</summary>
    public static ScenarioOverride Parse(string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var origin = new SourcePosition($"--set {assignment}", 0, 0);
        if (eq <= 0)
        {
            throw new ScenarioException(new ScenarioError(origin, "", "expected PATH=VALUE, e.g. governance.mode=co-governance"));
        }

        string spelling = assignment[..eq];
        return new ScenarioOverride(ParameterPath.Normalise(spelling), spelling, assignment[(eq + 1)..], origin);
    }

    /// <summary>Refuses two overrides of one parameter (the same normalised path, or one inside the other), naming both spellings.</summary>
    public static void RefuseDuplicates(IReadOnlyList<ScenarioOverride> overrides)
    {
        var errors = new List<ScenarioError>();
        for (int j = 1; j < overrides.Count; j++)
        {
            for (int i = 0; i < j; i++)
            {
                var (a, b) = (overrides[i], overrides[j]);
                if (!ParameterPath.Overlaps(a.Path, b.Path))
                {
                    continue;
                }

                errors.Add(new ScenarioError(b.Origin, b.Path, a.Path == b.Path
                    ? $"the parameter {b.Path} is set twice: by '{a.Origin.Source}' and by '{b.Origin.Source}'; give each parameter once"
                    : $"'{a.Origin.Source}' and '{b.Origin.Source}' both set {(a.Path.Length < b.Path.Length ? b.Path : a.Path)} ({(a.Path.Length < b.Path.Length ? a.Path : b.Path)} contains it); give each parameter once"));
                break;
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }
    }

    /// <summary>Parses <paramref name="assignment"/> (PATH=VALUE, as given to <c>--set</c>) and applies it to <paramref name="root"/>; errors name the assignment.</summary>
    public static void Apply(YamlTreeNode root, string assignment) => Apply(root, Parse(assignment));

    /// <summary>Applies an override made by <see cref="Parse"/> to <paramref name="root"/>; errors are positioned at its <see cref="ScenarioOverride.Origin"/>.</summary>
    public static void Apply(YamlTreeNode root, ScenarioOverride o) => Apply(root, o.Path, o.Value, o.Origin);

    /// <summary>
    /// Sets the value at <paramref name="path"/> (normalised first) to the YAML text <paramref name="valueText"/>,
    /// replacing a value already there. Missing mapping keys on the way are created as mappings; a list index
    /// must already exist; a path through a single value is refused. Errors are positioned at <paramref name="origin"/>.
    /// </summary>
    public static void Apply(YamlTreeNode root, string path, string valueText, SourcePosition origin)
    {
        path = ParameterPath.Normalise(path);
        string[] keys = path.Split('.');
        if (path.Length == 0 || Array.Exists(keys, k => k.Length == 0))
        {
            throw new ScenarioException(new ScenarioError(origin, path, "expected a dotted key path such as governance.trust"));
        }

        YamlTreeNode value = ParseValue(valueText, origin);
        YamlTreeNode node = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            node = Descend(node, keys, i, origin);
        }

        Replace(node, keys, value, origin);
    }

    /// <summary>The child of <paramref name="node"/> under <c>keys[i]</c>; a missing mapping key is added, holding an empty mapping.</summary>
    private static YamlTreeNode Descend(YamlTreeNode node, string[] keys, int i, SourcePosition origin)
    {
        switch (node)
        {
            case YamlMapNode map:
            {
                int index = map.Entries.FindIndex(e => e.Key.Value == keys[i]);
                if (index >= 0)
                {
                    return map.Entries[index].Value;
                }

                var child = new YamlMapNode { Position = origin };
                map.Entries.Add(new(new YamlScalarNode { Value = keys[i], Position = origin }, child));
                return child;
            }

            case YamlListNode list:
                return list.Items[ListIndex(list, keys, i, origin)];
            default:
                throw NoKeyInSingleValue(keys, i, origin);
        }
    }

    /// <summary>Puts <paramref name="value"/> under the last key of <paramref name="keys"/> in <paramref name="node"/>, replacing what was there.</summary>
    private static void Replace(YamlTreeNode node, string[] keys, YamlTreeNode value, SourcePosition origin)
    {
        int last = keys.Length - 1;
        switch (node)
        {
            case YamlMapNode map:
            {
                int index = map.Entries.FindIndex(e => e.Key.Value == keys[last]);
                if (index >= 0)
                {
                    map.Entries[index] = new(map.Entries[index].Key, value);
                }
                else
                {
                    map.Entries.Add(new(new YamlScalarNode { Value = keys[last], Position = origin }, value));
                }

                break;
            }

            case YamlListNode list:
                list.Items[ListIndex(list, keys, last, origin)] = value;
                break;
            default:
                throw NoKeyInSingleValue(keys, last, origin);
        }
    }

    /// <summary><c>keys[i]</c> read as an index of <paramref name="list"/>; refused unless it is one.</summary>
    private static int ListIndex(YamlListNode list, string[] keys, int i, SourcePosition origin)
    {
        string key = keys[i];
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= list.Items.Count)
        {
            throw new ScenarioException(new ScenarioError(origin, string.Join('.', keys, 0, i + 1), list.Items.Count == 0
                ? $"the list is empty, so it has no item '{key}'"
                : $"'{key}' is not an index of this list; expected 0 to {list.Items.Count - 1}"));
        }

        return index;
    }

    private static ScenarioException NoKeyInSingleValue(string[] keys, int i, SourcePosition origin) =>
        new(new ScenarioError(origin, string.Join('.', keys, 0, i + 1),
            $"'{string.Join('.', keys, 0, i)}' is a single value, so it has no key '{keys[i]}'"));

    private static YamlTreeNode ParseValue(string text, SourcePosition origin)
    {
        YamlTreeNode? value;
        try
        {
            value = YamlTreeReader.Read(text, origin.Source);
        }
        catch (ScenarioException ex)
        {
            throw new ScenarioException(new ScenarioError(origin, "", ex.Errors[0].Message));
        }

        value ??= new YamlScalarNode { Value = "" };
        Reposition(value, origin);
        return value;
    }

    private static void Reposition(YamlTreeNode node, SourcePosition origin)
    {
        node.Position = origin;
        switch (node)
        {
            case YamlMapNode map:
                foreach (var (k, v) in map.Entries)
                {
                    k.Position = origin;
                    Reposition(v, origin);
                }

                break;
            case YamlListNode list:
                foreach (var item in list.Items)
                {
                    Reposition(item, origin);
                }

                break;
        }
    }
}
