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
        DesignSpec design = new(DesignKind.Factorial, [], [], 0, 0, 0);
        if (top.Find("design") is { } designNode)
        {
            design = Design(designNode, errors, claims);
        }
        else
        {
            errors.Add(new ScenarioError(top.Position, "design", "required key 'design' is missing (kind: factorial, lhs, morris or sobol, and factors)"));
        }

        RefuseTwoNamesForOneParameter(claims, errors);
        var compare = top.Find("compare") is { } compareNode ? Compare(compareNode, design, errors) : null;
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new ExperimentSpec(name, description, scenario, (ulong)seed, (int)replicates, fixedOverrides, design, source, compare, scenarioAt, fixedPositions);
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

    /// <summary>
    /// Checks the experiment against the scenario text, cheapest first: the design's size (arithmetic, before
    /// anything is expanded or loaded; runs at most <see cref="MaxRuns"/>, or <see cref="MaxRunsAllowLarge"/> with
    /// <paramref name="allowLarge"/>); the scenario on its own (its problems reported at its own lines); then
    /// every fixed override, arm and factor level (ranges at both ends) must make a valid scenario, each
    /// problem reported at the line of the experiment that causes it.
    /// </summary>
    public static void Check(ExperimentSpec spec, string scenarioText, string scenarioSource, bool allowLarge)
    {
        CheckSize(spec, allowLarge);
        var errors = new List<ScenarioError>();
        try
        {
            ScenarioLoader.Load(scenarioText, scenarioSource);
        }
        catch (ScenarioException ex)
        {
            var at = spec.ScenarioPosition == default ? new SourcePosition(spec.Source, 1, 1) : spec.ScenarioPosition;
            throw new ScenarioException([new ScenarioError(at, "scenario", $"the scenario {scenarioSource} is invalid; its problems follow"), .. ex.Errors]);
        }

        var fixedOverrides = spec.Fixed.Select((a, i) => new Source($"{a.Key}={a.Value}", spec.FixedPositions?[i] ?? new SourcePosition(spec.Source, 1, 1), "fixed." + a.Key)).ToList();
        void Try(SourcePosition at, string path, IReadOnlyList<Source> extra, bool withFixed = true)
        {
            try
            {
                ScenarioLoader.Load(scenarioText, scenarioSource, [.. (withFixed ? fixedOverrides : []).Select(o => o.Assignment), .. extra.Select(o => o.Assignment)]);
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    // An error at one of this check's overrides is reported at that override's line in the experiment;
                    // any other (a scenario cross-check the overrides broke) at the arm or factor being checked.
                    var cause = extra.FirstOrDefault(o => e.Position == new SourcePosition("--set " + o.Assignment, 0, 0));
                    string where = $" (in scenario {scenarioSource}{(e.KeyPath.Length > 0 ? ", at " + e.KeyPath : "")})";
                    errors.Add(cause is not null
                        ? new ScenarioError(cause.At, cause.Path, e.Message + where)
                        : new ScenarioError(at, path, e.Message + where));
                }
            }
        }

        Try(new SourcePosition(spec.Source, 1, 1), "fixed", fixedOverrides, withFixed: false);
        if (errors.Count > 0)
        {
            // every fixed override is among the extras here, so each error is at its own line
            throw new ScenarioException(errors);
        }

        foreach (var arm in spec.Design.Arms)
        {
            string armPath = "design.arms." + arm.Name;
            Try(arm.Position, armPath, [.. arm.Assignments.Select((a, i) => new Source($"{a.Key}={a.Value}", arm.AssignmentPositions?[i] ?? arm.Position, armPath + "." + a.Key))]);
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
            IEnumerable<string> levels = f.Levels is not null ? f.Levels
                : spec.Design.Kind == DesignKind.Factorial ? [DesignBuilder.Level(f, 0), DesignBuilder.Level(f, DesignBuilder.LevelCount(f) - 1), DesignBuilder.Format(f.Max, f.WholeNumbers)]
                : [DesignBuilder.Format(f.Min, f.WholeNumbers), DesignBuilder.Format(f.Max, f.WholeNumbers)];
            int before = errors.Count;
            foreach (string level in levels.Distinct())
            {
                Try(f.Position, path, [new Source($"{f.Path}={level}", f.Position, path)]);
            }

            // The same mistake (say, a misspelt path) fails at every level: report it once.
            var distinct = errors.Skip(before).DistinctBy(e => e.Message.Split(" (in scenario")[0].Replace(f.Path, "", StringComparison.Ordinal)).ToList();
            errors.RemoveRange(before, errors.Count - before);
            errors.AddRange(distinct);
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }
    }

    /// <summary>
    /// Refuses a design too large to run, from counts alone (checked arithmetic; nothing is expanded and no scenario
    /// is loaded): more than <see cref="MaxRuns"/> runs (<see cref="MaxRunsAllowLarge"/> with <paramref name="allowLarge"/>),
    /// more than <see cref="DesignBuilder.MaxPoints"/> points, or a sampled design of more than
    /// <see cref="DesignBuilder.MaxSampledCells"/> cells.
    /// </summary>
    public static void CheckSize(ExperimentSpec spec, bool allowLarge)
    {
        var inv = CultureInfo.InvariantCulture;
        long points = DesignBuilder.CountPoints(spec.Design);
        long runs = points > long.MaxValue / spec.Replicates ? long.MaxValue : points * spec.Replicates;
        long limit = allowLarge ? MaxRunsAllowLarge : MaxRuns;
        string Count(long n) => n == long.MaxValue ? "more than 9223372036854775807" : n.ToString(inv);
        var at = new SourcePosition(spec.Source, 1, 1);
        if (runs > limit || points > DesignBuilder.MaxPoints)
        {
            throw new ScenarioException(new ScenarioError(at, "design", string.Create(inv,
                $"the design has {Count(points)} points × {spec.Replicates} replicates = {Count(runs)} runs, more than the {limit} accepted {(allowLarge ? $"even with --allow-large (and at most {DesignBuilder.MaxPoints} points)" : "without --allow-large")}")));
        }

        long cells = spec.Design.Kind == DesignKind.Factorial ? 0 : points * spec.Design.Factors.Count;
        if (cells > DesignBuilder.MaxSampledCells)
        {
            throw new ScenarioException(new ScenarioError(at, "design", string.Create(inv,
                $"the {spec.Design.Kind.ToString().ToLowerInvariant()} design has {points} points × {spec.Design.Factors.Count} factors = {cells} sampled values, more than the {DesignBuilder.MaxSampledCells} it may hold in memory")));
        }
    }

    /// <summary>An override the check applies, with where it is written in the experiment and its key path there.</summary>
    private sealed record Source(string Assignment, SourcePosition At, string Path);

    private static DesignSpec Design(YamlTreeNode node, List<ScenarioError> errors, List<Claim> claims)
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
                if (fm.Entries.Count > MaxFactors)
                {
                    errors.Add(new ScenarioError(fm.Position, "design.factors", string.Create(CultureInfo.InvariantCulture, $"{fm.Entries.Count} factors; at most {MaxFactors} are accepted")));
                }

                foreach (var (key, value) in fm.Entries)
                {
                    claims.Add(new Claim(ParameterPath.Normalise(key.Value), key.Value, key.Position, "design.factors", null));
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
                if (am.Entries.Count > MaxArms)
                {
                    errors.Add(new ScenarioError(am.Position, "design.arms", string.Create(CultureInfo.InvariantCulture, $"{am.Entries.Count} arms; at most {MaxArms} are accepted")));
                }

                foreach (var (key, value) in am.Entries)
                {
                    var positions = new List<SourcePosition>();
                    var assignments = Assignments(value, "design.arms." + key.Value, errors, positions, claims, key.Value);
                    arms.Add(new Arm(key.Value, assignments, key.Position, positions));
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

    private static Factor? ParseFactor(string spelling, YamlTreeNode value, DesignKind kind, List<ScenarioError> errors)
    {
        string path = ParameterPath.Normalise(spelling);
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
        int before = errors.Count;
        var by = Names(map, "by", columns, "a column of the design", errors, normalise: true);
        bool byValid = errors.Count == before;
        var within = Names(map, "within", columns, "a column of the design", errors, normalise: true);
        var chosen = Names(map, "metrics", metrics, "a metric of runs.csv", errors);
        foreach (string w in within.Where(by.Contains))
        {
            errors.Add(new ScenarioError(map.Find("within")!.Position, "compare.within", $"'{w}' is also in compare.by; a column either defines the groups or the strata"));
        }

        string? baseline = map.Find("baseline") is null ? null : Text(map, "baseline", "", errors);
        if (baseline is not null && byValid)
        {
            CheckBaseline(baseline, map.Find("baseline")!.Position, by.Count > 0 ? by : columns.Take(1).ToList(), design, errors);
        }

        return new CompareSpec(by, within, baseline, chosen, map.Position);
    }

    /// <summary>
    /// The baseline must be a group the sweep will write: with one group column, one of its values (an arm, a listed
    /// level, or a level of a range, as written in runs.csv); with several, one value of each joined by " | ".
    /// </summary>
    private static void CheckBaseline(string baseline, SourcePosition at, List<string> by, DesignSpec design, List<ScenarioError> errors)
    {
        if (design.Kind != DesignKind.Factorial)
        {
            errors.Add(new ScenarioError(at, "compare.baseline", "a baseline names a group of a factorial design; lhs, morris and sobol designs sample their values (use crisissim sensitivity)"));
            return;
        }

        if (by.Count == 0)
        {
            return; // the design has no columns: reported as a missing factor or arm
        }

        string[] parts = by.Count == 1 ? [baseline] : baseline.Split(" | ");
        if (parts.Length != by.Count)
        {
            errors.Add(new ScenarioError(at, "compare.baseline",
                $"'{baseline}': with compare.by [{string.Join(", ", by)}] the baseline is one value of each, joined by ' | ' (e.g. '{string.Join(" | ", by.Select(b => "…"))}')"));
            return;
        }

        for (int i = 0; i < parts.Length; i++)
        {
            string column = by[i];
            var factor = design.Factors.FirstOrDefault(f => f.Path == column);
            bool found = column == "arm" ? design.Arms.Any(a => a.Name == parts[i]) : factor is not null && DesignBuilder.HasLevel(factor, parts[i]);
            if (found)
            {
                continue;
            }

            IReadOnlyList<string>? groups = column == "arm" ? [.. design.Arms.Select(a => a.Name)]
                : factor is not null && DesignBuilder.LevelCount(factor) <= 100 ? DesignBuilder.FactorialLevels(factor) : null;
            string? hint = groups is null ? null : SchemaBinder.Suggest(parts[i], groups);
            string range = factor is { Levels: null } ? string.Create(CultureInfo.InvariantCulture, $"a level of the range {factor.Min} to {factor.Max} step {factor.Step}") : "one of its groups";
            errors.Add(new ScenarioError(at, "compare.baseline",
                $"'{parts[i]}' is not a group of {column}" + (hint is null ? "" : $"; did you mean '{hint}'?")
                + (groups is null ? $" (expected {range})" : $" (expected one of: {string.Join(", ", groups)})")));
        }
    }

    /// <summary>A text or a list of texts, each one of <paramref name="allowed"/> (scenario paths normalised when <paramref name="normalise"/>).</summary>
    private static List<string> Names(YamlMapNode map, string key, IReadOnlyList<string> allowed, string what, List<ScenarioError> errors, bool normalise = false)
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
            else if (!allowed.Contains(normalise ? ParameterPath.Normalise(s.Value) : s.Value))
            {
                string? hint = SchemaBinder.Suggest(s.Value, [.. allowed]);
                errors.Add(new ScenarioError(s.Position, "compare." + key,
                    $"'{s.Value}' is not {what}" + (hint is null ? "" : $"; did you mean '{hint}'?") + $" (expected one of: {string.Join(", ", allowed)})"));
            }
            else
            {
                result.Add(normalise ? ParameterPath.Normalise(s.Value) : s.Value);
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
