using System.Globalization;
using System.Reflection;

namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>
/// Binds a <see cref="YamlTreeNode"/> tree onto settings classes declared with <see cref="ParamAttribute"/>,
/// checking types, ranges, required keys and unknown keys ("did you mean …"). Every problem is
/// collected with its file position and dotted key path; values not in the file keep their defaults.
/// </summary>
public sealed class SchemaBinder
{
    private readonly List<ScenarioError> _errors = [];
    private readonly Dictionary<string, SourcePosition> _positions = new(StringComparer.Ordinal);
    private readonly SourcePosition _documentStart;

    private SchemaBinder(string source) => _documentStart = new SourcePosition(source, 1, 1);

    /// <summary>Binds <paramref name="root"/> to a new <typeparamref name="T"/>; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static Bound<T> Bind<T>(YamlTreeNode? root, string source)
        where T : class, new()
    {
        var binder = new SchemaBinder(source);
        if (root is null)
        {
            throw new ScenarioException(new ScenarioError(binder._documentStart, "",
                $"the file is empty; expected a mapping with the keys {string.Join(", ", SchemaCatalog.Keys(typeof(T)))}"));
        }

        var result = (T)binder.BindObject(typeof(T), root, "");
        if (binder._errors.Count > 0)
        {
            throw new ScenarioException(binder._errors);
        }

        return new Bound<T>(result, binder._positions, source);
    }

    private object BindObject(Type type, YamlTreeNode node, string path)
    {
        object target = Activator.CreateInstance(type)!;
        _positions[path] = node.Position;
        if (node is not YamlMapNode map)
        {
            Error(node, path, $"expected a mapping with the keys {string.Join(", ", SchemaCatalog.Keys(type))}, found {node.KindName}");
            return target;
        }

        var parameters = SchemaCatalog.Parameters(type);
        foreach (var (key, value) in map.Entries)
        {
            string childPath = Join(path, key.Value);
            var match = parameters.FirstOrDefault(p => p.Attribute.Key == key.Value);
            if (match is null && parameters.FirstOrDefault(p => p.Attribute.Replaces?.Split(':')[0] == key.Value) is { } successor)
            {
                Error(key, childPath, $"'{key.Value}' is now '{successor.Attribute.Key}'{successor.Attribute.Replaces![key.Value.Length..]}");
                continue;
            }

            if (match is null)
            {
                string? suggestion = Suggest(key.Value, parameters.Select(p => p.Attribute.Key));
                string known = string.Join(", ", parameters.Select(p => p.Attribute.Key));
                Error(key, childPath, suggestion is null
                    ? $"unknown key '{key.Value}'; the keys allowed here are: {known}"
                    : $"unknown key '{key.Value}'; did you mean '{suggestion}'? (allowed here: {known})");
                continue;
            }

            object? bound = BindValue(match.Property.PropertyType, match.Attribute, value, childPath);
            if (bound is not null)
            {
                match.Property.SetValue(target, bound);
            }
        }

        foreach (var p in parameters)
        {
            if (p.Attribute.Required && map.Find(p.Attribute.Key) is null)
            {
                Error(map, Join(path, p.Attribute.Key), $"required key '{p.Attribute.Key}' is missing ({p.Attribute.Meaning})");
            }
        }

        return target;
    }

    private object? BindValue(Type type, ParamAttribute attr, YamlTreeNode node, string path)
    {
        _positions[path] = node.Position;
        if (type == typeof(double) || type == typeof(int) || type == typeof(long))
        {
            return BindNumber(type, attr, node, path);
        }

        if (type == typeof(bool))
        {
            if (node is YamlScalarNode { Quoted: false, Value: "true" or "false" } b)
            {
                return b.Value == "true";
            }

            return Error(node, path, $"expected true or false, found {Describe(node)}");
        }

        if (type == typeof(string))
        {
            if (node is YamlScalarNode { IsNull: false } s)
            {
                return s.Value;
            }

            return Error(node, path, $"expected text, found {Describe(node)}");
        }

        if (type.IsEnum)
        {
            var names = SchemaCatalog.EnumNames(type);
            if (node is YamlScalarNode { IsNull: false } e)
            {
                foreach (var (name, value) in names)
                {
                    if (name == e.Value)
                    {
                        return value;
                    }
                }

                string? suggestion = Suggest(e.Value, names.Select(n => n.Name));
                return Error(node, path, $"'{e.Value}' is not one of {string.Join(", ", names.Select(n => n.Name))}" +
                    (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
            }

            return Error(node, path, $"expected one of {string.Join(", ", names.Select(n => n.Name))}, found {Describe(node)}");
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return BindList(type, attr, node, path);
        }

        return BindObject(type, node, path);
    }

    private object? BindList(Type type, ParamAttribute attr, YamlTreeNode node, string path)
    {
        var itemType = type.GetGenericArguments()[0];
        var list = (System.Collections.IList)Activator.CreateInstance(type)!;
        if (typeof(IKeyed).IsAssignableFrom(itemType))
        {
            if (node is not YamlMapNode map)
            {
                return Error(node, path, $"expected a mapping from id to settings, found {Describe(node)}");
            }

            foreach (var (key, value) in map.Entries)
            {
                if (!IsIdentifier(key.Value))
                {
                    Error(key, Join(path, key.Value), $"'{key.Value}' is not a valid id: use lower-case letters, digits and _ only, starting with a letter");
                    continue;
                }

                var item = (IKeyed)BindObject(itemType, value, Join(path, key.Value));
                item.Id = key.Value;
                list.Add(item);
            }
        }
        else
        {
            if (node is not YamlListNode seq)
            {
                return Error(node, path, $"expected a list, found {Describe(node)}");
            }

            for (int i = 0; i < seq.Items.Count; i++)
            {
                string itemPath = Join(path, i.ToString(CultureInfo.InvariantCulture));
                object? item = itemType.IsClass && itemType != typeof(string)
                    ? BindObject(itemType, seq.Items[i], itemPath)
                    : BindValue(itemType, attr, seq.Items[i], itemPath);
                if (item is not null)
                {
                    list.Add(item);
                }
            }
        }

        if (!double.IsNaN(attr.Min) && list.Count < attr.Min)
        {
            Error(node, path, $"expected at least {attr.Min} item(s), found {list.Count}");
        }

        if (!double.IsNaN(attr.Max) && list.Count > attr.Max)
        {
            Error(node, path, $"expected at most {attr.Max} item(s), found {list.Count}");
        }

        return list;
    }

    private object? BindNumber(Type type, ParamAttribute attr, YamlTreeNode node, string path)
    {
        string expected = type == typeof(double) ? "a number" : "a whole number";
        string range = RangeText(attr);
        if (node is not YamlScalarNode { IsNull: false, Quoted: false } scalar)
        {
            return Error(node, path, $"expected {expected}{range}, found {Describe(node)}");
        }

        string text = scalar.Value.Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return Error(node, path, $"expected {expected}{range}, found '{scalar.Value}'");
        }

        if (!double.IsFinite(value) || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains("nan", StringComparison.OrdinalIgnoreCase))
        {
            return Error(node, path, $"expected a finite number{range}, found '{scalar.Value}'");
        }

        if (type != typeof(double) && value != Math.Floor(value))
        {
            return Error(node, path, $"expected a whole number{range}, found '{scalar.Value}'");
        }

        if ((!double.IsNaN(attr.Min) && value < attr.Min) || (!double.IsNaN(attr.Max) && value > attr.Max))
        {
            return Error(node, path, $"{scalar.Value} is out of range; expected {expected}{range}{UnitText(attr)}");
        }

        if (type == typeof(int))
        {
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : Error(node, path, $"{scalar.Value} is too large for a whole number");
        }

        return type == typeof(long) ? (long)value : value;
    }

    private static string RangeText(ParamAttribute attr) => (double.IsNaN(attr.Min), double.IsNaN(attr.Max)) switch
    {
        (false, false) => string.Create(CultureInfo.InvariantCulture, $" from {attr.Min} to {attr.Max}"),
        (false, true) => string.Create(CultureInfo.InvariantCulture, $" of at least {attr.Min}"),
        (true, false) => string.Create(CultureInfo.InvariantCulture, $" of at most {attr.Max}"),
        _ => "",
    };

    private static string UnitText(ParamAttribute attr) => attr.Unit is "–" or "" ? "" : $" ({attr.Unit})";

    private static string Describe(YamlTreeNode node) => node is YamlScalarNode { IsNull: false } s ? $"'{s.Value}'" : node.KindName;

    private object? Error(YamlTreeNode node, string path, string message)
    {
        _errors.Add(new ScenarioError(node.Position, path, message));
        return null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static bool IsIdentifier(string id)
    {
        if (id.Length == 0 || id.Length > 64 || !char.IsAsciiLetterLower(id[0]))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The closest candidate to <paramref name="word"/> by edit distance, when close enough to be a likely typo.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = EditDistance(word, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        int allowed = Math.Max(2, word.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}

/// <summary>A bound settings object with the position of every key path, for later semantic checks.</summary>
/// <typeparam name="T">The settings type.</typeparam>
public sealed class Bound<T>(T value, IReadOnlyDictionary<string, SourcePosition> positions, string source)
{
    /// <summary>The settings.</summary>
    public T Value { get; } = value;

    /// <summary>The position of each dotted key path present in the input.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Positions { get; } = positions;

    /// <summary>Where the input came from.</summary>
    public string Source { get; } = source;

    /// <summary>The position of <paramref name="path"/>, or of its nearest present parent.</summary>
    public SourcePosition PositionOf(string path)
    {
        string p = path;
        while (true)
        {
            if (Positions.TryGetValue(p, out var pos))
            {
                return pos;
            }

            int dot = p.LastIndexOf('.');
            if (dot < 0)
            {
                return Positions.TryGetValue("", out var root) ? root : new SourcePosition(Source, 1, 1);
            }

            p = p[..dot];
        }
    }
}
