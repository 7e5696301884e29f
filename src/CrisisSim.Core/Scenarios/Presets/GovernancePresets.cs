using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios.Presets;

/// <summary>A governance arrangement a scenario or an experiment arm can select as a whole (<c>governance.preset</c>).</summary>
public enum GovernancePresetName
{
    /// <summary>No preset: every governance value is the file's or the code's default.</summary>
    [YamlName("none")] None,

    /// <summary>China in 2015, as the Tianjin 8·12 response recorded it.</summary>
    [YamlName("china-2015")] China2015,

    /// <summary>China today: the Ministry of Emergency Management (2018) and the rules on social emergency forces.</summary>
    [YamlName("china-today")] ChinaToday,

    /// <summary>The United States: NIMS/ICS with VOAD coordination.</summary>
    [YamlName("us-nims-ics")] UsNimsIcs,

    /// <summary>Japan: disaster volunteer centres run by the social welfare councils.</summary>
    [YamlName("japan-volunteer-centres")] JapanVolunteerCentres,

    /// <summary>Germany: integrated civil protection, the aid organisations inside the disaster-control command.</summary>
    [YamlName("germany-civil-protection")] GermanyCivilProtection,
}

/// <summary>One value of a preset: the scenario path it sets, its value as YAML text, and where the value comes from.</summary>
/// <param name="Path">Dotted scenario path (every preset sets the same paths, <see cref="GovernancePresets.Paths"/>).</param>
/// <param name="Value">The value, as it would be written in a scenario file.</param>
/// <param name="Source">A fact with its section of docs/cases/governance-arrangements.md or docs/sources.md, or "assumption: why".</param>
public sealed record PresetValue(string Path, string Value, string Source);

/// <summary>A governance arrangement: its name, a one-line description, and the values it sets.</summary>
/// <param name="Name">What <c>governance.preset</c> takes.</param>
/// <param name="Title">A short title for tables.</param>
/// <param name="Summary">How the arrangement integrates social organisations, in one sentence.</param>
/// <param name="Values">The values it sets, one per path of <see cref="GovernancePresets.Paths"/>.</param>
public sealed record GovernancePreset(GovernancePresetName Name, string Title, string Summary, IReadOnlyList<PresetValue> Values)
{
    /// <summary>The spelling in a scenario file.</summary>
    public string Key => SchemaCatalog.EnumName(Name);
}

/// <summary>
/// The governance arrangements of the thesis's comparison as presets: each sets the same governance and communication
/// values, from the sources in docs/cases/governance-arrangements.md. Selecting one is shorthand for writing its values
/// where <c>governance.preset</c> is written, before the other values of that place: in a file, the file's own values
/// win over the preset's; in an override (an experiment arm, <c>--set</c>), the preset's values replace the file's and
/// the override's other values replace the preset's (<see cref="PresetExpansion"/>).
/// </summary>
public static partial class GovernancePresets
{
    /// <summary>The paths every preset sets (the thesis's levers that are properties of an arrangement, not of a case).</summary>
    public static readonly IReadOnlyList<string> Paths =
    [
        "governance.mode",
        "governance.communication",
        "governance.trust",
        "governance.responsibility_clarity",
        "governance.register_volunteers",
        "governance.legal.authorisation_delay_h",
        "governance.legal.permitted_task_share",
        "communication.platform.members",
    ];

    /// <summary>Every preset but <see cref="GovernancePresetName.None"/>, in the enum's order.</summary>
    public static IReadOnlyList<GovernancePreset> All { get; } = Catalog();

    /// <summary>The preset named <paramref name="name"/>, or null for <see cref="GovernancePresetName.None"/>.</summary>
    public static GovernancePreset? Find(GovernancePresetName name) => All.FirstOrDefault(p => p.Name == name);
}
