using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.World;

/// <summary>
/// The physical state of each zone — fire, contamination, capacities and stocks — as parallel arrays
/// indexed by zone (few zones, touched every tick: arrays keep the phases branch-light and allocation-free).
/// </summary>
public sealed class ZoneState
{
    /// <summary>
    /// Builds zone state from the scenario, applying population.scale to residents and population.capacity_scale
    /// (population.scale in scale_mode city, else 1) to shelter places, beds, blood and storage. A shelter's
    /// opening time becomes a tick with <paramref name="tickHours"/> hours per tick. Sites start without kits
    /// and zones without fire.
    /// </summary>
    public ZoneState(Scenario scenario, double tickHours)
    {
        int n = scenario.Zones.Count;
        Kind = new ZoneKind[n];
        Cordoned = new bool[n];
        Visibility = new double[n];
        ShelterCapacity = new int[n];
        ShelterOpensTick = new int[n];
        Beds = new int[n];
        BedsUsed = new int[n];
        BedsFreed = new int[n];
        Blood = new double[n];
        BloodTarget = new double[n];
        StorageKits = new double[n];
        Kits = new double[n];
        Fire = new double[n];
        Contaminated = new bool[n];
        BlastExposed = new bool[n];
        WaterDepthM = new double[n];
        InitialResidents = new int[n];
        CopySettings(scenario, tickHours);
        var ids = scenario.Zones.Select(z => z.Id).ToList();
        foreach (string id in scenario.Hazard.Toxic.Zones)
        {
            Contaminated[ids.IndexOf(id)] = scenario.Hazard.Toxic.Present;
        }

        (NeighbourStart, Neighbours) = Adjacency(scenario.Roads, ids);
    }

    /// <summary>What each zone is: the kind decides which tasks are expected there and where casualties and the displaced go.</summary>
    public ZoneKind[] Kind { get; }

    /// <summary>Whether the zone is cordoned: organisations that need authorisation may not work there until authorised. Fixed for the run.</summary>
    public bool[] Cordoned { get; }

    /// <summary>How visible the zone is to the public and media (0–1); volunteers and donated kits go to visible zones.</summary>
    public double[] Visibility { get; }

    /// <summary>Shelter places (persons, scaled); the displaced are sheltered while fewer than this are.</summary>
    public int[] ShelterCapacity { get; }

    /// <summary>First tick at which the shelter takes people (opens_h in ticks, rounded down).</summary>
    public int[] ShelterOpensTick { get; }

    /// <summary>Hospital beds for casualties (scaled).</summary>
    public int[] Beds { get; }

    /// <summary>Beds taken by patients now (freed when a stay ends: population.minor_stay_h, serious_stay_h).</summary>
    public int[] BedsUsed { get; }

    /// <summary>Beds freed by discharges so far: patients admitted = beds used + beds freed.</summary>
    public int[] BedsFreed { get; }

    /// <summary>Blood units in stock now: serious admissions use them, the blood task restocks up to <see cref="BloodTarget"/>.</summary>
    public double[] Blood { get; }

    /// <summary>The hospital's stock at time 0 (blood_stock, scaled), which restocking refills to.</summary>
    public double[] BloodTarget { get; }

    /// <summary>Kits the site can hold (storage_kits, scaled); kits delivered beyond it are wasted.</summary>
    public double[] StorageKits { get; }

    /// <summary>Kits in stock now: deliveries and donations add them, sheltered people use them up.</summary>
    public double[] Kits { get; }

    /// <summary>Fire intensity (0–1): set by the hazard phase, spread to neighbours, lowered by suppression.</summary>
    public double[] Fire { get; }

    /// <summary>Whether hazardous chemicals make work there dangerous (a hazard.toxic zone, when the toxic hazard is present).</summary>
    public bool[] Contaminated { get; }

    /// <summary>Whether the disaster strikes the zone's people: any blast share above 0, shaking, or water.</summary>
    public bool[] BlastExposed { get; }

    /// <summary>Water depth now (m), set by the flood each tick; 0 without one.</summary>
    public double[] WaterDepthM { get; }

    /// <summary>Residents at time 0 (residents times population.scale, rounded).</summary>
    public int[] InitialResidents { get; }

    /// <summary>Where each zone's neighbours start in <see cref="Neighbours"/> (CSR layout; one extra entry, the end of the last zone's).</summary>
    public int[] NeighbourStart { get; }

    /// <summary>Zones joined to each zone by at least one road, ascending, zone after zone (see <see cref="NeighbourStart"/>).</summary>
    public int[] Neighbours { get; }

    /// <summary>Fills the per-zone arrays that come straight from each zone's settings.</summary>
    private void CopySettings(Scenario scenario, double tickHours)
    {
        double scale = scenario.Population.CapacityScale;
        for (int z = 0; z < scenario.Zones.Count; z++)
        {
            var zs = scenario.Zones[z];
            Kind[z] = zs.Kind;
            Cordoned[z] = zs.Cordoned;
            Visibility[z] = zs.Visibility;
            ShelterCapacity[z] = (int)Math.Round(zs.ShelterCapacity * scale);
            ShelterOpensTick[z] = (int)Math.Floor((zs.OpensH / tickHours) + 1e-9);
            Beds[z] = (int)Math.Round(zs.Beds * scale);
            Blood[z] = BloodTarget[z] = zs.BloodStock * scale;
            StorageKits[z] = zs.StorageKits * scale;
            InitialResidents[z] = (int)Math.Round(zs.Residents * scenario.Population.Scale);
            var b = zs.Blast;
            bool quakes = scenario.Hazard.Earthquake.Shocks.Count > 0 && zs.Quake.Shaking > 0; // collapses, or homes left unsafe
            BlastExposed[z] = b.Killed + b.Trapped + b.Serious + b.Minor + b.Displaced > 0 || quakes || zs.Flood.Floods;
        }
    }

    /// <summary>The road graph in CSR layout: each zone's distinct neighbours, sorted, and where each zone's run of them starts.</summary>
    private static (int[] Start, int[] Neighbours) Adjacency(List<RoadSettings> roads, List<string> ids)
    {
        int n = ids.Count;
        var adjacency = new List<int>[n];
        for (int z = 0; z < n; z++)
        {
            adjacency[z] = [];
        }

        foreach (var r in roads)
        {
            int a = ids.IndexOf(r.From);
            int c = ids.IndexOf(r.To);
            if (!adjacency[a].Contains(c))
            {
                adjacency[a].Add(c);
                adjacency[c].Add(a);
            }
        }

        var start = new int[n + 1];
        var flat = new List<int>();
        for (int z = 0; z < n; z++)
        {
            start[z] = flat.Count;
            adjacency[z].Sort();
            flat.AddRange(adjacency[z]);
        }

        start[n] = flat.Count;
        return (start, [.. flat]);
    }
}
