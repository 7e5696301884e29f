using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>An earthquake: a main shock and aftershocks that collapse buildings by the zones' vulnerability and cut roads.</summary>
public sealed class EarthquakeSettings
{
    /// <summary>The main shock and the aftershocks, each at a time and a strength relative to the main shock.</summary>
    [Param("shocks", "The main shock and its aftershocks, each collapsing buildings in every zone by the zone's quake.shaking × quake.vulnerability × the shock's strength, and cutting roads by their landslide_risk; none: no earthquake", Max = 200)]
    public List<ShockSettings> Shocks { get; set; } = [];

    /// <summary>Share of the people in a collapsing building killed at once.</summary>
    [Param("killed_in_collapse", "Share of the people in a collapsing building killed at once", Unit = "share", Min = 0, Max = 1, Source = "assumption, after Coburn & Spence (2002), Earthquake Protection, 2nd ed., ch. 10 (a minority of the occupants trapped by a collapse die at once), set to a quarter of serious_in_collapse by the NOAA ratio (docs/cases/lushan-2013-validation.md: first 0.1, which broke that ratio)")]
    public double KilledInCollapse { get; set; } = 0.05;

    /// <summary>Share of the people in a collapsing building trapped alive.</summary>
    [Param("trapped_in_collapse", "Share of the people in a collapsing building trapped alive in the rubble (they die by the survival curve unless freed)", Unit = "share", Min = 0, Max = 1, Source = "assumption, after Coburn & Spence (2002), ch. 10 (occupants trapped by collapse)")]
    public double TrappedInCollapse { get; set; } = 0.2;

    /// <summary>Share of the people in a collapsing building seriously injured but not trapped.</summary>
    [Param("serious_in_collapse", "Share of the people in a collapsing building seriously injured but able to get out or be carried out", Unit = "share", Min = 0, Max = 1, Source = "assumption, after the NOAA scenario ratio of about 4 serious injuries per death (Seligson et al., History of engineering-based earthquake casualty modeling): 4 × killed_in_collapse")]
    public double SeriousInCollapse { get; set; } = 0.2;

    /// <summary>Share of the people in a collapsing building lightly injured.</summary>
    [Param("minor_in_collapse", "Share of the people in a collapsing building lightly injured (the rest of them get out unhurt and are displaced)", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double MinorInCollapse { get; set; } = 0.3;

    /// <summary>Share of the people in standing buildings displaced (unsafe homes) at full shaking and strength.</summary>
    [Param("displaced_by_damage", "Share of the people in buildings that stand who leave them as unsafe (displaced, needing shelter), at full shaking and a shock of strength 1; scaled by both", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double DisplacedByDamage { get; set; } = 0.5;

    /// <summary>Hours to clear a road a shock cut.</summary>
    [Param("road_clearance_h", "Hours from a shock until a road it cut by landslide is cleared and reopens", Unit = "h", Min = 0.1, Max = 1000, Source = "docs/cases/lushan-2013.md §1, §6: S210 Lushan–Baoxing reopened about 34 h after the main shock, after 17 h of work")]
    public double RoadClearanceH { get; set; } = 24;
}

/// <summary>One shock of an earthquake.</summary>
public sealed class ShockSettings
{
    /// <summary>Time of the shock.</summary>
    [Param("time_h", "Time of the shock after time 0", Unit = "h", Min = 0, Max = 336, Required = true)]
    public double TimeH { get; set; }

    /// <summary>Strength relative to the main shock.</summary>
    [Param("strength", "Strength relative to the main shock (1): multiplies every zone's collapse and displacement shares and every road's landslide risk", Unit = "×", Min = 0, Max = 1, Required = true)]
    public double Strength { get; set; }
}

/// <summary>How an earthquake shakes one zone.</summary>
public sealed class ZoneQuakeSettings
{
    /// <summary>Shaking at the zone relative to the strongest.</summary>
    [Param("shaking", "Shaking in the zone relative to the epicentral area (1 = the strongest intensity of the main shock)", Unit = "0–1", Min = 0, Max = 1)]
    public double Shaking { get; set; }

    /// <summary>Share of residents in buildings that collapse at full shaking.</summary>
    [Param("vulnerability", "Share of the zone's residents who are in buildings that collapse at full shaking and a shock of strength 1 (the building stock's vulnerability)", Unit = "share", Min = 0, Max = 1)]
    public double Vulnerability { get; set; }
}

/// <summary>A flood: water rising by zone over hours, roads cut, people trapped in vehicles and underground spaces.</summary>
public sealed class FloodSettings
{
    /// <summary>Water depth at which a road is impassable to vehicles.</summary>
    [Param("road_cut_depth_m", "Water depth at either end of a road from which vehicles cannot use it (boat teams can)", Unit = "m", Min = 0.01, Max = 10, Source = "assumption: 0.3 m of moving water floats a car (common flood-safety guidance)")]
    public double RoadCutDepthM { get; set; } = 0.3;

    /// <summary>Water depth above which rescue in a zone needs boats.</summary>
    [Param("boat_depth_m", "Water depth in a zone from which only units with boats can rescue there", Unit = "m", Min = 0.01, Max = 10, Source = "assumption: waist-deep water (about 0.8 m) stops rescue on foot")]
    public double BoatDepthM { get; set; } = 0.8;

    /// <summary>Water depth at which exposed people are trapped.</summary>
    [Param("trapping_depth_m", "Water depth at which the zone's exposed people (in vehicles, underpasses, basements, the metro) are trapped", Unit = "m", Min = 0.01, Max = 10, Source = "assumption")]
    public double TrappingDepthM { get; set; } = 0.5;

    /// <summary>Share of the exposed who drown at once.</summary>
    [Param("drowned_share", "Share of the exposed people who drown as they are trapped (the rest wait for rescue)", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double DrownedShare { get; set; } = 0.1;

    /// <summary>Median survival of a person trapped by water.</summary>
    [Param("trapped_median_survival_h", "Median time a person trapped by rising water survives without rescue (exponential; the rubble survival curve does not apply)", Unit = "h", Min = 0.1, Max = 1000, Source = "assumption: hours, not days (docs/cases/zhengzhou-2021.md: metro line 5 and the Jingguang tunnel)")]
    public double TrappedMedianSurvivalH { get; set; } = 4;

    /// <summary>Share of the unexposed residents displaced once the water reaches them.</summary>
    [Param("displaced_share", "Share of the zone's other residents who leave flooded homes (displaced, needing shelter) when the water passes trapping_depth_m", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double DisplacedShare { get; set; } = 0.3;

    /// <summary>How much slower boat teams cross a flooded road.</summary>
    [Param("boat_travel_factor", "Multiplier on a flooded road's free travel time for boat teams (they cross water vehicles cannot)", Unit = "×", Min = 0.1, Max = 100, Source = "assumption")]
    public double BoatTravelFactor { get; set; } = 2;
}

/// <summary>How the water rises and falls in one zone.</summary>
public sealed class ZoneFloodSettings
{
    /// <summary>When the water starts to rise.</summary>
    [Param("rise_start_h", "Time the water starts to rise in the zone", Unit = "h", Min = 0, Max = 336)]
    public double RiseStartH { get; set; }

    /// <summary>Rate of rise.</summary>
    [Param("rise_m_per_h", "Rate at which the water rises until it reaches peak_depth_m (0: the zone stays dry)", Unit = "m/h", Min = 0, Max = 10)]
    public double RiseMPerH { get; set; }

    /// <summary>Highest depth.</summary>
    [Param("peak_depth_m", "Highest water depth in the zone", Unit = "m", Min = 0, Max = 20)]
    public double PeakDepthM { get; set; }

    /// <summary>When the water starts to fall.</summary>
    [Param("recede_start_h", "Time from which the water falls at recede_m_per_h (before the peak is reached, it slows the rise instead)", Unit = "h", Min = 0, Max = 100_000)]
    public double RecedeStartH { get; set; } = 100_000;

    /// <summary>Rate of fall.</summary>
    [Param("recede_m_per_h", "Rate at which the water falls after recede_start_h", Unit = "m/h", Min = 0, Max = 10)]
    public double RecedeMPerH { get; set; }

    /// <summary>Share of the residents exposed to being trapped.</summary>
    [Param("exposed_share", "Share of the zone's residents in vehicles, underpasses, basements or the metro when the water reaches them", Unit = "share", Min = 0, Max = 1, Source = "assumption")]
    public double ExposedShare { get; set; }

    /// <summary>Whether water ever rises in the zone.</summary>
    public bool Floods => RiseMPerH > 0 && PeakDepthM > 0;

    /// <summary>Water depth at <paramref name="hours"/>: up at the rise rate to the peak, down at the recession rate from its start.</summary>
    public double DepthAt(double hours)
    {
        double risen = Math.Min(PeakDepthM, RiseMPerH * Math.Max(0, hours - RiseStartH));
        return Math.Max(0, risen - (RecedeMPerH * Math.Max(0, hours - RecedeStartH)));
    }
}
