using System.Globalization;
using CrisisSim.Core.Actors;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>Something a valid scenario will never do (a warning, not an error): where, which key path, what cannot happen and what to change.</summary>
/// <param name="Position">File, line and column of the key (or the --set override that wrote it).</param>
/// <param name="KeyPath">Dotted key path the warning is about.</param>
/// <param name="Message">What cannot happen, and what to change.</param>
public sealed record ScenarioWarning(SourcePosition Position, string KeyPath, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Position}: {KeyPath}: {Message}";
}

/// <summary>
/// The parts of a valid scenario that can never act, read from its settings alone (no run, no I/O; the same rules the
/// engine applies): an actor that fields no unit; a need the scenario creates that no actor fielding units can serve;
/// no official broadcaster. Warnings never change a run. A zone no road reaches is not among them: it is an error
/// (<see cref="ScenarioValidator"/>).
/// </summary>
public static partial class ScenarioWarnings
{
    /// <summary>The warnings of <paramref name="bound"/>, each positioned at the key it names, in a fixed order: actors, needs, information.</summary>
    public static IReadOnlyList<ScenarioWarning> Of(Bound<Scenario> bound)
    {
        var s = bound.Value;
        var warnings = new List<ScenarioWarning>();
        void Warn(string path, string message) => warnings.Add(new ScenarioWarning(bound.PositionOf(path), path, message));

        foreach (var a in s.Actors)
        {
            if (!Fields(s, a) && IdleActor(s, a) is { } message)
            {
                Warn($"actors.{a.Id}.units", message);
            }
        }

        var needs = new NeedSources(s);
        foreach (var task in Enum.GetValues<TaskKind>().Where(t => t != TaskKind.Information))
        {
            if (needs.CauseOf(task) is { } cause && !needs.Served(task))
            {
                Warn("actors", $"{Unserved(s, task, cause)}: no actor that fields units{Can(task)} has the {Name(task)} task{Holders(s, task)}; give the {Name(task)} task to an actor with units");
            }
        }

        if (NoBoats(s) is { } deep)
        {
            Warn(deep, "the water here rises past hazard.flood.boat_depth_m and traps people, but no actor with the rescue task has boats: "
                + "once it is that deep nobody can rescue them; set boats: true on an actor with the rescue task (fire brigades, volunteer rescue teams)");
        }

        if (!s.Actors.Any(a => a.Tasks.Contains(TaskKind.Information)))
        {
            Warn("actors", "no actor has the information task: no official information is ever released, so after the explosions rumour grows unchecked, "
                + "everyone affected stays uninformed (unmet_information_hours) and organisations outside the command get no releases; "
                + "give one government actor the information task (it needs no units)");
        }

        return warnings;
    }

    /// <summary>The warnings of <paramref name="scenario"/> without file positions (each at the scenario's first line).</summary>
    public static IReadOnlyList<ScenarioWarning> Of(Scenario scenario) =>
        Of(new Bound<Scenario>(scenario, new Dictionary<string, SourcePosition>(), "scenario"));

    /// <summary>Whether <paramref name="a"/> fields at least one unit: scheduled units, or a convergence pool, after population.scale.</summary>
    internal static bool Fields(Scenario s, ActorSettings a) => Scheduled(s, a) > 0 || Pooled(s, a) > 0;

    private static long Scheduled(Scenario s, ActorSettings a) => (long)Math.Round(a.Units * s.Population.CapacityScale);

    private static long Pooled(Scenario s, ActorSettings a) => a.Convergence ? (long)Math.Round(a.ConvergencePool * s.Population.CapacityScale) : 0;

    /// <summary>Why actor <paramref name="a"/>, which fields no unit, does nothing (or the little it does), or null when it needs no units.</summary>
    private static string? IdleActor(Scenario s, ActorSettings a)
    {
        var field = a.Tasks.Where(t => t != TaskKind.Information).ToList();
        if (field.Count == 0)
        {
            return null; // the broadcaster alone: it releases official information without units
        }

        var inv = CultureInfo.InvariantCulture;
        string none = a.Units > 0
            ? string.Create(inv, $"has no units at population.scale {s.Population.Scale} (its {a.Units} units round to none) and no convergence pool")
            : "has no units and no convergence pool";
        if (!a.Convergence && a.ConvergencePool > 0)
        {
            none += string.Create(inv, $" (its convergence_pool of {a.ConvergencePool} counts only with convergence: true)");
        }

        var names = field.Select(Name).ToList();
        return a.Tasks.Contains(TaskKind.Information)
            ? $"{none}: it releases official information, but never does {Listed(names, "or")}; give it units: N, or remove {Listed(names, "and")} from its tasks"
            : $"{none}, so it never acts (it never does {Listed(names, "or")}); give it units: N (or convergence: true and a convergence_pool), or remove it";
    }

    /// <summary>"a", "a or b", "a, b or c" (with <paramref name="conjunction"/>).</summary>
    private static string Listed(List<string> items, string conjunction) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items[..^1])} {conjunction} {items[^1]}";

    /// <summary>What cannot happen when nobody serves <paramref name="task"/>, whose need <paramref name="cause"/> creates.</summary>
    private static string Unserved(Scenario s, TaskKind task, string cause) => task switch
    {
        TaskKind.Fire => $"the fire ({cause}) is never fought",
        TaskKind.Rescue => $"people trapped by the explosions ({cause}) are never freed",
        TaskKind.Medical => $"the injured ({cause}) are never taken to hospital",
        TaskKind.Shelter => $"displaced people ({cause}) are never taken to a shelter",
        TaskKind.Supplies => $"sheltered people ({cause}) get no water or food but what the public donates",
        TaskKind.Monitoring => s.Hazard.Toxic.DisclosedAtH < s.Time.HorizonH
            ? string.Create(CultureInfo.InvariantCulture, $"the toxic release ({cause}) is never measured (the chemicals are known only when the records are disclosed, hazard.toxic.disclosed_at_h: {s.Hazard.Toxic.DisclosedAtH} h)")
            : $"the toxic release ({cause}) is never measured, and the chemicals are never identified within the horizon",
        TaskKind.Blood => $"blood the hospitals give the seriously injured ({cause}) is never restocked (once it is used up, patients go without: blood_shortfall)",
        _ => $"{Name(task)} ({cause}) is never done",
    };

    /// <summary>What else an actor needs to serve <paramref name="task"/>, in the warning's words.</summary>
    private static string Can(TaskKind task) => task == TaskKind.Supplies ? " and holds kits (stock_kits, procured_kits)" : "";

    /// <summary>The actors that have <paramref name="task"/> but cannot serve it, and why, as a parenthesis (or "").</summary>
    private static string Holders(Scenario s, TaskKind task)
    {
        var why = s.Actors.Where(a => a.Tasks.Contains(task)).Select(a =>
            !SectorTraits.Effective(a.Sector, s.Governance.Organisations).Responds ? $"{a.Id} is absent (governance.organisations: absent)"
            : !Fields(s, a) ? $"{a.Id} has no units"
            : $"{a.Id} has no kits").ToList();
        return why.Count == 0 ? "" : $" ({string.Join("; ", why)})";
    }

    private static string Name(TaskKind task) => SchemaCatalog.EnumName(task);
}
