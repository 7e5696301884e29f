using System.Globalization;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Reading the scalar fields of an experiment file's mappings, each problem added to the error list at the
/// position of the offending node (with a "did you mean" for a misspelt key), so one pass reports every mistake.
/// </summary>
internal static class YamlFields
{
    public static void CheckKeys(YamlMapNode map, string at, string[] allowed, List<ScenarioError> errors)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                string? hint = SchemaBinder.Suggest(key.Value, allowed);
                errors.Add(new ScenarioError(key.Position, at.Length == 0 ? key.Value : at + "." + key.Value,
                    $"unknown key '{key.Value}'" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (allowed here: {string.Join(", ", allowed)})"));
            }
        }
    }

    public static string Text(YamlMapNode map, string key, string fallback, List<ScenarioError> errors, bool required = false)
    {
        switch (map.Find(key))
        {
            case null when required:
                errors.Add(new ScenarioError(map.Position, key, $"required key '{key}' is missing"));
                return fallback;
            case null:
                return fallback;
            case YamlScalarNode { IsNull: false } s:
                return s.Value;
            case var other:
                errors.Add(new ScenarioError(other.Position, key, "expected text"));
                return fallback;
        }
    }

    public static long Whole(YamlMapNode map, string key, string at, long fallback, long min, long max, List<ScenarioError> errors, bool required = false)
    {
        string path = at.Length == 0 ? key : at + "." + key;
        var node = map.Find(key);
        if (node is null)
        {
            if (required)
            {
                errors.Add(new ScenarioError(map.Position, path, $"required key '{key}' is missing"));
            }

            return fallback;
        }

        if (node is YamlScalarNode { IsNull: false, Quoted: false } s &&
            long.TryParse(s.Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
        {
            if (v < min || v > max)
            {
                errors.Add(new ScenarioError(node.Position, path, string.Create(CultureInfo.InvariantCulture, $"{v} is out of range; expected a whole number from {min} to {max}")));
                return fallback;
            }

            return v;
        }

        errors.Add(new ScenarioError(node.Position, path, string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {min} to {max}")));
        return fallback;
    }

    public static double Number(YamlMapNode map, string key, string at, List<ScenarioError> errors)
    {
        var node = map.Find(key);
        if (node is YamlScalarNode { IsNull: false, Quoted: false } s &&
            double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
        {
            return v;
        }

        errors.Add(new ScenarioError(node?.Position ?? map.Position, at + "." + key, node is null ? $"required key '{key}' is missing" : "expected a finite number"));
        return double.NaN;
    }
}
