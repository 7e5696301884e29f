using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>
/// Reads YAML text into a <see cref="YamlTreeNode"/> tree with positions. Refuses, with a positioned
/// error: syntax errors, more than one document, duplicate keys, non-scalar keys, and alias expansion
/// beyond <see cref="MaxExpandedNodes"/> nodes (the "billion laughs" attack). An alias is expanded into an
/// independent deep copy of its anchor's node, so the tree is a tree: every node has one path, and changing
/// one path (a <c>--set</c> override or a sweep factor) can never change another that shared the anchor.
/// </summary>
public static class YamlTreeReader
{
    /// <summary>Largest text accepted, in characters (scenario files are a few kilobytes).</summary>
    public const int MaxTextLength = 4 * 1024 * 1024;

    /// <summary>Deepest nesting accepted (scenario files nest a few levels; this guards the reader's recursion).</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes the document may expand to once aliases are followed.</summary>
    public const long MaxExpandedNodes = 200_000;

    /// <summary>Parses <paramref name="text"/> read from <paramref name="source"/>; null when the document is empty.</summary>
    public static YamlTreeNode? Read(string text, string source)
    {
        if (text.Length > MaxTextLength)
        {
            throw new ScenarioException(new ScenarioError(new SourcePosition(source, 1, 1), "",
                $"file is {text.Length} characters long; at most {MaxTextLength} are accepted for a scenario or experiment file"));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ScenarioException(new ScenarioError(new SourcePosition(source, 1, 1), "",
                "file contains NUL bytes: it is binary, not YAML text"));
        }

        var state = new ReaderState(source);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            YamlTreeNode? root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, state);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new ScenarioException(new ScenarioError(state.At(next.Start), "",
                    "a second YAML document starts here; a scenario file holds exactly one document"));
            }

            return root;
        }
        catch (Exception ex) when (ex is not ScenarioException and not YamlException)
        {
            // YamlDotNet occasionally fails with a non-YAML exception on malformed input (e.g. an unclosed flow mapping).
            throw new ScenarioException(new ScenarioError(state.LastPosition, "", "invalid YAML: the document is malformed near here (an unclosed bracket or brace?)"));
        }
        catch (YamlException ex)
        {
            string message = ex.InnerException is not null ? ex.InnerException.Message : ex.Message;
            int colon = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && colon > 0)
            {
                message = message[(colon + 3)..];
            }

            throw new ScenarioException(new ScenarioError(state.At(ex.Start), "", "invalid YAML: " + message));
        }
    }

    /// <summary>Reads the node starting at the parser's current event, refusing nesting deeper than <see cref="MaxDepth"/>.</summary>
    private static YamlTreeNode ReadNode(IParser parser, ReaderState state)
    {
        var ev = parser.Current ?? throw new InvalidOperationException("parser has no current event");
        state.LastPosition = state.At(ev.Start);
        if (state.Path.Count > MaxDepth)
        {
            throw new ScenarioException(new ScenarioError(state.At(ev.Start), string.Join('.', state.Path),
                $"the document nests deeper than {MaxDepth} levels; scenario and experiment files need only a few"));
        }

        return ev switch
        {
            AnchorAlias alias => ReadAlias(parser, state, alias),
            Scalar scalar => ReadScalar(parser, state, scalar),
            SequenceStart seq => ReadList(parser, state, seq),
            MappingStart map => ReadMap(parser, state, map),
            _ => throw new ScenarioException(new ScenarioError(state.At(ev.Start), "", $"unexpected YAML event {ev.GetType().Name}")),
        };
    }

    /// <summary>A deep copy of the anchored node, counted at its full size towards <see cref="MaxExpandedNodes"/>.</summary>
    private static YamlTreeNode ReadAlias(IParser parser, ReaderState state, AnchorAlias alias)
    {
        parser.MoveNext();
        if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
        {
            throw new ScenarioException(new ScenarioError(state.At(alias.Start), "", $"alias *{alias.Value} refers to no anchor defined before it"));
        }

        state.Count(state.Sizes[target], alias.Start);
        return Copy(target);
    }

    /// <summary>A scalar; the quoted and block (<c>|</c>, <c>&gt;</c>) styles mark it <see cref="YamlScalarNode.Quoted"/>, so a quoted <c>null</c> stays the text null.</summary>
    private static YamlScalarNode ReadScalar(IParser parser, ReaderState state, Scalar scalar)
    {
        parser.MoveNext();
        var node = new YamlScalarNode
        {
            Value = scalar.Value,
            Quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded,
            Position = state.At(scalar.Start),
        };
        state.Register(scalar.Anchor, node, 1);
        state.Count(1, scalar.Start);
        return node;
    }

    private static YamlListNode ReadList(IParser parser, ReaderState state, SequenceStart seq)
    {
        parser.MoveNext();
        var node = new YamlListNode { Position = state.At(seq.Start) };
        long before = state.Expanded;
        state.Count(1, seq.Start);
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            state.Path.Add(node.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            node.Items.Add(ReadNode(parser, state));
            state.Path.RemoveAt(state.Path.Count - 1);
        }

        state.Register(seq.Anchor, node, state.Expanded - before);
        return node;
    }

    private static YamlMapNode ReadMap(IParser parser, ReaderState state, MappingStart map)
    {
        parser.MoveNext();
        var node = new YamlMapNode { Position = state.At(map.Start) };
        long before = state.Expanded;
        state.Count(1, map.Start);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadKey(parser, state, node);
            node.Entries.Add(new(key, ReadNode(parser, state)));
            state.Path.RemoveAt(state.Path.Count - 1);
        }

        state.Register(map.Anchor, node, state.Expanded - before);
        return node;
    }

    /// <summary>
    /// Reads the next key of <paramref name="map"/> and pushes it on <see cref="ReaderState.Path"/> (the caller
    /// pops it after the value); refuses a key that is not a scalar or that <paramref name="map"/> already has.
    /// </summary>
    private static YamlScalarNode ReadKey(IParser parser, ReaderState state, YamlMapNode map)
    {
        var keyEvent = parser.Current!;
        if (keyEvent is not Scalar)
        {
            throw new ScenarioException(new ScenarioError(state.At(keyEvent.Start), "", "a mapping key must be a plain word, not a list or mapping"));
        }

        var key = (YamlScalarNode)ReadNode(parser, state);
        state.Path.Add(key.Value);
        int first = map.Entries.FindIndex(e => e.Key.Value == key.Value);
        if (first >= 0)
        {
            throw new ScenarioException(new ScenarioError(key.Position, string.Join('.', state.Path),
                $"duplicate key '{key.Value}' (first given at line {map.Entries[first].Key.Position.Line}); each key may appear once"));
        }

        return key;
    }

    /// <summary>A deep copy (positions kept: they point at the anchor's text, where the value is written).</summary>
    private static YamlTreeNode Copy(YamlTreeNode node)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return new YamlScalarNode { Value = s.Value, Quoted = s.Quoted, Position = s.Position };
            case YamlListNode l:
            {
                var copy = new YamlListNode { Position = l.Position };
                foreach (var item in l.Items)
                {
                    copy.Items.Add(Copy(item));
                }

                return copy;
            }

            case YamlMapNode m:
            {
                var copy = new YamlMapNode { Position = m.Position };
                foreach (var (k, v) in m.Entries)
                {
                    copy.Entries.Add(new((YamlScalarNode)Copy(k), Copy(v)));
                }

                return copy;
            }

            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private sealed class ReaderState(string source)
    {
        public Dictionary<string, YamlTreeNode> Anchors { get; } = new(StringComparer.Ordinal);

        public Dictionary<YamlTreeNode, long> Sizes { get; } = new(ReferenceEqualityComparer.Instance);

        public long Expanded { get; private set; }

        public List<string> Path { get; } = [];

        public SourcePosition LastPosition { get; set; } = new(source, 1, 1);

        public SourcePosition At(Mark mark) => new(source, (int)mark.Line, (int)mark.Column);

        public void Register(AnchorName anchor, YamlTreeNode node, long size)
        {
            Sizes[node] = size;
            if (!anchor.IsEmpty)
            {
                Anchors[anchor.Value] = node;
            }
        }

        public void Count(long nodes, Mark where)
        {
            Expanded += nodes;
            if (Expanded > MaxExpandedNodes)
            {
                throw new ScenarioException(new ScenarioError(At(where), "",
                    $"the document expands to more than {MaxExpandedNodes} nodes once aliases are followed; refusing it (alias bomb?)"));
            }
        }
    }
}
