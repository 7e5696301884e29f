using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// How a sector's nodes behave, as data: the engine asks a node's traits, never its sector. A new sector is a new
/// <see cref="Sector"/> value and one row in <see cref="Of"/>.
/// </summary>
/// <param name="UnderCommand">
/// Part of the government's chain of command in every governance mode: reports to the district command, reads its
/// inbox at the hierarchy's capacity (others at the liaison's), is authorised everywhere from the start, takes
/// official releases without a trust draw, and (if it fights fire) hears the first call at time 0.
/// </param>
/// <param name="AsksPermission">
/// Needs the authorities' permission for each task in each zone (drawn once with legal.permitted_task_share) and,
/// if its actor says needs_authorisation, an authorisation to enter cordoned zones.
/// </param>
/// <param name="CountsAsVolunteers">Its members count in volunteers_present, volunteers_idle and idle_volunteer_hours.</param>
/// <param name="GuessesFromMedia">On arrival it believes the needs the media show, by zone visibility (its prior).</param>
public readonly record struct SectorTraits(bool UnderCommand, bool AsksPermission, bool CountsAsVolunteers, bool GuessesFromMedia)
{
    private static readonly SectorTraits[] s_table = Build();

    /// <summary>The traits of <paramref name="sector"/>.</summary>
    public static SectorTraits Of(Sector sector) => s_table[(int)sector];

    private static SectorTraits[] Build()
    {
        var table = new SectorTraits[Enum.GetValues<Sector>().Length];
        table[(int)Sector.Government] = new(UnderCommand: true, AsksPermission: false, CountsAsVolunteers: false, GuessesFromMedia: false);
        table[(int)Sector.Organisation] = new(UnderCommand: false, AsksPermission: true, CountsAsVolunteers: true, GuessesFromMedia: true);
        return table;
    }
}
