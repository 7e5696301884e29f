using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>Who responds: the government alone, or government and social organisations together.</summary>
public enum GovernanceMode
{
    /// <summary>Organisations act outside the command structure, on their own observation and public broadcasts only.</summary>
    [YamlName("single-government")] SingleGovernment,

    /// <summary>Organisations are integrated through the rule named by governance.communication.</summary>
    [YamlName("co-governance")] CoGovernance,
}

/// <summary>Who uses the shared information platform besides those the communication rule puts on it.</summary>
public enum PlatformMembers
{
    /// <summary>Only those the rule puts on it (under co-governance with the platform rule: every integrated node).</summary>
    [YamlName("none")] None,

    /// <summary>Also every government node (headquarters, the district command, the departments), in either governance mode.</summary>
    [YamlName("government")] Government,

    /// <summary>Also every government node and every organisation, registered or not, in either governance mode.</summary>
    [YamlName("all")] All,
}

/// <summary>What <c>population.scale</c> grows.</summary>
public enum ScaleMode
{
    /// <summary>A bigger city: residents and every capacity (units, shelters, beds, roads, message handling) grow together.</summary>
    [YamlName("city")] City,

    /// <summary>A bigger crisis in the same city: only the residents, and so the demand, grow; every capacity stays at its scale-1 value.</summary>
    [YamlName("demand")] Demand,
}

/// <summary>Sector of an actor group.</summary>
public enum Sector
{
    /// <summary>A government department or unit.</summary>
    [YamlName("government")] Government,

    /// <summary>A social organisation (NGO, foundation, volunteers).</summary>
    [YamlName("organisation")] Organisation,

    /// <summary>
    /// A semi-official body under the government's unified deployment in every governance mode (the Red Cross Society
    /// of China, the Communist Youth League's volunteer hub); its members are volunteers.
    /// </summary>
    [YamlName("semi-official")] SemiOfficial,
}

/// <summary>Kinds of zone in the crisis area.</summary>
public enum ZoneKind
{
    /// <summary>The explosion site (about 1 km).</summary>
    [YamlName("blast_core")] BlastCore,

    /// <summary>Port and logistics yards around the core.</summary>
    [YamlName("port_yard")] PortYard,

    /// <summary>A residential compound.</summary>
    [YamlName("residential")] Residential,

    /// <summary>A shelter (schools, apartment blocks).</summary>
    [YamlName("shelter")] Shelter,

    /// <summary>A hospital or hospital cluster.</summary>
    [YamlName("hospital")] Hospital,

    /// <summary>A staging area where responders gather.</summary>
    [YamlName("staging")] Staging,
}

/// <summary>Kinds of work an actor's units can do; each answers one need.</summary>
public enum TaskKind
{
    /// <summary>Suppress fire (need: fire intensity).</summary>
    [YamlName("fire")] Fire = 0,

    /// <summary>Free trapped people (need: trapped persons).</summary>
    [YamlName("rescue")] Rescue = 1,

    /// <summary>Carry injured people to hospital (need: untreated injured).</summary>
    [YamlName("medical")] Medical = 2,

    /// <summary>Guide displaced people into shelters (need: displaced persons).</summary>
    [YamlName("shelter")] Shelter = 3,

    /// <summary>Deliver water and food kits to shelters (need: kit deficit).</summary>
    [YamlName("supplies")] Supplies = 4,

    /// <summary>Measure the toxic release to identify it (need: unidentified hazard).</summary>
    [YamlName("monitoring")] Monitoring = 5,

    /// <summary>Donate blood at hospitals (need: blood deficit).</summary>
    [YamlName("blood")] Blood = 6,

    /// <summary>Release official information to the public (the broadcaster; no field units).</summary>
    [YamlName("information")] Information = 7,
}
