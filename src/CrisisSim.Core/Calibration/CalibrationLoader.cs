using System.Globalization;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// Reads a calibration file (YAML) into a <see cref="CalibrationSpec"/>, reporting every mistake in one pass at its
/// line with its key path (unknown keys with a "did you mean"), as the experiment loader does. Text in, objects out.
/// The priors' paths are checked against the scenario by <see cref="Check"/>.
/// </summary>
public static partial class CalibrationLoader
{
    private static readonly string[] s_topKeys = ["name", "description", "scenario", "master_seed", "draws", "replicates", "fixed", "priors", "targets"];
    private static readonly string[] s_priorKinds = [Prior.KeyOf(PriorKind.Uniform), Prior.KeyOf(PriorKind.LogUniform)];

    /// <summary>Most runs (draws × replicates) a calibration may make.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>Whether <paramref name="root"/> is a calibration file (a mapping with priors and no design), not an experiment.</summary>
    public static bool IsCalibration(YamlTreeNode? root) => root is YamlMapNode top && top.Find("priors") is not null && top.Find("design") is null;

    /// <summary>Parses <paramref name="text"/> from <paramref name="source"/>; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static CalibrationSpec Parse(string text, string source)
    {
        var errors = new List<ScenarioError>();
        var root = YamlTreeReader.Read(text, source);
        if (root is not YamlMapNode top)
        {
            throw new ScenarioException(new ScenarioError(root?.Position ?? new SourcePosition(source, 1, 1), "",
                $"expected a calibration: a mapping with the keys {string.Join(", ", s_topKeys)}"));
        }

        CheckKeys(top, "", s_topKeys, errors);
        string name = Text(top, "name", "", errors, required: true);
        string description = Text(top, "description", "", errors);
        string scenario = Text(top, "scenario", "built-in", errors);
        long seed = Whole(top, "master_seed", "", 1, 0, long.MaxValue, errors);
        long draws = Whole(top, "draws", "", 1, 1, MaxRuns, errors, required: true);
        long replicates = Whole(top, "replicates", "", 1, 1, MaxRuns, errors, required: true);
        var fixedPositions = new List<SourcePosition>();
        var fixedValues = Fixed(top.Find("fixed"), errors, fixedPositions);
        var priors = Priors(top, errors);
        var targets = Targets(top, errors);
        RefuseTwoNames(fixedValues, fixedPositions, priors, errors);
        if (draws * replicates > MaxRuns)
        {
            errors.Add(new ScenarioError(top.Find("draws")!.Position, "draws", string.Create(CultureInfo.InvariantCulture,
                $"{draws} draws × {replicates} replicates = {draws * replicates} runs, more than the {MaxRuns} a calibration may make")));
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new CalibrationSpec(name, description, scenario, (ulong)seed, (int)draws, (int)replicates, fixedValues, fixedPositions,
            priors, targets, source, top.Find("scenario")?.Position ?? default);
    }

    private static List<KeyValuePair<string, string>> Fixed(YamlTreeNode? node, List<ScenarioError> errors, List<SourcePosition> positions)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "fixed", "expected a mapping from scenario path to value, e.g. time.horizon_h: 72"));
            return result;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlScalarNode { IsNull: false } s)
            {
                result.Add(new(ParameterPath.Normalise(key.Value), s.Quoted ? $"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'" : s.Value));
                positions.Add(key.Position);
            }
            else
            {
                errors.Add(new ScenarioError(value.Position, "fixed." + key.Value, "expected a single value"));
            }
        }

        return result;
    }

    private static List<Prior> Priors(YamlMapNode top, List<ScenarioError> errors)
    {
        var result = new List<Prior>();
        switch (top.Find("priors"))
        {
            case null:
                errors.Add(new ScenarioError(top.Position, "priors", "required key 'priors' is missing (e.g. hazard.fire.suppression_per_unit_h: {log_uniform: [0.001, 0.016]})"));
                return result;
            case YamlMapNode { Entries.Count: > 0 } map:
                foreach (var (key, value) in map.Entries)
                {
                    if (OnePrior(key, value, errors) is { } p)
                    {
                        result.Add(p);
                    }
                }

                return result;
            case var other:
                errors.Add(new ScenarioError(other.Position, "priors", "expected a mapping from scenario path to its prior, e.g. zones.blast_core.blast.killed: {uniform: [0.01, 0.20]}"));
                return result;
        }
    }

    private static Prior? OnePrior(YamlScalarNode key, YamlTreeNode value, List<ScenarioError> errors)
    {
        string at = "priors." + key.Value;
        if (value is not YamlMapNode { Entries.Count: 1 } map)
        {
            errors.Add(new ScenarioError(value.Position, at, "expected one prior: {uniform: [lo, hi]} or {log_uniform: [lo, hi]}"));
            return null;
        }

        CheckKeys(map, at, s_priorKinds, errors);
        var (kindKey, range) = map.Entries[0];
        if (!s_priorKinds.Contains(kindKey.Value))
        {
            return null;
        }

        var kind = kindKey.Value == s_priorKinds[0] ? PriorKind.Uniform : PriorKind.LogUniform;
        if (Range(range, at + "." + kindKey.Value, errors) is not var (lo, hi))
        {
            return null;
        }

        if (kind == PriorKind.LogUniform && lo <= 0)
        {
            errors.Add(new ScenarioError(range.Position, at + "." + kindKey.Value, string.Create(CultureInfo.InvariantCulture, $"a log-uniform prior needs lo above 0, not {lo}")));
            return null;
        }

        return new Prior(ParameterPath.Normalise(key.Value), kind, lo, hi, key.Position);
    }

    /// <summary>A [lo, hi] pair of finite numbers with lo below hi, or null (the problem added to the errors).</summary>
    private static (double Lo, double Hi)? Range(YamlTreeNode node, string at, List<ScenarioError> errors)
    {
        static double? Num(YamlTreeNode n) => n is YamlScalarNode { IsNull: false, Quoted: false } s
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
        if (node is not YamlListNode { Items.Count: 2 } list || Num(list.Items[0]) is not { } lo || Num(list.Items[1]) is not { } hi)
        {
            errors.Add(new ScenarioError(node.Position, at, "expected [lo, hi]: two finite numbers"));
            return null;
        }

        if (lo >= hi)
        {
            errors.Add(new ScenarioError(node.Position, at, string.Create(CultureInfo.InvariantCulture, $"lo ({lo}) must be below hi ({hi})")));
            return null;
        }

        return (lo, hi);
    }
}
