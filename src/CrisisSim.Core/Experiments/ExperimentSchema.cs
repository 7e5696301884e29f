using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// The JSON Schema of an experiment file, from the loader's own key lists, the design catalog, the metric catalog and the
/// scenario's parameter catalog: <c>fixed</c>, <c>design.arms.*</c> and <c>design.factors</c> know every scenario path
/// with its type, range and enum values, so an editor completes <c>governance.communication: </c> with the rules.
/// </summary>
public static class ExperimentSchema
{
    /// <summary>The schema document; <paramref name="id"/> is its $id.</summary>
    public static JsonObject Document(string id)
    {
        var (paths, patterns) = ScenarioPaths();
        var factorPaths = new JsonObject();
        foreach (var (path, value) in paths)
        {
            factorPaths[path] = Factor(value!.AsObject());
        }

        var factorPatterns = new JsonObject();
        foreach (var (pattern, value) in patterns)
        {
            factorPatterns[pattern] = Factor(value!.AsObject());
        }

        var design = new JsonObject
        {
            ["kind"] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. DesignCatalog.All.Select(d => JsonValue.Create(d.Name))]),
                ["description"] = "The kind of design: factorial (every combination of levels, with arms), lhs (Latin hypercube), morris (elementary effects) or sobol (Saltelli sampling for Sobol indices).",
            },
            ["factors"] = new JsonObject { ["$ref"] = "#/definitions/factors" },
            ["arms"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Named bundles of overrides, crossed with the factors (factorial only): arm name to a mapping from scenario path to value.",
                ["additionalProperties"] = new JsonObject { ["$ref"] = "#/definitions/overrides" },
            },
        };
        foreach (var setting in DesignCatalog.Settings)
        {
            design[setting.Key] = new JsonObject
            {
                ["type"] = "integer",
                ["minimum"] = setting.Min,
                ["maximum"] = setting.Max,
                ["default"] = setting.Default,
                ["description"] = $"A setting of the {DesignCatalog.Names(t => t.Settings.Any(s => s.Key == setting.Key), "and")} design{(setting.Required ? " (required there)" : "")}.",
            };
        }

        var metrics = new JsonArray([.. RunMetrics.Columns.Select(c => JsonValue.Create(c.Name))]);
        var compare = new JsonObject
        {
            ["by"] = NameOrNames("The design column(s) that define the groups compared (default: arm, or the first factor)."),
            ["within"] = NameOrNames("The design column(s) within whose levels the groups are compared (strata)."),
            ["baseline"] = new JsonObject { ["type"] = "string", ["description"] = "The group every other is compared with (default: the first)." },
            ["metrics"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string", ["enum"] = metrics },
                ["description"] = "The metrics compared (default: the headline metrics); columns of runs.csv.",
            },
            ["interaction"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Four arms that form a 2x2: neither lever, the first alone, the second alone, both.",
                ["properties"] = new JsonObject([.. ExperimentLoader.InteractionKeys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject { ["type"] = "string", ["description"] = $"The arm with {k}." }))]),
                ["required"] = new JsonArray([.. ExperimentLoader.InteractionKeys.Select(k => JsonValue.Create(k))]),
                ["additionalProperties"] = false,
            },
        };

        var over = new JsonObject
        {
            ["posterior"] = new JsonObject { ["type"] = "string", ["description"] = "The --out folder of crisissim calibrate (relative to this file, or builtin:posterior/NAME)." },
            ["sets"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = ExperimentLoader.MaxPosteriorSets, ["description"] = "Use only the first N accepted sets." },
            ["parameters"] = new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 1,
                ["uniqueItems"] = true,
                ["items"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
                ["description"] = "Carry only these calibrated parameters (a case run out of sample takes the behavioural ones).",
            },
        };

        var top = new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["description"] = "Name of the experiment; used in the default output folder name and in sweep.json." },
            ["description"] = new JsonObject { ["type"] = "string", ["description"] = "Free text." },
            ["scenario"] = new JsonObject { ["type"] = "string", ["default"] = "builtin:tianjin-8-12", ["description"] = "builtin:NAME (crisissim scenarios lists them) or a scenario file, relative to this file." },
            ["master_seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = long.MaxValue, ["default"] = 1, ["description"] = "The seed every run's seed is derived from." },
            ["replicates"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 1_000_000, ["default"] = 1, ["description"] = "Runs per design point, paired across points by seed (common random numbers)." },
            ["fixed"] = new JsonObject { ["$ref"] = "#/definitions/overrides", ["description"] = "Overrides applied to every run: scenario path to one value." },
            ["design"] = Section(design, ["kind"], "The design: its kind, factors, arms and settings."),
            ["over"] = Section(over, ["posterior"], "Run every point at each accepted parameter set of a calibration."),
            ["compare"] = Section(compare, [], "How the sweep's closing comparison groups, stratifies and measures the runs."),
        };

        return new JsonObject
        {
            ["$schema"] = JsonSchemaOf.Dialect,
            ["$id"] = id,
            ["title"] = "CrisisSim experiment",
            ["type"] = "object",
            ["properties"] = top,
            ["required"] = new JsonArray("name", "design"),
            ["additionalProperties"] = false,
            ["definitions"] = new JsonObject
            {
                ["overrides"] = Paths(paths, patterns, "Scenario path to value, as in crisissim run --set PATH=VALUE."),
                ["factors"] = Paths(factorPaths, factorPatterns, "The factors, in the order they are written: a list of levels (factorial) or a range {min, max, step} (every kind). Each key is a scenario path, as in crisissim run --set PATH=VALUE."),
            },
        };
    }

    /// <summary>
    /// Every scenario leaf by its dotted path (those under a keyed map or list by a regular expression), each with the schema of
    /// its value; the ids of a particular scenario are not known here, so zones.ID.residents is a pattern.
    /// </summary>
    public static (JsonObject Paths, JsonObject Patterns) ScenarioPaths()
    {
        var paths = new JsonObject();
        var patterns = new JsonObject();
        foreach (var row in SchemaCatalog.Table(typeof(Scenario)).Where(r => r.Default is not "(map)" && !IsListOfObjects(r)))
        {
            var type = SchemaCatalog.TypeAt(typeof(Scenario), row.Path.Replace("<id>", "x", StringComparison.Ordinal).Replace("<i>", "0", StringComparison.Ordinal))!;
            var value = JsonSchemaOf.Value(type, row.Attribute, null);
            value["description"] = JsonSchemaOf.Describe(row.Attribute, null) + (row.Default is "" or "(list)" ? "" : $" Default: {row.Default}.");
            if (row.Path.Contains('<', StringComparison.Ordinal))
            {
                patterns[Pattern(row.Path)] = value;
            }
            else
            {
                paths[row.Path] = value;
            }
        }

        return (paths, patterns);
    }

    private static bool IsListOfObjects(ParamRow row) =>
        row.Default == "(list)" && SchemaCatalog.TypeAt(typeof(Scenario), row.Path) is { IsGenericType: true } t
        && t.GetGenericArguments()[0] is { IsClass: true } item && item != typeof(string);

    private static string Pattern(string path) =>
        "^" + string.Join("\\.", path.Split('.').Select(k => k switch
        {
            "<id>" => "[a-z][a-z0-9_]*",
            "<i>" => "[0-9]+",
            _ => Regex.Escape(k),
        })) + "$";

    private static JsonObject Factor(JsonObject value)
    {
        var levels = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = value.DeepClone() };
        ((JsonObject)levels["items"]!).Remove("description");
        var forms = new JsonArray(levels);
        if (value["type"]?.GetValue<string>() is "number" or "integer")
        {
            var range = new JsonObject();
            foreach (string key in FactorReader.RangeKeys)
            {
                range[key] = new JsonObject { ["type"] = "number" };
            }

            forms.Add(new JsonObject { ["type"] = "object", ["properties"] = range, ["required"] = new JsonArray("min", "max"), ["additionalProperties"] = false });
        }

        return new JsonObject { ["anyOf"] = forms, ["description"] = value["description"]?.DeepClone() };
    }

    private static JsonObject Paths(JsonObject paths, JsonObject patterns, string description) => new()
    {
        ["type"] = "object",
        ["description"] = description,
        ["properties"] = paths,
        ["patternProperties"] = patterns,
        ["additionalProperties"] = false,
    };

    private static JsonObject Section(JsonObject properties, string[] required, string description)
    {
        var schema = new JsonObject { ["type"] = "object", ["description"] = description, ["properties"] = properties, ["additionalProperties"] = false };
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
        }

        return schema;
    }

    private static JsonObject NameOrNames(string description) => new()
    {
        ["description"] = description,
        ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }),
    };
}
