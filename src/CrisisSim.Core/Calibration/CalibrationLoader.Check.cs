using System.Globalization;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Calibration;

/// <summary>The checks of a calibration file against its scenario: fixed values, priors, and the targets' hours.</summary>
public static partial class CalibrationLoader
{
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

        CheckHours(spec, ScenarioLoader.Load(scenarioText, scenarioSource, spec.FixedOverrides).Scenario.Time.HorizonH, check);
        check.ThrowIfAny();
    }

    /// <summary>Every target's hour must lie within the run: at most the horizon of the scenario with the fixed values.</summary>
    private static void CheckHours(CalibrationSpec spec, double horizonH, OverrideCheck check)
    {
        foreach (var t in spec.Targets)
        {
            if (t.AtH is { } h && h > horizonH + RunQuantities.HourTolerance)
            {
                check.Add(new ScenarioError(t.HourPosition, $"targets.{t.Id}.at_h", string.Create(CultureInfo.InvariantCulture,
                    $"at_h {h} is beyond the run: the scenario's horizon is {horizonH} h (time.horizon_h{(spec.Fixed.Count > 0 ? ", with the fixed values" : "")})")));
            }
        }
    }
}
