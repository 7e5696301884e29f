using System.Globalization;
using System.Text.Json.Nodes;

namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>
/// JSON Schema (draft-07, which every YAML editor reads) generated from the parameter catalog: each declared value's type,
/// range, enum spellings, default, and a description with its meaning, unit and source. Editors (VS Code's YAML extension,
/// JetBrains, Neovim's yaml-language-server) then complete keys and values and mark what the binder would refuse.
/// </summary>
public static class JsonSchemaOf
{
    /// <summary>The JSON Schema dialect written.</summary>
    public const string Dialect = "http://json-schema.org/draft-07/schema#";

    /// <summary>The regular expression an id (a zone's, an actor's key) must match, as the binder checks it.</summary>
    public const string IdPattern = "^[a-z][a-z0-9_]*$";

    /// <summary>The schema of a settings class <paramref name="type"/> (for the scenario: <c>typeof(Scenario)</c>), as a document.</summary>
    public static JsonObject Document(Type type, string id, string title)
    {
        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$id"] = id,
            ["title"] = title,
        };
        foreach (var (key, value) in Object(type))
        {
            schema[key] = value?.DeepClone();
        }

        return schema;
    }

    /// <summary>The schema of a mapping bound to <paramref name="type"/>: its keys, each required one, nothing else.</summary>
    public static JsonObject Object(Type type)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var p in SchemaCatalog.Parameters(type))
        {
            properties[p.Attribute.Key] = Value(p.Property.PropertyType, p.Attribute, DefaultOf(type, p));
            if (p.Attribute.Required)
            {
                required.Add(p.Attribute.Key);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return schema;
    }

    /// <summary>The schema of one value of <paramref name="type"/> declared by <paramref name="attr"/>, with <paramref name="defaultValue"/> when it is a leaf.</summary>
    public static JsonObject Value(Type type, ParamAttribute attr, object? defaultValue)
    {
        JsonObject schema;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            schema = List(type.GetGenericArguments()[0], attr);
        }
        else if (type.IsClass && type != typeof(string))
        {
            schema = Object(type);
        }
        else
        {
            schema = Leaf(type, attr);
            if (Default(defaultValue) is { } d)
            {
                schema["default"] = d;
            }
        }

        bool structure = schema["type"]?.GetValue<string>() == "object" || (schema["items"] is JsonObject items && items["type"]?.GetValue<string>() == "object");
        schema["description"] = structure ? attr.Meaning + "." : Describe(attr, defaultValue);
        return schema;
    }

    /// <summary>The schema of a scalar: number with its range, whole number, true/false, text or one of an enum's spellings.</summary>
    public static JsonObject Leaf(Type type, ParamAttribute attr)
    {
        var schema = new JsonObject();
        if (type == typeof(double) || type == typeof(int) || type == typeof(long))
        {
            schema["type"] = type == typeof(double) ? "number" : "integer";
            if (!double.IsNaN(attr.Min))
            {
                schema["minimum"] = Number(attr.Min);
            }

            if (!double.IsNaN(attr.Max))
            {
                schema["maximum"] = Number(attr.Max);
            }
        }
        else if (type == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (type.IsEnum)
        {
            schema["type"] = "string";
            schema["enum"] = new JsonArray([.. SchemaCatalog.EnumNames(type).Select(n => JsonValue.Create(n.Name))]);
        }
        else
        {
            schema["type"] = "string";
        }

        return schema;
    }

    private static JsonObject List(Type item, ParamAttribute attr)
    {
        if (typeof(IKeyed).IsAssignableFrom(item))
        {
            var map = new JsonObject
            {
                ["type"] = "object",
                ["propertyNames"] = new JsonObject { ["pattern"] = IdPattern },
                ["additionalProperties"] = Object(item),
            };
            AddCount(map, attr, "minProperties", "maxProperties");
            return map;
        }

        var list = new JsonObject
        {
            ["type"] = "array",
            ["items"] = item.IsClass && item != typeof(string) ? Object(item) : Leaf(item, attr),
        };
        AddCount(list, attr, "minItems", "maxItems");
        return list;
    }

    private static void AddCount(JsonObject schema, ParamAttribute attr, string min, string max)
    {
        if (!double.IsNaN(attr.Min))
        {
            schema[min] = (long)attr.Min;
        }

        if (!double.IsNaN(attr.Max))
        {
            schema[max] = (long)attr.Max;
        }
    }

    /// <summary>"Meaning (unit). Default: x. Source: …" — what an editor shows on hover.</summary>
    public static string Describe(ParamAttribute attr, object? defaultValue)
    {
        string unit = attr.Unit is "–" or "" ? "" : $" ({attr.Unit})";
        string def = Default(defaultValue) is { } d ? $" Default: {d.ToJsonString()}." : "";
        return $"{attr.Meaning}{unit}.{def} Source: {attr.Source}.";
    }

    private static object? DefaultOf(Type owner, DeclaredParam p)
    {
        var t = p.Property.PropertyType;
        return t.IsClass && t != typeof(string) ? null : p.Property.GetValue(Activator.CreateInstance(owner));
    }

    private static JsonValue? Default(object? value) => value switch
    {
        double d => Number(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(SchemaCatalog.EnumName(e)),
        string s when s.Length > 0 => JsonValue.Create(s),
        _ => null,
    };

    /// <summary>A whole number as an integer (1, not 1.0), else the double.</summary>
    private static JsonValue Number(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(double.Parse(d.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
