using System.Globalization;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Reads an experiment file (YAML) into an <see cref="ExperimentSpec"/>, and checks every override it can
/// produce against the scenario, so a bad factor path or level is reported at its line in the experiment
/// file before anything runs. Text in, objects out: no files.
/// </summary>
public static partial class ExperimentLoader
{
    private static readonly string[] s_topKeys = ["name", "description", "scenario", "master_seed", "replicates", "fixed", "design", "over", "compare"];

    private static readonly string[] s_compareKeys = ["by", "within", "baseline", "metrics", "interaction"];
    private static readonly string[] s_interactionKeys = ["neither", "first", "second", "both"];

    /// <summary>The keys an experiment file may have at its top level (the JSON Schema is checked against them).</summary>
    public static IReadOnlyList<string> TopLevelKeys => s_topKeys;

    /// <summary>The keys of the compare section.</summary>
    public static IReadOnlyList<string> CompareKeys => s_compareKeys;

    /// <summary>The keys of compare.interaction.</summary>
    public static IReadOnlyList<string> InteractionKeys => s_interactionKeys;

    /// <summary>The keys of the over section.</summary>
    public static IReadOnlyList<string> OverKeys => s_overKeys;

    /// <summary>The keys of the design section.</summary>
    public static IReadOnlyList<string> DesignKeys => s_designKeys;

    /// <summary>Most runs (points × replicates) accepted without an explicit request.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Most runs accepted with --allow-large (runs are computed from their index, never stored by the loader).</summary>
    public const long MaxRunsAllowLarge = 100_000_000;

    /// <summary>Most factors a design may have.</summary>
    public const int MaxFactors = 1_000;

    /// <summary>Most arms a design may have.</summary>
    public const int MaxArms = 1_000;

    /// <summary>A parameter named by the experiment (a fixed value, an arm's assignment or a factor), for the one-name check.</summary>
    private sealed record Claim(string Path, string Spelling, SourcePosition At, string Where, string? Arm);

    /// <summary>Parses <paramref name="text"/> from <paramref name="source"/>; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static ExperimentSpec Parse(string text, string source)
    {
        var errors = new List<ScenarioError>();
        var root = YamlTreeReader.Read(text, source);
        if (root is not YamlMapNode top)
        {
            throw new ScenarioException(new ScenarioError(root?.Position ?? new SourcePosition(source, 1, 1), "",
                $"expected an experiment: a mapping with the keys {string.Join(", ", s_topKeys)}"));
        }

        CheckKeys(top, "", s_topKeys, errors);
        string name = Text(top, "name", "", errors, required: true);
        string description = Text(top, "description", "", errors);
        string scenario = Text(top, "scenario", "built-in", errors);
        var scenarioAt = top.Find("scenario")?.Position ?? default;
        long seed = Whole(top, "master_seed", "", 1, 0, long.MaxValue, errors);
        long replicates = Whole(top, "replicates", "", 1, 1, 1_000_000, errors);
        var claims = new List<Claim>();
        var fixedPositions = new List<SourcePosition>();
        var fixedOverrides = Assignments(top.Find("fixed"), "fixed", errors, fixedPositions, claims, null);
        DesignSpec design = new(DesignCatalog.Default, [], []);
        if (top.Find("design") is { } designNode)
        {
            design = Design(designNode, errors, claims);
        }
        else
        {
            errors.Add(new ScenarioError(top.Position, "design", $"required key 'design' is missing (kind: {DesignCatalog.Names(_ => true, "or")}, and factors)"));
        }

        RefuseTwoNamesForOneParameter(claims, errors);
        var over = top.Find("over") is { } overNode ? Over(overNode, design, errors) : null;
        var compare = top.Find("compare") is { } compareNode ? Compare(compareNode, design, over is not null || top.Find("over") is not null, errors) : null;
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new ExperimentSpec(name, description, scenario, (ulong)seed, (int)replicates, fixedOverrides, design, source, compare, scenarioAt, fixedPositions, over);
    }

    /// <summary>
    /// One parameter, one name: two factors, a factor and a fixed value, a factor and an arm's assignment, a fixed
    /// value and an arm's assignment, or two assignments of one arm that reach the same parameter (in any spelling,
    /// or one inside the other) are refused, naming both. Different arms may of course set the same parameter.
    /// </summary>
    private static void RefuseTwoNamesForOneParameter(List<Claim> unordered, List<ScenarioError> errors)
    {
        var claims = unordered.OrderBy(c => c.At.Line).ThenBy(c => c.At.Column).ToList(); // report at the later one in the file
        for (int j = 1; j < claims.Count; j++)
        {
            var b = claims[j];
            for (int i = 0; i < j; i++)
            {
                var a = claims[i];
                if (!ParameterPath.Overlaps(a.Path, b.Path) || (a.Arm is not null && b.Arm is not null && a.Arm != b.Arm))
                {
                    continue;
                }

                string first = string.Create(CultureInfo.InvariantCulture, $"'{a.Spelling}' in {a.Where} (line {a.At.Line})");
                errors.Add(new ScenarioError(b.At, b.Where + "." + b.Spelling, a.Path == b.Path
                    ? $"'{b.Spelling}' names the parameter {b.Path}, which {first} already names; give each parameter once"
                    : $"'{b.Spelling}' and {first} set the same parameter ({(a.Path.Length < b.Path.Length ? b.Path : a.Path)} lies inside {(a.Path.Length < b.Path.Length ? a.Path : b.Path)}); give each parameter once"));
                break;
            }
        }
    }

    /// <summary>A mapping of PATH: VALUE (paths normalised); records where each is written and claims its parameter.</summary>
    private static List<KeyValuePair<string, string>> Assignments(YamlTreeNode? node, string at, List<ScenarioError> errors, List<SourcePosition> positions, List<Claim> claims, string? arm)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, at, "expected a mapping from scenario path to value, e.g. governance.trust: 0.6"));
            return result;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlScalarNode { IsNull: false } s)
            {
                string path = ParameterPath.Normalise(key.Value);
                result.Add(new(path, s.Quoted ? $"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'" : s.Value));
                positions.Add(key.Position);
                claims.Add(new Claim(path, key.Value, key.Position, at, arm));
            }
            else
            {
                errors.Add(new ScenarioError(value.Position, at + "." + key.Value, "expected a single value"));
            }
        }

        return result;
    }
}
