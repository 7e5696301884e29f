namespace CrisisSim.Core.Population;

/// <summary>What has happened to a resident. Dead is absorbing: nothing moves a person out of it.</summary>
public enum PersonState : byte
{
    /// <summary>Not (yet) harmed or displaced.</summary>
    Unaffected = 0,

    /// <summary>Homeless or fled; needs shelter.</summary>
    Displaced = 1,

    /// <summary>Injured and waiting for hospital care.</summary>
    Injured = 2,

    /// <summary>Trapped under rubble; needs rescue.</summary>
    Trapped = 3,

    /// <summary>In a shelter.</summary>
    Sheltered = 4,

    /// <summary>Admitted to hospital.</summary>
    Treated = 5,

    /// <summary>Dead (absorbing).</summary>
    Dead = 6,

    /// <summary>
    /// Injured, in a medical unit on the road to the hospital whose bed is reserved for them (traffic.casualties_by_road);
    /// counted at that hospital. Still untreated: a serious injury's deadline runs on.
    /// </summary>
    InTransit = 7,
}
