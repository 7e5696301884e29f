using System.Globalization;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Reads an experiment file (YAML) into an <see cref="ExperimentSpec"/>, and checks every override it can
/// produce against the scenario, so a bad factor path or level is reported at its line in the experiment
/// file before anything runs. Text in, objects out: no files.
/// </summary>
public static class ExperimentLoader
{
    private static readonly string[] s_topKeys = ["name", "description", "scenario", "master_seed", "replicates", "fixed", "design", "compare"];

    private static readonly string[] s_compareKeys = ["by", "within", "baseline", "metrics"];
    private static readonly string[] s_designKeys = ["kind", "factors", "arms", "samples", "trajectories", "levels"];
    private static readonly string[] s_rangeKeys = ["min", "max", "step"];

    /// <summary>Most runs (points × replicates) accepted without an explicit request.</summary>
    public const long MaxRuns = 1_000_000;

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
        long seed = Whole(top, "master_seed", "", 1, 0, long.MaxValue, errors);
        long replicates = Whole(top, "replicates", "", 1, 1, 1_000_000, errors);
        var fixedOverrides = Assignments(top.Find("fixed"), "fixed", errors);
        DesignSpec design = new(DesignKind.Factorial, [], [], 0, 0, 0);
        if (top.Find("design") is { } designNode)
        {
            design = Design(designNode, errors);
        }
        else
        {
            errors.Add(new ScenarioError(top.Position, "design", "required key 'design' is missing (kind: factorial, lhs, morris or sobol, and factors)"));
        }

        var compare = top.Find("compare") is { } compareNode ? Compare(compareNode, design, errors) : null;
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new ExperimentSpec(name, description, scenario, (ulong)seed, (int)replicates, fixedOverrides, design, source, compare);
    }

    /// <summary>
    /// Checks the experiment against the scenario text: every fixed override, arm and factor level (ranges at
    /// both ends) must make a valid scenario; the design must not be absurdly large unless <paramref name="allowLarge"/>.
    /// </summary>
    public static void Check(ExperimentSpec spec, string scenarioText, string scenarioSource, bool allowLarge)
    {
        var errors = new List<ScenarioError>();
        var baseOverrides = spec.Fixed.Select(a => $"{a.Key}={a.Value}").ToList();
        void Try(SourcePosition at, string path, IEnumerable<string> extra)
        {
            try
            {
                ScenarioLoader.Load(scenarioText, scenarioSource, [.. baseOverrides, .. extra]);
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    errors.Add(new ScenarioError(at, path, $"{e.Message} (in scenario {scenarioSource}{(e.KeyPath.Length > 0 ? ", at " + e.KeyPath : "")})"));
                }
            }
        }

        Try(new SourcePosition(spec.Source, 1, 1), "fixed", []);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        foreach (var arm in spec.Design.Arms)
        {
            Try(arm.Position, "design.arms." + arm.Name, arm.Assignments.Select(a => $"{a.Key}={a.Value}"));
        }

        foreach (var f in spec.Design.Factors)
        {
            string path = "design.factors." + f.Path;
            if (SchemaCatalog.TypeAt(typeof(Scenario), f.Path) is { } t && f.Levels is null && !(t == typeof(double) || t == typeof(int) || t == typeof(long)))
            {
                errors.Add(new ScenarioError(f.Position, path, $"'{f.Path}' is not a number, so it needs a list of levels, not a range"));
                continue;
            }

            // Every listed level is checked; a range is checked at both ends (a scenario value's valid range is an interval).
            var all = spec.Design.Kind == DesignKind.Factorial ? DesignBuilder.FactorialLevels(f) : [];
            IEnumerable<string> levels = f.Levels is not null ? f.Levels
                : spec.Design.Kind == DesignKind.Factorial ? [all[0], all[^1], DesignBuilder.Format(f.Max, f.WholeNumbers)]
                : [DesignBuilder.Format(f.Min, f.WholeNumbers), DesignBuilder.Format(f.Max, f.WholeNumbers)];
            int before = errors.Count;
            foreach (string level in levels.Distinct())
            {
                Try(f.Position, path, [$"{f.Path}={level}"]);
            }

            // The same mistake (say, a misspelt path) fails at every level: report it once.
            var distinct = errors.Skip(before).DistinctBy(e => e.Message.Split(" (in scenario")[0].Replace(f.Path, "", StringComparison.Ordinal)).ToList();
            errors.RemoveRange(before, errors.Count - before);
            errors.AddRange(distinct);
        }

        long points = DesignBuilder.CountPoints(spec.Design);
        long runs = points > long.MaxValue / spec.Replicates ? long.MaxValue : points * spec.Replicates;
        if (!allowLarge && (points > DesignBuilder.MaxPoints || runs > MaxRuns))
        {
            errors.Add(new ScenarioError(new SourcePosition(spec.Source, 1, 1), "design",
                string.Create(CultureInfo.InvariantCulture, $"the design has {points} points × {spec.Replicates} replicates = {runs} runs, more than the {MaxRuns} accepted without --allow-large")));
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }
    }

    private static DesignSpec Design(YamlTreeNode node, List<ScenarioError> errors)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "design", "expected a mapping with kind and factors"));
            return new DesignSpec(DesignKind.Factorial, [], [], 0, 0, 0);
        }

        CheckKeys(map, "design", s_designKeys, errors);
        var kind = DesignKind.Factorial;
        var kinds = new Dictionary<string, DesignKind>(StringComparer.Ordinal)
        {
            ["factorial"] = DesignKind.Factorial, ["lhs"] = DesignKind.Lhs, ["morris"] = DesignKind.Morris, ["sobol"] = DesignKind.Sobol,
        };
        if (map.Find("kind") is YamlScalarNode { IsNull: false } k && kinds.TryGetValue(k.Value, out var parsed))
        {
            kind = parsed;
        }
        else
        {
            var at = map.Find("kind") ?? map;
            string found = map.Find("kind") is YamlScalarNode s ? $"'{s.Value}'" : "nothing";
            string? hint = map.Find("kind") is YamlScalarNode s2 ? SchemaBinder.Suggest(s2.Value, kinds.Keys) : null;
            errors.Add(new ScenarioError(at.Position, "design.kind", $"expected one of factorial, lhs, morris, sobol, found {found}" + (hint is null ? "" : $"; did you mean '{hint}'?")));
        }

        int samples = (int)Whole(map, "samples", "design", kind is DesignKind.Lhs or DesignKind.Sobol ? 0 : 1, 2, 1_000_000, errors, required: kind is DesignKind.Lhs or DesignKind.Sobol);
        int trajectories = (int)Whole(map, "trajectories", "design", kind == DesignKind.Morris ? 0 : 1, 2, 100_000, errors, required: kind == DesignKind.Morris);
        int levels = (int)Whole(map, "levels", "design", 4, 2, 100, errors);
        if (kind == DesignKind.Morris && levels % 2 != 0 && map.Find("levels") is { } lv)
        {
            errors.Add(new ScenarioError(lv.Position, "design.levels", "Morris needs an even number of levels (e.g. 4), so that Δ = p/(2(p−1)) lands on the grid"));
        }

        var factors = new List<Factor>();
        if (map.Find("factors") is { } factorsNode)
        {
            if (factorsNode is not YamlMapNode fm)
            {
                errors.Add(new ScenarioError(factorsNode.Position, "design.factors", "expected a mapping from scenario path to levels ([a, b]) or a range ({min, max, step})"));
            }
            else
            {
                foreach (var (key, value) in fm.Entries)
                {
                    if (ParseFactor(key.Value, value, kind, errors) is { } f)
                    {
                        factors.Add(f);
                    }
                }
            }
        }

        var arms = new List<Arm>();
        if (map.Find("arms") is { } armsNode)
        {
            if (kind != DesignKind.Factorial)
            {
                errors.Add(new ScenarioError(armsNode.Position, "design.arms", "arms are crossed with factors in a factorial design only"));
            }
            else if (armsNode is not YamlMapNode am)
            {
                errors.Add(new ScenarioError(armsNode.Position, "design.arms", "expected a mapping from arm name to overrides"));
            }
            else
            {
                foreach (var (key, value) in am.Entries)
                {
                    arms.Add(new Arm(key.Value, Assignments(value, "design.arms." + key.Value, errors), key.Position));
                }
            }
        }

        if (factors.Count == 0 && arms.Count == 0)
        {
            errors.Add(new ScenarioError(map.Position, "design.factors", kind == DesignKind.Factorial
                ? "a factorial design needs at least one factor or arm"
                : "this design needs at least one factor with a range {min, max}"));
        }

        return new DesignSpec(kind, factors, arms, samples, trajectories, levels);
    }

    private static Factor? ParseFactor(string path, YamlTreeNode value, DesignKind kind, List<ScenarioError> errors)
    {
        string at = "design.factors." + path;
        bool whole = SchemaCatalog.TypeAt(typeof(Scenario), path) is { } t && (t == typeof(int) || t == typeof(long));
        if (value is YamlListNode list)
        {
            if (kind != DesignKind.Factorial)
            {
                errors.Add(new ScenarioError(value.Position, at, "lhs, morris and sobol sample ranges: give {min, max}, not a list"));
                return null;
            }

            if (list.Items.Count == 0)
            {
                errors.Add(new ScenarioError(value.Position, at, "a factor needs at least one level"));
                return null;
            }

            var levels = new List<string>();
            foreach (var item in list.Items)
            {
                if (item is YamlScalarNode { IsNull: false } s)
                {
                    levels.Add(s.Value);
                }
                else
                {
                    errors.Add(new ScenarioError(item.Position, at, "each level must be a single value"));
                }
            }

            return new Factor(path, levels, 0, 0, 0, whole, value.Position);
        }

        if (value is not YamlMapNode range)
        {
            errors.Add(new ScenarioError(value.Position, at, "expected a list of levels [a, b, ...] or a range {min: …, max: …" + (kind == DesignKind.Factorial ? ", step: …}" : "}")));
            return null;
        }

        CheckKeys(range, at, s_rangeKeys, errors);
        double min = Number(range, "min", at, errors);
        double max = Number(range, "max", at, errors);
        double step = range.Find("step") is null ? 0 : Number(range, "step", at, errors);
        if (!(min < max))
        {
            errors.Add(new ScenarioError(range.Position, at, string.Create(CultureInfo.InvariantCulture, $"min ({min}) must be below max ({max})")));
        }

        if (kind == DesignKind.Factorial && !(step > 0))
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "a factorial range needs a step above 0"));
        }
        else if (kind == DesignKind.Factorial && (max - min) / step > DesignBuilder.MaxPoints)
        {
            errors.Add(new ScenarioError(range.Position, at + ".step", "the step is so small that the range has more than 10,000,000 levels"));
        }

        return new Factor(path, null, min, max, step, whole, value.Position);
    }

    private static List<KeyValuePair<string, string>> Assignments(YamlTreeNode? node, string at, List<ScenarioError> errors)
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
                result.Add(new(key.Value, s.Quoted ? $"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'" : s.Value));
            }
            else
            {
                errors.Add(new ScenarioError(value.Position, at + "." + key.Value, "expected a single value"));
            }
        }

        return result;
    }

    /// <summary>The compare section: by, within and metrics name columns the sweep will write.</summary>
    private static CompareSpec? Compare(YamlTreeNode node, DesignSpec design, List<ScenarioError> errors)
    {
        if (node is not YamlMapNode map)
        {
            errors.Add(new ScenarioError(node.Position, "compare", "expected a mapping with the keys " + string.Join(", ", s_compareKeys)));
            return null;
        }

        CheckKeys(map, "compare", s_compareKeys, errors);
        var columns = design.Factors.Select(f => f.Path).ToList();
        if (design.Arms.Count > 0)
        {
            columns.Insert(0, "arm");
        }

        var metrics = Metrics.RunMetrics.Columns.Select(c => c.Name).ToArray();
        var by = Names(map, "by", columns, "a column of the design", errors);
        var within = Names(map, "within", columns, "a column of the design", errors);
        var chosen = Names(map, "metrics", metrics, "a metric of runs.csv", errors);
        foreach (string w in within.Where(by.Contains))
        {
            errors.Add(new ScenarioError(map.Find("within")!.Position, "compare.within", $"'{w}' is also in compare.by; a column either defines the groups or the strata"));
        }

        string? baseline = map.Find("baseline") is null ? null : Text(map, "baseline", "", errors);
        var groupColumn = by.Count == 1 ? by[0] : by.Count == 0 && columns.Count > 0 ? columns[0] : null;
        IReadOnlyList<string>? groups = groupColumn == "arm" ? design.Arms.Select(a => a.Name).ToList()
            : design.Factors.FirstOrDefault(f => f.Path == groupColumn)?.Levels;
        if (baseline is not null && groups is not null && !groups.Contains(baseline))
        {
            errors.Add(new ScenarioError(map.Find("baseline")!.Position, "compare.baseline",
                $"'{baseline}' is not a group of {groupColumn} (expected one of: {string.Join(", ", groups)})"));
        }

        return new CompareSpec(by, within, baseline, chosen, map.Position);
    }

    /// <summary>A text or a list of texts, each one of <paramref name="allowed"/>.</summary>
    private static List<string> Names(YamlMapNode map, string key, IReadOnlyList<string> allowed, string what, List<ScenarioError> errors)
    {
        var result = new List<string>();
        var node = map.Find(key);
        IEnumerable<YamlTreeNode> items = node switch
        {
            null => [],
            YamlListNode list => list.Items,
            _ => [node],
        };
        foreach (var item in items)
        {
            if (item is not YamlScalarNode { IsNull: false } s)
            {
                errors.Add(new ScenarioError(item.Position, "compare." + key, "expected a name or a list of names"));
            }
            else if (!allowed.Contains(s.Value))
            {
                string? hint = SchemaBinder.Suggest(s.Value, [.. allowed]);
                errors.Add(new ScenarioError(s.Position, "compare." + key,
                    $"'{s.Value}' is not {what}" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (expected one of: {string.Join(", ", allowed)})"));
            }
            else
            {
                result.Add(s.Value);
            }
        }

        return result;
    }

    private static void CheckKeys(YamlMapNode map, string at, string[] allowed, List<ScenarioError> errors)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (!allowed.Contains(key.Value))
            {
                string? hint = SchemaBinder.Suggest(key.Value, allowed);
                errors.Add(new ScenarioError(key.Position, at.Length == 0 ? key.Value : at + "." + key.Value,
                    $"unknown key '{key.Value}'" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (allowed here: {string.Join(", ", allowed)})"));
            }
        }
    }

    private static string Text(YamlMapNode map, string key, string fallback, List<ScenarioError> errors, bool required = false)
    {
        switch (map.Find(key))
        {
            case null when required:
                errors.Add(new ScenarioError(map.Position, key, $"required key '{key}' is missing"));
                return fallback;
            case null:
                return fallback;
            case YamlScalarNode { IsNull: false } s:
                return s.Value;
            case var other:
                errors.Add(new ScenarioError(other.Position, key, "expected text"));
                return fallback;
        }
    }

    private static long Whole(YamlMapNode map, string key, string at, long fallback, long min, long max, List<ScenarioError> errors, bool required = false)
    {
        string path = at.Length == 0 ? key : at + "." + key;
        var node = map.Find(key);
        if (node is null)
        {
            if (required)
            {
                errors.Add(new ScenarioError(map.Position, path, $"required key '{key}' is missing"));
            }

            return fallback;
        }

        if (node is YamlScalarNode { IsNull: false, Quoted: false } s &&
            long.TryParse(s.Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
        {
            if (v < min || v > max)
            {
                errors.Add(new ScenarioError(node.Position, path, string.Create(CultureInfo.InvariantCulture, $"{v} is out of range; expected a whole number from {min} to {max}")));
                return fallback;
            }

            return v;
        }

        errors.Add(new ScenarioError(node.Position, path, string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {min} to {max}")));
        return fallback;
    }

    private static double Number(YamlMapNode map, string key, string at, List<ScenarioError> errors)
    {
        var node = map.Find(key);
        if (node is YamlScalarNode { IsNull: false, Quoted: false } s &&
            double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
        {
            return v;
        }

        errors.Add(new ScenarioError(node?.Position ?? map.Position, at + "." + key, node is null ? $"required key '{key}' is missing" : "expected a finite number"));
        return double.NaN;
    }
}
