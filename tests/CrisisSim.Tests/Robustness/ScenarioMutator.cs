using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrisisSim.Tests.Robustness;

/// <summary>One mutated scenario text and what was done to it.</summary>
/// <param name="Index">Position in the generated sequence.</param>
/// <param name="Text">The mutated text.</param>
/// <param name="Operators">The mutation operators applied, in order (for the summary).</param>
/// <param name="Description">What was changed, with line numbers, for a failure report.</param>
public sealed record Mutant(int Index, string Text, IReadOnlyList<string> Operators, string Description);

/// <summary>
/// A deterministic mutation fuzzer for scenario text: each mutant applies one to three line- or
/// character-level edits (delete, duplicate, swap, replace a number or value, insert bytes, tabs or
/// brackets, truncate, re-indent, rename a key) chosen by a seeded <see cref="Random"/>.
/// </summary>
public sealed partial class ScenarioMutator
{
    /// <summary>Replacement numbers: negatives, huge, tiny, non-finite spellings, other notations and boundary values.</summary>
    private static readonly string[] s_numbers =
    [
        "-1", "-0.5", "-0", "0", "0.0", "1", "2", "0.5", "0.999999", "1.0000001", "3.", ".5", "+3", "-.5",
        "1e308", "-1e308", "1e309", "1.7976931348623157E+308", "4.9E-324", "1e-320", "0.0000001",
        "NaN", "nan", ".nan", ".NaN", ".inf", "-.inf", "Infinity", "-Infinity", "inf", "∞",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775808",
        "99999999999999999999999999", "100000000", "100000001", "50000000", "50000001", "1000000", "10000000",
        "336", "337", "24", "48", "1000", "1001", "10", "11", "200", "201", "0.001", "0.0009",
        "1_000", "1__0", "_1", "0x10", "0o17", "0b101", "1,5", "1.5.5", "5e", "e5", "--1", "1e", "١٢", "１２",
        "1 000", "12abc", "1/2", "3/0", "1d", "1f", "1m", "0.1e1", "1E+2", "1e-2",
    ];

    /// <summary>Replacement values: YAML syntax fragments, other types, odd text and ids from the scenario.</summary>
    private static readonly string[] s_tokens =
    [
        "", "~", "null", "Null", "NULL", "[]", "{}", "[", "{", "]", "}", "[1, 2]", "{a: 1}", "{from: x}",
        "'", "\"", "'unterminated", "\"unterminated", "''", "\"\"", "'quoted'", "\"1\"", "'0.5'",
        "*alias", "&anchor", "&a x", "*a", "&a [1]", "!!str 1", "!!int 5", "!!float 0.5", "!!binary AAAA", "!!map {}",
        "!custom x", "!<tag:yaml.org,2002:str> x", "true", "false", "True", "yes", "no", "on", "off", "y", "n",
        "-", "- x", "- - x", "|", ">", "|-\n  text", "@", "`", "%", "%YAML 1.2", "#", "# comment", "? x", ": x", "x: y: z",
        "x: y", "--- ", "---\nname: second", "...", "a\tb", "\t", "日本語", "😀", "\u00A0", "\u200B", "\uFEFF", "\u2028",
        "co-governance", "single-government", "hierarchical", "liaison", "platform", "government", "organisation",
        "blast_core", "port_yard", "port_yards", "residential", "shelter", "hospital", "staging", "staging_area",
        "ring_3km", "city_hospitals", "nowhere", "fire", "rescue", "medical", "shelter", "supplies", "monitoring",
        "blood", "information", "[fire, fire]", "[information]", "[]", "[blast_core, nowhere]",
        "Blast_Core", "1abc", "a b", "x" + new string('y', 300),
    ];

    private static readonly string[] s_fragments =
        ["[", "]", "{", "}", "(", ")", "'", "\"", ":", ": ", "- ", "#", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?", "\t", "\r", "\n", "---", "..."];

    private static readonly (string Name, int Weight)[] s_operators =
    [
        ("delete-line", 10), ("duplicate-line", 8), ("swap-lines", 8), ("replace-number", 16), ("perturb-number", 14), ("replace-value", 14),
        ("insert-bytes", 8), ("insert-tab", 5), ("unbalanced-bracket", 6), ("truncate", 5), ("indent", 8), ("rename-key", 6),
        ("move-line", 4),
    ];

    private readonly Random _rng;

    /// <summary>Creates a mutator with its own seeded random sequence.</summary>
    public ScenarioMutator(int seed) => _rng = new Random(seed);

    /// <summary>The names of the mutation operators.</summary>
    public static IEnumerable<string> OperatorNames => s_operators.Select(o => o.Name);

    /// <summary>Generates <paramref name="count"/> mutants of <paramref name="original"/>.</summary>
    public List<Mutant> Generate(string original, int count)
    {
        var result = new List<Mutant>(count);
        for (int i = 0; i < count; i++)
        {
            int edits = _rng.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
            var lines = original.Split('\n').ToList();
            var ops = new List<string>();
            var description = new StringBuilder();
            for (int e = 0; e < edits; e++)
            {
                string op = PickOperator();
                ops.Add(op);
                description.Append(Apply(op, lines)).Append("; ");
            }

            result.Add(new Mutant(i, string.Join('\n', lines), ops, description.ToString().TrimEnd(' ', ';')));
        }

        return result;
    }

    private string PickOperator()
    {
        int total = s_operators.Sum(o => o.Weight);
        int pick = _rng.Next(total);
        foreach (var (name, weight) in s_operators)
        {
            if (pick < weight)
            {
                return name;
            }

            pick -= weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Applies one edit to <paramref name="lines"/> and describes it (1-based line numbers).</summary>
    private string Apply(string op, List<string> lines)
    {
        if (lines.Count == 0)
        {
            lines.Add("");
        }

        int at = _rng.Next(lines.Count);
        switch (op)
        {
            case "delete-line":
            {
                string removed = lines[at];
                lines.RemoveAt(at);
                return $"line {at + 1}: deleted {Quote(removed)}";
            }

            case "duplicate-line":
                lines.Insert(at, lines[at]);
                return $"line {at + 1}: duplicated {Quote(lines[at])}";

            case "swap-lines":
            {
                int other = _rng.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                return $"lines {at + 1} and {other + 1}: swapped";
            }

            case "move-line":
            {
                string line = lines[at];
                lines.RemoveAt(at);
                int to = _rng.Next(lines.Count + 1);
                lines.Insert(to, line);
                return $"line {at + 1}: moved to line {to + 1}: {Quote(line)}";
            }

            case "replace-number":
            {
                // Prefer lines holding numbers; fall back to any line.
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    var matches = NumberPattern().Matches(lines[at]);
                    if (matches.Count > 0)
                    {
                        var m = matches[_rng.Next(matches.Count)];
                        string replacement = RandomNumber();
                        string before = lines[at];
                        lines[at] = before[..m.Index] + replacement + before[(m.Index + m.Length)..];
                        return $"line {at + 1}: number '{m.Value}' → '{replacement}' in {Quote(before)}";
                    }

                    at = _rng.Next(lines.Count);
                }

                return "no number found";
            }

            case "perturb-number":
            {
                // Plausible changes (zero, double, half, tenfold, +1, a boundary) that often stay valid and reach the engine.
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    var matches = NumberPattern().Matches(lines[at]);
                    if (matches.Count > 0)
                    {
                        var m = matches[_rng.Next(matches.Count)];
                        double v = double.Parse(m.Value, CultureInfo.InvariantCulture);
                        double changed = _rng.Next(8) switch
                        {
                            0 or 1 => 0,
                            2 => v * 2,
                            3 => Math.Floor(v / 2),
                            4 => v * 10,
                            5 => v + 1,
                            6 => 1,
                            _ => v == Math.Floor(v) ? v * 100 : v / 10,
                        };
                        string replacement = changed.ToString("R", CultureInfo.InvariantCulture);
                        string before = lines[at];
                        lines[at] = before[..m.Index] + replacement + before[(m.Index + m.Length)..];
                        return $"line {at + 1}: number '{m.Value}' → '{replacement}' in {Quote(before)}";
                    }

                    at = _rng.Next(lines.Count);
                }

                return "no number found";
            }

            case "replace-value":
            {
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    var matches = ValuePattern().Matches(lines[at]);
                    if (matches.Count > 0)
                    {
                        var m = matches[_rng.Next(matches.Count)].Groups["value"];
                        string replacement = s_tokens[_rng.Next(s_tokens.Length)];
                        string before = lines[at];
                        lines[at] = before[..m.Index] + replacement + before[(m.Index + m.Length)..];
                        return $"line {at + 1}: value '{m.Value}' → {Quote(replacement)} in {Quote(before)}";
                    }

                    at = _rng.Next(lines.Count);
                }

                return "no value found";
            }

            case "insert-bytes":
            {
                int n = 1 + _rng.Next(8);
                var sb = new StringBuilder();
                for (int k = 0; k < n; k++)
                {
                    sb.Append(RandomChar());
                }

                int col = _rng.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(col, sb.ToString());
                return $"line {at + 1} column {col + 1}: inserted {Quote(sb.ToString())}";
            }

            case "insert-tab":
            {
                int col = _rng.NextDouble() < 0.5 ? 0 : _rng.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(col, "\t");
                return $"line {at + 1} column {col + 1}: inserted a tab";
            }

            case "unbalanced-bracket":
            {
                string f = s_fragments[_rng.Next(s_fragments.Length)];
                int col = _rng.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(col, f);
                return $"line {at + 1} column {col + 1}: inserted {Quote(f)}";
            }

            case "truncate":
            {
                string text = string.Join('\n', lines);
                int cut = _rng.Next(text.Length + 1);
                lines.Clear();
                lines.AddRange(text[..cut].Split('\n'));
                return $"truncated at character {cut} (line {lines.Count})";
            }

            case "indent":
            {
                int span = _rng.NextDouble() < 0.7 ? 1 : 1 + _rng.Next(6);
                int delta = _rng.Next(2) == 0 ? -(1 + _rng.Next(4)) : 1 + _rng.Next(4);
                for (int k = at; k < Math.Min(lines.Count, at + span); k++)
                {
                    if (delta > 0)
                    {
                        lines[k] = new string(' ', delta) + lines[k];
                    }
                    else
                    {
                        int spaces = lines[k].Length - lines[k].TrimStart(' ').Length;
                        lines[k] = lines[k][Math.Min(spaces, -delta)..];
                    }
                }

                return $"lines {at + 1}–{Math.Min(lines.Count, at + span)}: indentation {delta:+0;-0}";
            }

            case "rename-key":
            {
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    var matches = KeyPattern().Matches(lines[at]);
                    if (matches.Count > 0)
                    {
                        var m = matches[_rng.Next(matches.Count)].Groups["key"];
                        var all = KeyPattern().Matches(string.Join('\n', lines)).Select(x => x.Groups["key"].Value).Distinct().ToArray();
                        string replacement = _rng.NextDouble() < 0.8 ? all[_rng.Next(all.Length)] : m.Value + "x";
                        string before = lines[at];
                        lines[at] = before[..m.Index] + replacement + before[(m.Index + m.Length)..];
                        return $"line {at + 1}: key '{m.Value}' → '{replacement}' in {Quote(before)}";
                    }

                    at = _rng.Next(lines.Count);
                }

                return "no key found";
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "unknown mutation operator");
        }
    }

    private string RandomNumber() => _rng.Next(4) switch
    {
        0 => (_rng.NextDouble() * Math.Pow(10, _rng.Next(-3, 10)) * (_rng.Next(4) == 0 ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture),
        1 => _rng.Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture),
        _ => s_numbers[_rng.Next(s_numbers.Length)],
    };

    private char RandomChar() => _rng.Next(10) switch
    {
        0 => (char)_rng.Next(1, 32),            // control characters (not NUL)
        1 => (char)_rng.Next(0x80, 0x100),      // Latin-1 bytes decoded as characters
        2 => "\t\r\u0085\u2028\u2029\uFEFF\uFFFE\uFFFF"[_rng.Next(8)],
        3 => (char)_rng.Next(0x100, 0xD800),    // other BMP characters
        4 => _rng.Next(50) == 0 ? '\0' : '\u00A0',
        5 => _rng.Next(20) == 0 ? (char)_rng.Next(0xD800, 0xE000) : 'é', // rarely a lone surrogate (only reachable through the library API)
        _ => (char)_rng.Next(32, 127),          // printable ASCII, including YAML indicators
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s.Length > 120 ? s[..120] + "…" : s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF' or '\u2028' or '\u2029' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    [GeneratedRegex(@"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<key>[a-z_][a-z0-9_]*):[ ](?<value>[^,{}\[\]#\n]*[^,{}\[\]#\s])")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"(?<key>[a-z_][a-z0-9_]*):(?=\s|$)")]
    private static partial Regex KeyPattern();
}
