namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>Where a node came from: a file position, or a command-line override.</summary>
/// <param name="Source">File name, or "--set PATH" for an override.</param>
/// <param name="Line">1-based line (0 when not from a file).</param>
/// <param name="Column">1-based column (0 when not from a file).</param>
public readonly record struct SourcePosition(string Source, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Source}:{Line}:{Column}")
        : Source;
}

/// <summary>A node of a parsed YAML document, with its position (a tiny tree of our own so that
/// duplicate keys, alias expansion and positions are under our control).</summary>
public abstract class YamlTreeNode
{
    /// <summary>Where the node starts.</summary>
    public SourcePosition Position { get; set; }

    /// <summary>A short word for error messages ("a mapping", "a list", "a scalar").</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar value, kept as text; <see cref="IsNull"/> when written as nothing, ~ or null.</summary>
public sealed class YamlScalarNode : YamlTreeNode
{
    /// <summary>The text of the scalar.</summary>
    public string Value { get; set; } = "";

    /// <summary>Whether it was quoted (a quoted "null" is the string null).</summary>
    public bool Quoted { get; set; }

    /// <summary>True for an empty plain scalar, ~, or null.</summary>
    public bool IsNull => !Quoted && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    /// <inheritdoc/>
    public override string KindName => IsNull ? "nothing (null)" : "a scalar";
}

/// <summary>A mapping, in document order.</summary>
public sealed class YamlMapNode : YamlTreeNode
{
    /// <summary>The entries in document order.</summary>
    public List<KeyValuePair<YamlScalarNode, YamlTreeNode>> Entries { get; } = [];

    /// <inheritdoc/>
    public override string KindName => "a mapping";

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public YamlTreeNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}

/// <summary>A sequence (list).</summary>
public sealed class YamlListNode : YamlTreeNode
{
    /// <summary>The items in document order.</summary>
    public List<YamlTreeNode> Items { get; } = [];

    /// <inheritdoc/>
    public override string KindName => "a list";
}
