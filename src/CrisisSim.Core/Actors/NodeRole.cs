namespace CrisisSim.Core.Actors;

/// <summary>The place of a deciding node in the response.</summary>
public enum NodeRole : byte
{
    /// <summary>The city headquarters (emergency command).</summary>
    Headquarters = 0,

    /// <summary>The district command: first stop of reports and emergency calls.</summary>
    DistrictCommand = 1,

    /// <summary>A government department with field units.</summary>
    Department = 2,

    /// <summary>A social organisation.</summary>
    Organisation = 3,
}
