namespace CrisisSim.Core.Scenarios.Presets;

/// <summary>
/// The presets' values, each with its source: a section and reference of docs/cases/governance-arrangements.md (GA), or
/// "assumption" with its reason. No source gives trust, clarity or a permitted share as a number (GA, introduction): those
/// values order the arrangements by what the sources describe, with China 2015 at the Tianjin scenario's values.
/// </summary>
public static partial class GovernancePresets
{
    private const string Ga = "governance-arrangements.md ";

    private static List<GovernancePreset> Catalog() =>
    [
        new(GovernancePresetName.China2015, "China, 2015",
            "A single government: organisations outside the command, only professional teams guided into the rescue, the Youth League's hub under the command's deployment, no shared platform",
            [
                new("governance.mode", "single-government", Ga + "§4 [C2]: government-led; other social forces not to enter the disaster area on their own"),
                new("governance.communication", "hierarchical", Ga + "§4 [C1], [C2]: unified leadership, territorial management"),
                new("governance.trust", "0.6", "the built-in Tianjin scenario (sources.md §2.1: 0.3–0.9)"),
                new("governance.responsibility_clarity", "0.7", "the built-in Tianjin scenario (sources.md §2.1)"),
                new("governance.register_volunteers", "false", Ga + "§4: no registration of converging volunteers at Tianjin (sources.md §1.6)"),
                new("governance.legal.authorisation_delay_h", "12", "the built-in Tianjin scenario (sources.md §2.1: 0–24 h)"),
                new("governance.legal.permitted_task_share", "0.7", "the built-in Tianjin scenario (sources.md §2.1: 0.3–1)"),
                new("communication.platform.members", "none", Ga + "§4: no shared platform existed in 2015"),
            ]),
        new(GovernancePresetName.ChinaToday, "China today",
            "Co-governance through an on-site coordination desk for social emergency forces (Ministry of Emergency Management, 2018 on): teams register online and get passes on the headquarters' instructions",
            [
                new("governance.mode", "co-governance", Ga + "§5 [C8], [C10]: social forces coordinated by the headquarters"),
                new("governance.communication", "liaison", Ga + "§5 [C8]: an on-site coordination mechanism led by the emergency management bureau"),
                new("governance.trust", "0.6", "assumption: unchanged from 2015, no evidence either way (" + Ga + "§5)"),
                new("governance.responsibility_clarity", "0.75", "assumption: the coordination desk assigns rescue areas and priorities (" + Ga + "§5 [C8])"),
                new("governance.register_volunteers", "true", Ga + "§5 [C9]: teams and volunteers register online with the coordination centre"),
                new("governance.legal.authorisation_delay_h", "5", Ga + "§5 [C11]: Lushan 2022, county coordination centres open 5 h after the quake; passes on the HQ's instructions [C10]"),
                new("governance.legal.permitted_task_share", "0.7", "assumption: as in 2015, no source gives a share (" + Ga + "§5)"),
                new("communication.platform.members", "none", "assumption: a coordination desk, not a live shared platform (" + Ga + "§5)"),
            ]),
        new(GovernancePresetName.UsNimsIcs, "United States: NIMS/ICS with VOAD",
            "Co-governance through the incident commander's Liaison Officer; voluntary organisations are VOAD members in advance with a seat in the operations centre; spontaneous volunteers are registered at a reception centre",
            [
                new("governance.mode", "co-governance", Ga + "§1 [U1], [U2]: NIMS is a common template for government, NGOs and the private sector"),
                new("governance.communication", "liaison", Ga + "§1 [U3]: the Liaison Officer is the incident commander's point of contact for NGOs"),
                new("governance.trust", "0.7", "assumption: peacetime membership and exercises, the VOAD's '4 Cs' (" + Ga + "§1 [U5])"),
                new("governance.responsibility_clarity", "0.8", "assumption: ICS positions and emergency support function leads are defined in advance (" + Ga + "§1 [U7])"),
                new("governance.register_volunteers", "true", Ga + "§1 [U9]: a Volunteer Reception Center signs up and matches spontaneous volunteers"),
                new("governance.legal.authorisation_delay_h", "2", "assumption: members credentialed in advance (" + Ga + "§1 [U3]); no source gives an access delay"),
                new("governance.legal.permitted_task_share", "0.8", "assumption: (" + Ga + "§1) no source gives a share"),
                new("communication.platform.members", "government", "assumption: the operations centre's shared picture among agencies (" + Ga + "§1)"),
            ]),
        new(GovernancePresetName.JapanVolunteerCentres, "Japan: disaster volunteer centres",
            "Co-governance through a volunteer centre run by the municipal social welfare council, which registers volunteers and matches them to needs; rescue stays with public forces",
            [
                new("governance.mode", "co-governance", Ga + "§2 [J5]: Disaster Countermeasures Basic Act art. 5-3, cooperation with volunteers"),
                new("governance.communication", "liaison", Ga + "§2 [J8]: the centre and information-sharing meetings link the municipality and NPOs"),
                new("governance.trust", "0.7", "assumption: peacetime agreements between municipalities and councils (" + Ga + "§2 [J2])"),
                new("governance.responsibility_clarity", "0.7", "assumption: intermediary coordination has no legal basis (" + Ga + "§2 [J9])"),
                new("governance.register_volunteers", "true", Ga + "§2 [J10]: the centre registers each volunteer"),
                new("governance.legal.authorisation_delay_h", "24", Ga + "§2 [J13], [J1]: centres open about one to three days after the event"),
                new("governance.legal.permitted_task_share", "0.5", "assumption: centres' tasks are shelter support, clearing houses and needs surveys (" + Ga + "§2 [J10])"),
                new("communication.platform.members", "none", "assumption: meetings, not a live platform (" + Ga + "§2)"),
            ]),
        new(GovernancePresetName.GermanyCivilProtection, "Germany: integrated civil protection",
            "The recognised aid organisations and THW are part of the disaster-control system under the county's unified command; spontaneous helpers are not",
            [
                new("governance.mode", "co-governance", Ga + "§3 [D1]: the county brings all forces under unified command"),
                new("governance.communication", "hierarchical", Ga + "§3 [D1], [D4]: the aid organisations' units inside the command structure"),
                new("governance.trust", "0.8", "assumption: statutory, funded partners (" + Ga + "§3 [D4])"),
                new("governance.responsibility_clarity", "0.8", "assumption: statutory roles (" + Ga + "§3); the Ahr valley's confusion over spontaneous helpers [D10] is a reason for lower values"),
                new("governance.register_volunteers", "false", Ga + "§3 [D8], [D10]: spontaneous helpers in the Ahr valley were bused in by a private initiative, outside the system"),
                new("governance.legal.authorisation_delay_h", "0", "assumption: units dispatched by the authority need no separate authorisation (" + Ga + "§3 [D5])"),
                new("governance.legal.permitted_task_share", "1", "assumption: an integrated unit takes any task of its type (" + Ga + "§3)"),
                new("communication.platform.members", "government", "assumption: a common staff picture; THW liaison persons sit in the staffs (" + Ga + "§3 [D6])"),
            ]),
    ];
}
