using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.World;

/// <summary>
/// The physical state of each zone — fire, contamination, capacities and stocks — as parallel arrays
/// indexed by zone (few zones, touched every tick: arrays keep the phases branch-light and allocation-free).
/// </summary>
public sealed class ZoneState
{
    /// <summary>Builds zone state from the scenario, applying population.scale to people and (in scale_mode city) capacities.</summary>
    public ZoneState(Scenario scenario, double tickHours)
    {
        int n = scenario.Zones.Count;
        double scale = scenario.Population.CapacityScale;
        Kind = new ZoneKind[n];
        Cordoned = new bool[n];
        Visibility = new double[n];
        ShelterCapacity = new int[n];
        ShelterOpensTick = new int[n];
        Beds = new int[n];
        BedsUsed = new int[n];
        Blood = new double[n];
        BloodTarget = new double[n];
        StorageKits = new double[n];
        Kits = new double[n];
        Fire = new double[n];
        Contaminated = new bool[n];
        BlastExposed = new bool[n];
        InitialResidents = new int[n];
        var adjacency = new List<int>[n];
        for (int z = 0; z < n; z++)
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
            BlastExposed[z] = b.Killed + b.Trapped + b.Serious + b.Minor + b.Displaced > 0;
            adjacency[z] = [];
        }

        var ids = scenario.Zones.Select(z => z.Id).ToList();
        foreach (string id in scenario.Hazard.Toxic.Zones)
        {
            Contaminated[ids.IndexOf(id)] = scenario.Hazard.Toxic.Present;
        }

        foreach (var r in scenario.Roads)
        {
            int a = ids.IndexOf(r.From);
            int c = ids.IndexOf(r.To);
            if (!adjacency[a].Contains(c))
            {
                adjacency[a].Add(c);
                adjacency[c].Add(a);
            }
        }

        NeighbourStart = new int[n + 1];
        var flat = new List<int>();
        for (int z = 0; z < n; z++)
        {
            NeighbourStart[z] = flat.Count;
            adjacency[z].Sort();
            flat.AddRange(adjacency[z]);
        }

        NeighbourStart[n] = flat.Count;
        Neighbours = [.. flat];
    }

    /// <summary>Kind of each zone.</summary>
    public ZoneKind[] Kind { get; }

    /// <summary>Whether organisations need authorisation to work there.</summary>
    public bool[] Cordoned { get; }

    /// <summary>Visibility to the public (0–1).</summary>
    public double[] Visibility { get; }

    /// <summary>Shelter places.</summary>
    public int[] ShelterCapacity { get; }

    /// <summary>Tick the shelter opens.</summary>
    public int[] ShelterOpensTick { get; }

    /// <summary>Hospital beds.</summary>
    public int[] Beds { get; }

    /// <summary>Beds occupied by casualties.</summary>
    public int[] BedsUsed { get; }

    /// <summary>Blood units in stock.</summary>
    public double[] Blood { get; }

    /// <summary>Normal blood stock the hospital refills to.</summary>
    public double[] BloodTarget { get; }

    /// <summary>Kits the site can store.</summary>
    public double[] StorageKits { get; }

    /// <summary>Kits in stock at the site.</summary>
    public double[] Kits { get; }

    /// <summary>Fire intensity (0–1).</summary>
    public double[] Fire { get; }

    /// <summary>Whether hazardous chemicals make work there dangerous.</summary>
    public bool[] Contaminated { get; }

    /// <summary>Whether explosions affect the zone's people (any blast share above 0).</summary>
    public bool[] BlastExposed { get; }

    /// <summary>Residents at time 0 after scaling.</summary>
    public int[] InitialResidents { get; }

    /// <summary>Start of each zone's neighbours in <see cref="Neighbours"/> (CSR layout).</summary>
    public int[] NeighbourStart { get; }

    /// <summary>Neighbouring zones, flattened.</summary>
    public int[] Neighbours { get; }
}
