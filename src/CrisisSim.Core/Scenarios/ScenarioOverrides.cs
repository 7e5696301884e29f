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
    /// <summary>Splits <paramref name="assignment"/> (PATH=VALUE) and normalises its path.</summary>
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

    /// <summary>Applies <paramref name="assignment"/> (PATH=VALUE) to <paramref name="root"/>.</summary>
    public static void Apply(YamlTreeNode root, string assignment) => Apply(root, Parse(assignment));

    /// <summary>Applies a parsed override to <paramref name="root"/>.</summary>
    public static void Apply(YamlTreeNode root, ScenarioOverride o) => Apply(root, o.Path, o.Value, o.Origin);

    /// <summary>Sets the value at <paramref name="path"/> (normalised first) to the YAML text <paramref name="valueText"/>.</summary>
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
        for (int i = 0; i < keys.Length; i++)
        {
            bool last = i == keys.Length - 1;
            string key = keys[i];
            string soFar = string.Join('.', keys, 0, i + 1);
            switch (node)
            {
                case YamlMapNode map:
                {
                    int index = map.Entries.FindIndex(e => e.Key.Value == key);
                    if (last)
                    {
                        var keyNode = new YamlScalarNode { Value = key, Position = origin };
                        if (index >= 0)
                        {
                            map.Entries[index] = new(map.Entries[index].Key, value);
                        }
                        else
                        {
                            map.Entries.Add(new(keyNode, value));
                        }

                        return;
                    }

                    if (index < 0)
                    {
                        var child = new YamlMapNode { Position = origin };
                        map.Entries.Add(new(new YamlScalarNode { Value = key, Position = origin }, child));
                        node = child;
                    }
                    else
                    {
                        node = map.Entries[index].Value;
                    }

                    break;
                }

                case YamlListNode list:
                {
                    if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= list.Items.Count)
                    {
                        throw new ScenarioException(new ScenarioError(origin, soFar, list.Items.Count == 0
                            ? $"the list is empty, so it has no item '{key}'"
                            : $"'{key}' is not an index of this list; expected 0 to {list.Items.Count - 1}"));
                    }

                    if (last)
                    {
                        list.Items[index] = value;
                        return;
                    }

                    node = list.Items[index];
                    break;
                }

                default:
                    throw new ScenarioException(new ScenarioError(origin, soFar,
                        $"'{string.Join('.', keys, 0, i)}' is a single value, so it has no key '{key}'"));
            }
        }
    }

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
