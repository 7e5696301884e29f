using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// Where a zone is drawn on the map of <c>crisissim view</c>: km east and north of the scenario's reference point. A
/// picture only: no rule of the model reads it (travel is by the roads' travel times), so adding or moving a position
/// changes no result.
/// </summary>
public sealed class MapPosition
{
    /// <summary>Kilometres east of the reference point (west is negative).</summary>
    [Param("x_km", "Where the zone is drawn on crisissim view's map: km east of the scenario's reference point (negative: west); the built-in scenario's reference point is the Ruihai warehouse. Only drawn, never simulated", Unit = "km", Min = -20_000, Max = 20_000, Required = true, Source = "assumption; the built-in scenario: approximate, from maps of Binhai New Area (blast core at 0, 0; Qihang Jiayuan ~600 m, Haigang Chengjiayuan ~1 km)")]
    public double XKm { get; set; }

    /// <summary>Kilometres north of the reference point (south is negative).</summary>
    [Param("y_km", "Where the zone is drawn on crisissim view's map: km north of the scenario's reference point (negative: south). Only drawn, never simulated", Unit = "km", Min = -20_000, Max = 20_000, Required = true, Source = "assumption; the built-in scenario: approximate, from maps of Binhai New Area")]
    public double YKm { get; set; }
}
