using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// How a sector's nodes behave, as data: the engine asks a node's traits, never its sector. A new sector is a new
/// <see cref="Sector"/> value and one row in <see cref="Of"/>. A node's traits are its sector's, as
/// <c>governance.organisations</c> treats it (<see cref="Effective"/>).
/// </summary>
/// <param name="UnderCommand">
/// Part of the government's chain of command in every governance mode: reports to the district command, reads its
/// inbox at the hierarchy's capacity (others at the liaison's), is authorised everywhere from the start, takes
/// official releases and the command's messages without a trust draw, receives headquarters' tasking orders, and (if
/// it fights fire) hears the first call at time 0.
/// </param>
/// <param name="AsksPermission">
/// Needs the authorities' permission for each task in each zone (drawn once with legal.permitted_task_share) and,
/// if its actor says needs_authorisation, an authorisation to enter cordoned zones.
/// </param>
/// <param name="CountsAsVolunteers">Its members count in volunteers_present, volunteers_idle and idle_volunteer_hours.</param>
/// <param name="GuessesFromMedia">On arrival it believes the needs the media show, by zone visibility (its prior).</param>
/// <param name="Responds">Its units arrive at all (false: they stay absent for the whole run, convergence included).</param>
public readonly record struct SectorTraits(bool UnderCommand, bool AsksPermission, bool CountsAsVolunteers, bool GuessesFromMedia, bool Responds = true)
{
    private static readonly SectorTraits[] s_table = Build();

    /// <summary>The traits of <paramref name="sector"/>.</summary>
    public static SectorTraits Of(Sector sector) => s_table[(int)sector];

    /// <summary>
    /// The traits of a node of <paramref name="sector"/> under the counterfactual <paramref name="organisations"/>: it
    /// acts on the organisation sector only, which is absent (never responds) or absorbed (behaves as semi-official).
    /// </summary>
    public static SectorTraits Effective(Sector sector, OrganisationsSetting organisations) => (sector, organisations) switch
    {
        (Sector.Organisation, OrganisationsSetting.Absent) => Of(sector) with { Responds = false },
        (Sector.Organisation, OrganisationsSetting.Absorbed) => Of(Sector.SemiOfficial),
        _ => Of(sector),
    };

    private static SectorTraits[] Build()
    {
        var table = new SectorTraits[Enum.GetValues<Sector>().Length];
        table[(int)Sector.Government] = new(UnderCommand: true, AsksPermission: false, CountsAsVolunteers: false, GuessesFromMedia: false);
        table[(int)Sector.Organisation] = new(UnderCommand: false, AsksPermission: true, CountsAsVolunteers: true, GuessesFromMedia: true);
        // Under unified deployment: commanded like a department (so neither legal lever, nor trust, acts on it), but its
        // members are volunteers and, like an organisation, it arrives with what the media show (the Red Cross reached a
        // school shelter about 4 h after the blast, before the command's picture could have sent it there).
        table[(int)Sector.SemiOfficial] = new(UnderCommand: true, AsksPermission: false, CountsAsVolunteers: true, GuessesFromMedia: true);
        return table;
    }
}
