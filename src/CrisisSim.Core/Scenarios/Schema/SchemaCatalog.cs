using System.Collections.Concurrent;
using System.Reflection;

namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>A declared parameter: the property and its <see cref="ParamAttribute"/>.</summary>
/// <param name="Property">The settings property.</param>
/// <param name="Attribute">Its declaration.</param>
public sealed record DeclaredParam(PropertyInfo Property, ParamAttribute Attribute);

/// <summary>One row of the parameter table: a leaf scenario value with its documentation.</summary>
/// <param name="Path">Dotted path, with &lt;id&gt; for items of keyed maps and &lt;i&gt; for list items.</param>
/// <param name="Attribute">Its declaration.</param>
/// <param name="Default">The default value as text.</param>
/// <param name="ValueType">The type of the value (a list's type for a list of scalars); null for a map or list of structures.</param>
public sealed record ParamRow(string Path, ParamAttribute Attribute, string Default, Type? ValueType = null)
{
    /// <summary>The file spellings a value may take: an enum's names (of each item, for a list of an enum), true and false for a switch; empty for numbers, text and structures.</summary>
    public IReadOnlyList<string> Choices =>
        (ValueType is { IsGenericType: true } list && list.GetGenericTypeDefinition() == typeof(List<>) ? list.GetGenericArguments()[0] : ValueType) switch
        {
            { IsEnum: true } e => [.. SchemaCatalog.EnumNames(e).Select(n => n.Name)],
            var b when b == typeof(bool) => ["true", "false"],
            _ => [],
        };
}

/// <summary>Reflection over the settings classes, cached: keys, enum spellings and the parameter table.</summary>
public static class SchemaCatalog
{
    private static readonly ConcurrentDictionary<Type, DeclaredParam[]> s_parameters = new();

    /// <summary>The declared parameters of <paramref name="type"/>, in declaration order.</summary>
    public static DeclaredParam[] Parameters(Type type) => s_parameters.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, a: p.GetCustomAttribute<ParamAttribute>()))
            .Where(x => x.a is not null)
            .OrderBy(x => x.p.MetadataToken)
            .Select(x => new DeclaredParam(x.p, x.a!))
            .ToArray());

    /// <summary>The keys allowed in a mapping bound to <paramref name="type"/>.</summary>
    public static IEnumerable<string> Keys(Type type) => Parameters(type).Select(p => p.Attribute.Key);

    /// <summary>The file spellings of an enum's members.</summary>
    public static IReadOnlyList<(string Name, object Value)> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<YamlNameAttribute>()?.Name ?? f.Name.ToLowerInvariant(), f.GetValue(null)!))
            .ToArray();

    /// <summary>The file spelling of one enum value.</summary>
    public static string EnumName(object value) =>
        EnumNames(value.GetType()).First(n => Equals(n.Value, value)).Name;

    /// <summary>The type of the value at dotted <paramref name="path"/> under <paramref name="root"/>, or null if there is none.</summary>
    public static Type? TypeAt(Type root, string path)
    {
        Type type = root;
        string[] keys = path.Split('.');
        for (int i = 0; i < keys.Length; i++)
        {
            var p = Parameters(type).FirstOrDefault(x => x.Attribute.Key == keys[i]);
            if (p is null)
            {
                return null;
            }

            var t = p.Property.PropertyType;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (i == keys.Length - 1)
                {
                    return t;
                }

                i++; // the next key is an id (keyed map) or an index (list)
                t = t.GetGenericArguments()[0];
                if (i == keys.Length - 1)
                {
                    return t;
                }
            }

            if (i == keys.Length - 1)
            {
                return t;
            }

            type = t;
        }

        return type;
    }

    /// <summary>Every leaf parameter reachable from <paramref name="root"/>, with its default taken from a fresh instance.</summary>
    public static IReadOnlyList<ParamRow> Table(Type root)
    {
        var rows = new List<ParamRow>();
        Walk(root, Activator.CreateInstance(root), "", rows);
        return rows;
    }

    private static void Walk(Type type, object? instance, string path, List<ParamRow> rows)
    {
        foreach (var p in Parameters(type))
        {
            string childPath = path.Length == 0 ? p.Attribute.Key : path + "." + p.Attribute.Key;
            var t = p.Property.PropertyType;
            object? value = instance is null ? null : p.Property.GetValue(instance);
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                var item = t.GetGenericArguments()[0];
                if (item.IsClass && item != typeof(string))
                {
                    string marker = typeof(IKeyed).IsAssignableFrom(item) ? "<id>" : "<i>";
                    rows.Add(new ParamRow(childPath, p.Attribute, typeof(IKeyed).IsAssignableFrom(item) ? "(map)" : "(list)"));
                    Walk(item, Activator.CreateInstance(item), childPath + "." + marker, rows);
                    continue;
                }

                rows.Add(new ParamRow(childPath, p.Attribute, "(list)", t));
                continue;
            }

            if (t.IsClass && t != typeof(string))
            {
                Walk(t, value, childPath, rows);
                continue;
            }

            rows.Add(new ParamRow(childPath, p.Attribute, FormatDefault(value), Nullable.GetUnderlyingType(t) ?? t));
        }
    }

    /// <summary>A default as the table shows it; "none" under an optional setting that is absent by default (zones.&lt;id&gt;.map).</summary>
    private static string FormatDefault(object? value) => value switch
    {
        null => "none",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => EnumName(e),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
