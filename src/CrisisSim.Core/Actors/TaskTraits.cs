using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// What the engine needs to know of each task kind, as data: the phases read these lists instead of keeping their own.
/// A new field task is a new <see cref="TaskKind"/> value (before <see cref="TaskKind.Information"/>), one row here,
/// and its work and need in the work phase.
/// </summary>
/// <param name="Kind">The task.</param>
/// <param name="TriageRank">
/// Order in which a unit that can do several tasks considers them (assumption: triage — saving lives first, then the
/// hazard, then care of the displaced); within a task the zone with the most uncovered need per hour of travel wins.
/// </param>
/// <param name="CalledIn">Residents call the emergency number about it.</param>
/// <param name="Released">The broadcaster releases what it believes of it to everyone.</param>
/// <param name="TrackedAsEpisode">Its need episodes are timed for info_latency_mean_h and response_latency_mean_h.</param>
/// <param name="ExpectedZones">Kinds of place an outsider expects the need in (common knowledge: nobody expects blood donations at the blast site).</param>
/// <param name="DecidesOn">
/// Other needs whose beliefs a dispatcher of this task reads when it decides (rescue: the fire, which slows or stops
/// the search), so a reader of the platform follows their topics too.
/// </param>
public sealed record TaskTraits(TaskKind Kind, int TriageRank, bool CalledIn, bool Released, bool TrackedAsEpisode, ZoneKind[] ExpectedZones, TaskKind[] DecidesOn)
{
    private static readonly TaskTraits[] s_table =
    [
        new(TaskKind.Fire, 2, CalledIn: true, Released: false, TrackedAsEpisode: false, [ZoneKind.BlastCore, ZoneKind.PortYard], []),
        new(TaskKind.Rescue, 0, CalledIn: true, Released: true, TrackedAsEpisode: true, [ZoneKind.BlastCore, ZoneKind.PortYard, ZoneKind.Residential], [TaskKind.Fire]),
        new(TaskKind.Medical, 1, CalledIn: true, Released: true, TrackedAsEpisode: true, [ZoneKind.BlastCore, ZoneKind.PortYard, ZoneKind.Residential], []),
        new(TaskKind.Shelter, 4, CalledIn: true, Released: true, TrackedAsEpisode: true, [ZoneKind.Residential], []),
        new(TaskKind.Supplies, 5, CalledIn: true, Released: true, TrackedAsEpisode: true, [ZoneKind.Shelter], []),
        new(TaskKind.Monitoring, 3, CalledIn: false, Released: false, TrackedAsEpisode: false, [ZoneKind.BlastCore, ZoneKind.PortYard], []),
        new(TaskKind.Blood, 6, CalledIn: false, Released: true, TrackedAsEpisode: false, [ZoneKind.Hospital], []),
    ];

    /// <summary>The field tasks (each answers one need), in triage order.</summary>
    public static readonly int[] TriageOrder = [.. s_table.OrderBy(t => t.TriageRank).Select(t => (int)t.Kind)];

    /// <summary>The needs residents call in, in task order.</summary>
    public static readonly int[] CalledInNeeds = [.. s_table.Where(t => t.CalledIn).Select(t => (int)t.Kind)];

    /// <summary>The needs official releases carry, in task order.</summary>
    public static readonly int[] ReleasedNeeds = [.. s_table.Where(t => t.Released).Select(t => (int)t.Kind)];

    /// <summary>The needs whose episodes are timed, in task order.</summary>
    public static readonly int[] EpisodeNeeds = [.. s_table.Where(t => t.TrackedAsEpisode).Select(t => (int)t.Kind)];

    /// <summary>
    /// The needs a node doing the tasks of <paramref name="taskMask"/> decides on, as a bit mask: its tasks' own needs
    /// and every need they decide on (<see cref="DecidesOn"/>).
    /// </summary>
    public static int DecisionNeeds(int taskMask)
    {
        int needs = taskMask;
        foreach (var traits in s_table)
        {
            if ((taskMask & (1 << (int)traits.Kind)) != 0)
            {
                foreach (var other in traits.DecidesOn)
                {
                    needs |= 1 << (int)other;
                }
            }
        }

        return needs;
    }

    /// <summary>The traits of field task <paramref name="kind"/>.</summary>
    public static TaskTraits Of(TaskKind kind) => s_table[(int)kind];

    /// <summary>Whether an outsider expects this need in a zone of <paramref name="zone"/> kind.</summary>
    public bool IsExpectedIn(ZoneKind zone) => Array.IndexOf(ExpectedZones, zone) >= 0;
}
