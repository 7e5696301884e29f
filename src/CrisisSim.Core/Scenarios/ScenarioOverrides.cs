using System.Globalization;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// Applies <c>PATH=VALUE</c> overrides (from <c>--set</c> or a sweep factor) to a parsed document before
/// binding, so an overridden value is checked exactly like a value in the file and errors name the
/// override. VALUE is read as YAML, so lists (<c>[a, b]</c>) work too.
/// </summary>
public static class ScenarioOverrides
{
    /// <summary>Applies <paramref name="assignment"/> (PATH=VALUE) to <paramref name="root"/>.</summary>
    public static void Apply(YamlTreeNode root, string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var origin = new SourcePosition($"--set {assignment}", 0, 0);
        if (eq <= 0)
        {
            throw new ScenarioException(new ScenarioError(origin, "", "expected PATH=VALUE, e.g. governance.mode=co-governance"));
        }

        Apply(root, assignment[..eq].Trim(), assignment[(eq + 1)..], origin);
    }

    /// <summary>Sets the value at <paramref name="path"/> to the YAML text <paramref name="valueText"/>.</summary>
    public static void Apply(YamlTreeNode root, string path, string valueText, SourcePosition origin)
    {
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
