using System.Globalization;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Calibration;

/// <summary>The targets of a calibration file, and the checks of its priors against the scenario.</summary>
public static partial class CalibrationLoader
{
    private static List<Target> Targets(YamlMapNode top, List<ScenarioError> errors)
    {
        var result = new List<Target>();
        if (top.Find("targets") is not YamlMapNode { Entries.Count: > 0 } map)
        {
            errors.Add(new ScenarioError(top.Find("targets")?.Position ?? top.Position, "targets",
                "expected a mapping from runs.csv metric to its band, e.g. deaths_civilian: {band: [44, 72]}"));
            return result;
        }

        var metrics = MetricCatalog.Runs.Select(m => m.Name).ToArray();
        foreach (var (key, value) in map.Entries)
        {
            string at = "targets." + key.Value;
            if (MetricCatalog.Run(key.Value) is null)
            {
                string? hint = SchemaBinder.Suggest(key.Value, metrics);
                errors.Add(new ScenarioError(key.Position, at, $"'{key.Value}' is not a runs.csv metric" + (hint is null ? "" : $"; did you mean '{hint}'?")));
            }

            if (value is not YamlMapNode t)
            {
                errors.Add(new ScenarioError(value.Position, at, "expected {band: [lo, hi]} and optionally use: fit or held_out"));
                continue;
            }

            CheckKeys(t, at, s_targetKeys, errors);
            var band = t.Find("band") is { } b ? Range(b, at + ".band", errors) : null;
            if (t.Find("band") is null)
            {
                errors.Add(new ScenarioError(t.Position, at + ".band", "required key 'band' is missing"));
            }

            string use = Text(t, "use", "fit", errors);
            if (!s_uses.Contains(use))
            {
                errors.Add(new ScenarioError(t.Find("use")!.Position, at + ".use", $"expected fit or held_out, not '{use}'"));
            }

            if (band is var (lo, hi))
            {
                result.Add(new Target(key.Value, lo, hi, use == "held_out" ? TargetUse.HeldOut : TargetUse.Fit, key.Position));
            }
        }

        if (result.Count > 0 && result.All(t => t.Use == TargetUse.HeldOut))
        {
            errors.Add(new ScenarioError(map.Position, "targets", "every target is held out; at least one must be used to fit (use: fit, the default)"));
        }

        return result;
    }

    /// <summary>One name per parameter: two priors, or a prior and a fixed value, that reach the same parameter are refused at the later one.</summary>
    private static void RefuseTwoNames(List<KeyValuePair<string, string>> fixedValues, List<SourcePosition> fixedPositions, List<Prior> priors, List<ScenarioError> errors)
    {
        var named = fixedValues.Select((f, i) => (Path: f.Key, At: fixedPositions[i], Where: "fixed"))
            .Concat(priors.Select(p => (p.Path, At: p.Position, Where: "priors")))
            .OrderBy(x => x.At.Line).ThenBy(x => x.At.Column).ToList();
        for (int j = 1; j < named.Count; j++)
        {
            if (named.Take(j).FirstOrDefault(a => ParameterPath.Overlaps(a.Path, named[j].Path)) is { Path: not null } first)
            {
                errors.Add(new ScenarioError(named[j].At, named[j].Where + "." + named[j].Path, string.Create(CultureInfo.InvariantCulture,
                    $"'{named[j].Path}' sets the same parameter as '{first.Path}' in {first.Where} (line {first.At.Line}); give each parameter once")));
            }
        }
    }

    /// <summary>
    /// Checks the calibration against the scenario text: the scenario on its own, then the fixed values, then every
    /// prior at both ends of its range (with the fixed values), each problem reported at the line of the calibration
    /// file that causes it (the experiment loader's <see cref="OverrideCheck"/>). A prior's path must name a number.
    /// </summary>
    public static void Check(CalibrationSpec spec, string scenarioText, string scenarioSource)
    {
        OverrideCheck.RequireValidScenario(scenarioText, scenarioSource, spec.ScenarioPosition, spec.Source);
        var check = new OverrideCheck(spec.Fixed, spec.FixedPositions, spec.Source, scenarioText, scenarioSource);
        check.Try(new SourcePosition(spec.Source, 1, 1), "fixed", check.Fixed, withFixed: false);
        check.ThrowIfAny(); // every fixed override is among the extras here, so each error is at its own line
        foreach (var p in spec.Priors)
        {
            string at = "priors." + p.Path;
            var type = SchemaCatalog.TypeAt(typeof(Scenario), p.Path);
            if (type is not null && type != typeof(double))
            {
                check.Add(new ScenarioError(p.Position, at, $"'{p.Path}' is not a real number (it is {type.Name}); a prior needs a parameter that takes any value in its range"));
                continue;
            }

            check.Values(p.Position, at, p.Path, [p.Lo.ToString("R", CultureInfo.InvariantCulture), p.Hi.ToString("R", CultureInfo.InvariantCulture)]);
        }

        check.ThrowIfAny();
    }
}
