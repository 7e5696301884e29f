using System.Globalization;
using CrisisSim.Core.Scenarios.Schema;
using static CrisisSim.Core.Experiments.YamlFields;

namespace CrisisSim.Core.Calibration;

/// <summary>
/// The targets of a calibration file: id → {quantity (default: the id), at_h for a quantity read at an hour, exactly
/// one of band, at_least and at_most, use}. Whether an hour lies within the scenario's horizon is checked by
/// <see cref="Check"/>, which knows the scenario.
/// </summary>
public static partial class CalibrationLoader
{
    private static readonly string[] s_targetKeys = ["quantity", "at_h", "band", "at_least", "at_most", "use"];
    private static readonly string[] s_bandKeys = ["band", "at_least", "at_most"];
    private static readonly string[] s_uses = ["fit", "held_out"];

    private const string TargetShape = "expected {band: [lo, hi]}, {at_least: x} or {at_most: x}, and optionally quantity: (default: the id), at_h: (hours, for a quantity read at an hour) and use: fit or held_out";

    private static List<Target> Targets(YamlMapNode top, List<ScenarioError> errors)
    {
        var result = new List<Target>();
        if (top.Find("targets") is not YamlMapNode { Entries.Count: > 0 } map)
        {
            errors.Add(new ScenarioError(top.Find("targets")?.Position ?? top.Position, "targets",
                "expected a mapping from target id to its band, e.g. deaths_civilian: {band: [44, 72]} or sheltered_17h: {quantity: sheltered, at_h: 17.7, at_least: 2625}"));
            return result;
        }

        foreach (var (key, value) in map.Entries)
        {
            if (OneTarget(key, value, errors) is { } t)
            {
                result.Add(t);
            }
        }

        if (result.Count > 0 && result.All(t => t.Use == TargetUse.HeldOut))
        {
            errors.Add(new ScenarioError(map.Position, "targets", "every target is held out; at least one must be used to fit (use: fit, the default)"));
        }

        return result;
    }

    private static Target? OneTarget(YamlScalarNode key, YamlTreeNode value, List<ScenarioError> errors)
    {
        string at = "targets." + key.Value;
        if (!key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            errors.Add(new ScenarioError(key.Position, at, $"'{key.Value}' cannot be a target id: an id names a column of draws.csv, so it is letters, digits, '_', '-' and '.' only"));
        }

        var t = value as YamlMapNode;
        var quantity = QuantityOf(key, t, at, errors);
        if (t is null)
        {
            errors.Add(new ScenarioError(value.Position, at, TargetShape));
            return null;
        }

        CheckKeys(t, at, s_targetKeys, errors);
        var hour = HourOf(t, at, quantity, errors);
        var band = BandOf(t, at, errors);
        string use = Text(t, "use", "fit", errors);
        if (!s_uses.Contains(use))
        {
            errors.Add(new ScenarioError(t.Find("use")!.Position, at + ".use", $"expected fit or held_out, not '{use}'"));
        }

        if (quantity is null || hour is { Ok: false } || band is not var (lo, hi))
        {
            return null;
        }

        return new Target(key.Value, lo, hi, use == "held_out" ? TargetUse.HeldOut : TargetUse.Fit, key.Position)
        {
            Quantity = quantity.Name,
            AtH = hour?.Hours,
            HourPosition = hour?.At ?? default,
        };
    }

    /// <summary>The quantity a target measures: its <c>quantity:</c> or, failing that, its id; null (and an error) when there is none by that name.</summary>
    private static RunQuantity? QuantityOf(YamlScalarNode key, YamlMapNode? t, string at, List<ScenarioError> errors)
    {
        var node = t?.Find("quantity");
        if (node is not null and not YamlScalarNode { IsNull: false })
        {
            errors.Add(new ScenarioError(node.Position, at + ".quantity", "expected the name of a quantity, e.g. quantity: sheltered"));
            return null;
        }

        var named = node as YamlScalarNode ?? key;
        if (RunQuantities.Find(named.Value, withHour: t?.Find("at_h") is not null) is { } q)
        {
            return q;
        }

        string? hint = SchemaBinder.Suggest(named.Value, RunQuantities.Names);
        errors.Add(new ScenarioError(named.Position, node is null ? at : at + ".quantity",
            $"'{named.Value}' is not a quantity a target can measure (a runs.csv metric, a ticks.csv column with at_h, or one of {string.Join(", ", RunQuantities.Derived.Select(d => d.Name))}; docs/experiments.md §8)"
            + (hint is null ? "" : $"; did you mean '{hint}'?")));
        return null;
    }

    /// <summary>The target's hour: null when it gives none and needs none; not Ok (and an error) when it is missing, refused or not a positive finite number.</summary>
    private static (bool Ok, double? Hours, SourcePosition At)? HourOf(YamlMapNode t, string at, RunQuantity? quantity, List<ScenarioError> errors)
    {
        var node = t.Find("at_h");
        if (node is null)
        {
            if (quantity is { NeedsHour: true })
            {
                errors.Add(new ScenarioError(t.Position, at + ".at_h", $"'{quantity.Name}' is read at an hour: give at_h (hours after the first call, e.g. at_h: 17.7)"));
                return (false, null, default);
            }

            return null;
        }

        if (quantity is { NeedsHour: false })
        {
            errors.Add(new ScenarioError(node.Position, at + ".at_h", $"'{quantity.Name}' is not read at an hour ({(quantity.Kind == QuantityKind.RunMetric ? "a runs.csv metric: its value at the end of the run" : "it covers the whole run")}); remove at_h"));
            return (false, null, default);
        }

        if (node is YamlScalarNode { IsNull: false, Quoted: false } s
            && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double h) && double.IsFinite(h) && h > 0)
        {
            return (true, h, node.Position);
        }

        errors.Add(new ScenarioError(node.Position, at + ".at_h", "expected a positive finite number of hours after the first call, e.g. at_h: 17.7"));
        return (false, null, default);
    }

    /// <summary>The band of exactly one of band: [lo, hi], at_least: x (hi infinite) and at_most: x (lo infinite), or null (the problem added to the errors).</summary>
    private static (double Lo, double Hi)? BandOf(YamlMapNode t, string at, List<ScenarioError> errors)
    {
        var given = t.Entries.Where(e => s_bandKeys.Contains(e.Key.Value)).Select(e => e.Key).ToList();
        if (given.Count != 1)
        {
            errors.Add(given.Count == 0
                ? new ScenarioError(t.Position, at + ".band", "no band: give one of band: [lo, hi], at_least: x or at_most: x")
                : new ScenarioError(given[1].Position, at + "." + given[1].Value, $"give one of band, at_least and at_most, not both '{given[0].Value}' (line {given[0].Position.Line}) and '{given[1].Value}'"));
            return null;
        }

        string kind = given[0].Value;
        if (kind == "band")
        {
            return Range(t.Find("band")!, at + ".band", errors);
        }

        double x = Number(t, kind, at, errors);
        return double.IsNaN(x) ? null : kind == "at_least" ? (x, double.PositiveInfinity) : (double.NegativeInfinity, x);
    }
}
