using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>Explosions, fire, toxic release, earthquake, flood and responder risk (the kinds: Hazards/HazardCatalog.cs).</summary>
public sealed class HazardSettings
{
    /// <summary>Explosions at recorded times.</summary>
    [Param("explosions", "Explosions, each applying the zones' blast effects scaled by its strength", Max = 50)]
    public List<ExplosionSettings> Explosions { get; set; } = [];

    /// <summary>Fire spread and suppression.</summary>
    [Param("fire", "Fire spread and suppression")]
    public FireSettings Fire { get; set; } = new();

    /// <summary>The toxic release.</summary>
    [Param("toxic", "The toxic release whose identity is unknown until measured or disclosed")]
    public ToxicSettings Toxic { get; set; } = new();

    /// <summary>The earthquake, if any.</summary>
    [Param("earthquake", "An earthquake: shocks that collapse buildings by each zone's quake.shaking and quake.vulnerability, trap and injure their occupants, and cut roads by their landslide_risk")]
    public EarthquakeSettings Earthquake { get; set; } = new();

    /// <summary>The flood, if any.</summary>
    [Param("flood", "A flood: water rising by zone (each zone's flood section), roads cut to vehicles, people trapped in vehicles and underground spaces, rescue that needs boats")]
    public FloodSettings Flood { get; set; } = new();

    /// <summary>Risk to responders working in hazardous zones.</summary>
    [Param("responder_risk", "Risk to responders working in hazardous zones")]
    public ResponderRiskSettings ResponderRisk { get; set; } = new();
}

/// <summary>One explosion.</summary>
public sealed class ExplosionSettings
{
    /// <summary>Time after the first call.</summary>
    [Param("time_h", "Time of the explosion after the first call", Unit = "h", Min = 0, Max = 336, Required = true, Source = "sources.md §1.1: 23:34:06 and 23:34:37 (0.735 h, 0.744 h after 22:50)")]
    public double TimeH { get; set; }

    /// <summary>Multiplies the zones' blast shares.</summary>
    [Param("strength", "Multiplies every zone's blast shares (1 = the zone's stated effects)", Unit = "×", Min = 0, Max = 10, Required = true, Source = "sources.md §1.1: ≈3 t and ≈21 t TNT by seismic record")]
    public double Strength { get; set; }

    /// <summary>Zone where the explosion ignites fire.</summary>
    [Param("zone", "Zone at the centre of the explosion; its fire is set to full intensity", Required = true)]
    public string Zone { get; set; } = "";
}

/// <summary>Fire spread and suppression.</summary>
public sealed class FireSettings
{
    /// <summary>Zone where the fire starts at time 0.</summary>
    [Param("origin", "Zone where the fire burns at time 0 (empty: no initial fire)")]
    public string Origin { get; set; } = "";

    /// <summary>Intensity of the fire at time 0.</summary>
    [Param("initial_intensity", "Fire intensity in the origin zone at time 0 (1 = fully involved)", Unit = "0–1", Min = 0, Max = 1)]
    public double InitialIntensity { get; set; } = 0.3;

    /// <summary>Logistic growth rate of an unsuppressed fire.</summary>
    [Param("growth_per_h", "Logistic growth rate of an unsuppressed fire", Unit = "1/h", Min = 0, Max = 10)]
    public double GrowthPerH { get; set; } = 0.3;

    /// <summary>Rate at which a fire above half intensity ignites neighbouring zones.</summary>
    [Param("spread_per_h", "Intensity a fully involved zone adds per hour to each neighbouring cordoned zone", Unit = "1/h", Min = 0, Max = 10)]
    public double SpreadPerH { get; set; } = 0.05;

    /// <summary>Intensity removed per hour by one working fire unit.</summary>
    [Param("suppression_per_unit_h", "Fire intensity one working fire unit removes per hour", Unit = "1/h", Min = 0, Max = 10, Source = "calibrated to sources.md §1.1: open flames out 14 Aug 16:40 (~42 h after the first call)")]
    public double SuppressionPerUnitH { get; set; } = 0.004;

    /// <summary>Below this intensity a fire is out.</summary>
    [Param("out_below", "Intensity below which a fire is out", Unit = "0–1", Min = 0, Max = 1)]
    public double OutBelow { get; set; } = 0.02;

    /// <summary>Flare-ups at given times.</summary>
    [Param("flareups", "Flare-ups: fire set back to a given intensity at a given time", Max = 100)]
    public List<FlareUpSettings> FlareUps { get; set; } = [];
}

/// <summary>A flare-up.</summary>
public sealed class FlareUpSettings
{
    /// <summary>When.</summary>
    [Param("time_h", "Time of the flare-up", Unit = "h", Min = 0, Max = 336, Required = true, Source = "sources.md §1.1: 15 Aug ~11:40 (~61 h)")]
    public double TimeH { get; set; }

    /// <summary>Where.</summary>
    [Param("zone", "Zone that flares up", Required = true)]
    public string Zone { get; set; } = "";

    /// <summary>Intensity it returns to.</summary>
    [Param("intensity", "Fire intensity the zone is raised to", Unit = "0–1", Min = 0, Max = 1, Required = true)]
    public double Intensity { get; set; }
}

/// <summary>The toxic release.</summary>
public sealed class ToxicSettings
{
    /// <summary>Whether a toxic release is present.</summary>
    [Param("present", "Whether hazardous chemicals are present")]
    public bool Present { get; set; } = true;

    /// <summary>Zones contaminated.</summary>
    [Param("zones", "Zones where the chemicals make work hazardous", Max = 200)]
    public List<string> Zones { get; set; } = [];

    /// <summary>Time the operator's inventory reaches the environment department without measurement.</summary>
    [Param("disclosed_at_h", "Time at which the chemicals' identity reaches every monitoring actor from records (operator disclosure); a large value means never", Unit = "h", Min = 0, Max = 100_000, Source = "sources.md §1.1: sodium cyanide confirmed ~82 h after the blast (the blast came 0.7 h after the first call; the figure is approximate)")]
    public double DisclosedAtH { get; set; } = 82;

    /// <summary>Chance per hour that one monitoring unit working in a contaminated zone identifies the chemicals.</summary>
    [Param("identify_per_unit_h", "Probability per hour that one monitoring unit working in a contaminated zone identifies the chemicals", Unit = "1/h", Min = 0, Max = 1)]
    public double IdentifyPerUnitH { get; set; } = 0.01;
}

/// <summary>Risk to responders.</summary>
public sealed class ResponderRiskSettings
{
    /// <summary>Death rate per responder-hour at full fire intensity or in a contaminated zone, when informed.</summary>
    [Param("death_rate_per_h", "Deaths per responder-hour worked in a zone at full fire intensity or contamination, when the dispatcher knows the hazard", Unit = "1/h", Min = 0, Max = 1)]
    public double DeathRatePerH { get; set; } = 0.0005;

    /// <summary>Multiplier on that rate when the dispatcher does not know the chemicals' identity.</summary>
    [Param("uninformed_multiplier", "Multiplier on the death rate for responders whose dispatcher does not know the chemicals' identity", Unit = "×", Min = 1, Max = 100, Source = "sources.md §1.7: hazard information did not reach dispatch; 104 of 173 dead were firefighters")]
    public double UninformedMultiplier { get; set; } = 4;

    /// <summary>Share of blast exposure that informed responders keep (they stand off).</summary>
    [Param("informed_blast_exposure", "Share of a zone's blast effect on responders when their dispatcher knows the chemicals' identity (they keep a safety distance)", Unit = "share", Min = 0, Max = 1)]
    public double InformedBlastExposure { get; set; } = 0.3;
}
