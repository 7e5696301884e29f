using System.Globalization;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// The design section, read in a fixed order so errors come in the order of the file's concerns: unknown keys, the
/// kind, the settings, the type's own checks, the factors, the arms, then a missing factor. What differs between
/// kinds is asked of the chosen <see cref="IDesignType"/>; an unknown kind is read as the catalog's default.
/// </summary>
public static partial class ExperimentLoader
{
    private static readonly string[] s_designKeys = ["kind", "factors", "arms", .. DesignCatalog.Settings.Select(s => s.Key)];

    private static DesignSpec Design(YamlTreeNode node, List<ScenarioError> errors, List<Claim> claims)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "design", "expected a mapping with kind and factors"));
            return new DesignSpec(DesignCatalog.Default, [], []);
        }

        CheckKeys(map, "design", s_designKeys, errors);
        var type = Kind(map, errors);
        type = type.Configure(Settings(map, type, errors), errors);
        var factors = Factors(map, type, errors, claims);
        var arms = Arms(map, type, errors, claims);
        if (factors.Count == 0 && arms.Count == 0)
        {
            errors.Add(new ScenarioError(map.Position, "design.factors", type.NeedsFactors));
        }

        return new DesignSpec(type, factors, arms);
    }

    private static IDesignType Kind(YamlMapNode map, List<ScenarioError> errors)
    {
        var node = map.Find("kind");
        if (node is YamlScalarNode { IsNull: false } k && DesignCatalog.Find(k.Value) is { } type)
        {
            return type;
        }

        var names = DesignCatalog.All.Select(t => t.Name).ToList();
        string found = node is YamlScalarNode s ? $"'{s.Value}'" : "nothing";
        string? hint = node is YamlScalarNode s2 ? SchemaBinder.Suggest(s2.Value, names) : null;
        errors.Add(new ScenarioError((node ?? map).Position, "design.kind", $"expected one of {string.Join(", ", names)}, found {found}" + (hint is null ? "" : $"; did you mean '{hint}'?")));
        return DesignCatalog.Default;
    }

    /// <summary>
    /// Every type's settings are range-checked, whichever is chosen (a key of another type is accepted and ignored);
    /// only the chosen type's required ones must be present, and its own declaration of a key decides the range.
    /// </summary>
    private static DesignSettings Settings(YamlMapNode map, IDesignType type, List<ScenarioError> errors)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var any in DesignCatalog.Settings)
        {
            var own = type.Settings.FirstOrDefault(s => s.Key == any.Key);
            var setting = own ?? any;
            int before = errors.Count;
            long value = Whole(map, setting.Key, "design", setting.Default, setting.Min, setting.Max, errors, required: own is { Required: true });
            if (map.Find(setting.Key) is { } at)
            {
                positions[setting.Key] = at.Position;
                if (errors.Count == before)
                {
                    values[setting.Key] = (int)value;
                }
            }
        }

        return new DesignSettings(values, positions);
    }

    private static List<Factor> Factors(YamlMapNode map, IDesignType type, List<ScenarioError> errors, List<Claim> claims)
    {
        var factors = new List<Factor>();
        if (map.Find("factors") is not { } node)
        {
            return factors;
        }

        if (node is not YamlMapNode fm)
        {
            errors.Add(new ScenarioError(node.Position, "design.factors", "expected a mapping from scenario path to levels ([a, b]) or a range ({min, max, step})"));
            return factors;
        }

        if (fm.Entries.Count > MaxFactors)
        {
            errors.Add(new ScenarioError(fm.Position, "design.factors", string.Create(CultureInfo.InvariantCulture, $"{fm.Entries.Count} factors; at most {MaxFactors} are accepted")));
        }

        foreach (var (key, value) in fm.Entries)
        {
            claims.Add(new Claim(ParameterPath.Normalise(key.Value), key.Value, key.Position, "design.factors", null));
            if (type.ReadFactor(key.Value, value, errors) is { } f)
            {
                factors.Add(f);
            }
        }

        return factors;
    }

    private static List<Arm> Arms(YamlMapNode map, IDesignType type, List<ScenarioError> errors, List<Claim> claims)
    {
        var arms = new List<Arm>();
        if (map.Find("arms") is not { } node)
        {
            return arms;
        }

        if (!type.CrossesArms)
        {
            errors.Add(new ScenarioError(node.Position, "design.arms", $"arms are crossed with factors in a {DesignCatalog.Names(t => t.CrossesArms, "or")} design only"));
            return arms;
        }

        if (node is not YamlMapNode am)
        {
            errors.Add(new ScenarioError(node.Position, "design.arms", "expected a mapping from arm name to overrides"));
            return arms;
        }

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

        return arms;
    }
}
