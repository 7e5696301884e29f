using System.Globalization;
using System.Reflection;
using System.Text;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// The value tables of docs/model.md §5.1 and §6.1, generated from a scenario (the built-in one) and the parameter
/// catalog: zones, roads, actors, the expected blast outcome and the values that differ from the code defaults. Each is
/// embedded in docs/model.md between <c>&lt;!-- scenario-NAME:begin --&gt;</c> and <c>&lt;!-- scenario-NAME:end --&gt;</c>;
/// a test keeps them equal. Notes and sources are not in the YAML's values, so they are prose after each table.
/// </summary>
public static class ScenarioTables
{
    /// <summary>The tables by name, in the order docs/model.md has them.</summary>
    public static IReadOnlyList<(string Name, Func<Scenario, string> Generate)> All { get; } =
    [
        ("zones", Zones),
        ("roads", Roads),
        ("blast-outcome", BlastOutcome),
        ("actors", Actors),
        ("differences", Differences),
    ];

    /// <summary>Every table of <paramref name="scenario"/>, each between its marker lines, as docs/model.md embeds them.</summary>
    public static string Markdown(Scenario scenario)
    {
        var sb = new StringBuilder();
        foreach (var (name, generate) in All)
        {
            sb.Append(Begin(name)).Append("\n\n").Append(generate(scenario)).Append('\n').Append(End(name)).Append("\n\n");
        }

        return sb.ToString();
    }

    public static string Begin(string name) => $"<!-- scenario-{name}:begin -->";

    public static string End(string name) => $"<!-- scenario-{name}:end -->";

    /// <summary>The zones: kind, residents (at scale 1), cordon, visibility, capacities and blast shares.</summary>
    public static string Zones(Scenario s)
    {
        var sb = new StringBuilder();
        sb.Append(Inv($"{s.Zones.Sum(z => z.Residents):N0} residents in all.\n\n"));
        sb.Append("| zone | kind | residents | cordoned | visibility | capacity | blast shares (killed / trapped / serious / minor / displaced / responders killed) |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var z in s.Zones)
        {
            var b = z.Blast;
            bool hit = b.Killed + b.Trapped + b.Serious + b.Minor + b.Displaced + b.RespondersKilled > 0;
            sb.Append(Inv($"| `{z.Id}` | {Name(z.Kind)} | {(z.Residents > 0 ? Inv($"{z.Residents:N0}") : "–")} | {(z.Cordoned ? "yes" : "no")} | {Num(z.Visibility)} | {Capacity(z)} | "))
                .Append(hit ? string.Join(" / ", new[] { b.Killed, b.Trapped, b.Serious, b.Minor, b.Displaced, b.RespondersKilled }.Select(Num)) : "–")
                .Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>The roads: ends, free-flow time and capacity (at scale 1).</summary>
    public static string Roads(Scenario s)
    {
        var sb = new StringBuilder();
        sb.Append("| from | to | free-flow time (h) | capacity (vehicles/h) |\n|---|---|---|---|\n");
        foreach (var r in s.Roads)
        {
            sb.Append(Inv($"| `{r.From}` | `{r.To}` | {Num(r.TravelTimeH)} | {r.CapacityVehiclesH:N0} |\n"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The expected outcome of the explosions at scale 1: each explosion of strength s sorts every still unaffected
    /// resident of a zone by one uniform draw into killed, trapped, seriously or lightly injured or displaced with
    /// probabilities share × s (cumulated and capped at 1, as <c>HitResidents</c> does); later explosions hit only those
    /// still unaffected.
    /// </summary>
    public static string BlastOutcome(Scenario s)
    {
        var total = new double[5];
        foreach (var z in s.Zones)
        {
            double unaffected = z.Residents;
            var b = z.Blast;
            double[] shares = [b.Killed, b.Trapped, b.Serious, b.Minor, b.Displaced];
            foreach (var e in s.Hazard.Explosions)
            {
                double below = 0, hit = 0;
                for (int c = 0; c < shares.Length; c++)
                {
                    double upTo = Math.Min(1, below + (shares[c] * e.Strength));
                    total[c] += unaffected * (upTo - below);
                    hit += upTo - below;
                    below = upTo;
                }

                unaffected *= 1 - hit;
            }
        }

        return Inv($"Expected blast outcome ({s.Hazard.Explosions.Count} explosions, at scale 1; realised values are random): {total[0]:N1} killed outright, {total[1]:N1} trapped, {total[2]:N1} seriously and {total[3]:N1} lightly injured, {total[4]:N0} displaced.\n");
    }

    /// <summary>The actors: sector, tasks, units, work rate, arrival window, base and what else the YAML sets.</summary>
    public static string Actors(Scenario s)
    {
        var sb = new StringBuilder();
        sb.Append("| actor | sector | tasks | units × members | work rate /h | arrival (h) | base | other |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var a in s.Actors)
        {
            bool fieldUnits = a.Units > 0 || (a.Convergence && a.ConvergencePool > 0);
            string units = a.Convergence
                ? Inv($"{(a.Units > 0 ? Inv($"{a.Units} × {a.MembersPerUnit} + ") : "")}pool {a.ConvergencePool} × {a.MembersPerUnit}")
                : a.Units > 0 ? Inv($"{a.Units} × {a.MembersPerUnit}") : "0";
            string arrival = a.Units > 0 ? $"{Num(a.ArrivalStartH)}–{Num(a.ArrivalEndH)}" : a.Convergence ? "by convergence" : "–";
            var other = new List<string>();
            if (a.Tasks.Contains(TaskKind.Information))
            {
                other.Add("the broadcaster");
            }

            if (a.NeedsAuthorisation)
            {
                other.Add("needs authorisation");
            }

            if (a.StockKits > 0)
            {
                other.Add(Inv($"stock {a.StockKits:N0} kits"));
            }

            if (a.ProcuredKits > 0)
            {
                other.Add(Inv($"{a.ProcuredKits:N0} kits procured after {Num(a.ProcurementLagH)} h"));
            }

            if (a.PrivateVehicles)
            {
                other.Add(Inv($"private vehicles ({Num(s.Traffic.PrivateVehiclesPerUnit)} per unit)"));
            }

            string sector = Name(a.Sector) + (a.Registered ? "" : ", unregistered");
            sb.Append(Inv($"| `{a.Id}` | {sector} | {string.Join(", ", a.Tasks.Select(t => Name(t)))} | {units} | {(fieldUnits ? Num(a.WorkRatePerH) : "–")} | {arrival} | `{a.Base}` | {string.Join("; ", other)} |\n"));
        }

        return sb.ToString();
    }

    /// <summary>Every parameter outside the scenario's lists and maps whose value differs from the code default.</summary>
    public static string Differences(Scenario s)
    {
        var rows = new List<(string Path, string Default, string Value)>();
        Compare(typeof(Scenario), new Scenario(), s, "", rows);
        var sb = new StringBuilder();
        sb.Append("| path | code default | built-in scenario |\n|---|---|---|\n");
        foreach (var (path, def, value) in rows)
        {
            sb.Append(Inv($"| `{path}` | {def} | {value} |\n"));
        }

        return sb.ToString();
    }

    private static void Compare(Type type, object defaults, object scenario, string path, List<(string, string, string)> rows)
    {
        foreach (var p in SchemaCatalog.Parameters(type))
        {
            string child = path.Length == 0 ? p.Attribute.Key : path + "." + p.Attribute.Key;
            var t = p.Property.PropertyType;
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
            {
                continue; // zones, roads, actors, explosions…: scenario content, in their own tables
            }

            object? d = p.Property.GetValue(defaults);
            object? v = p.Property.GetValue(scenario);
            if (t.IsClass && t != typeof(string))
            {
                Compare(t, d!, v!, child, rows);
                continue;
            }

            string dt = Format(d), vt = Format(v);
            if (dt != vt && t != typeof(string))
            {
                rows.Add((child, dt, vt));
            }
        }
    }

    private static string Capacity(ZoneSettings z) => z.Kind switch
    {
        ZoneKind.Shelter => Inv($"{z.ShelterCapacity:N0} places from {Num(z.OpensH)} h; storage {z.StorageKits:N0} kits"),
        ZoneKind.Hospital => Inv($"{z.Beds:N0} beds, {z.BloodStock:N0} blood units, storage {z.StorageKits:N0} kits"),
        _ => z.StorageKits > 0 ? Inv($"storage {z.StorageKits:N0} kits") : "–",
    };

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => Num(d),
        bool b => b ? "true" : "false",
        Enum e => SchemaCatalog.EnumName(e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Name(Enum value) => SchemaCatalog.EnumName(value);

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
