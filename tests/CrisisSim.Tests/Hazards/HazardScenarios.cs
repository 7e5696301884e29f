using CrisisSim.Core.Scenarios;

namespace CrisisSim.Tests.Hazards;

/// <summary>Small scenarios with one hazard kind each, written out so a test reads what it runs.</summary>
internal static class HazardScenarios
{
    /// <summary>
    /// A town whose low quarter floods from 1 h at 0.5 m/h to 2 m (receding from 10 h at 0.5 m/h), a dry high quarter,
    /// a shelter and a hospital; a fire brigade without boats and a boat team.
    /// </summary>
    public const string FloodText = """
        name: flood test town
        time: {tick_minutes: 10, horizon_h: 24}
        zones:
          low_town:
            kind: residential
            residents: 2000
            visibility: 0.5
            flood: {rise_start_h: 1, rise_m_per_h: 0.5, peak_depth_m: 2, recede_start_h: 10, recede_m_per_h: 0.5, exposed_share: 0.1}
          high_town: {kind: residential, residents: 1000, visibility: 0.2}
          shelter: {kind: shelter, shelter_capacity: 2000, storage_kits: 5000}
          hospital: {kind: hospital, beds: 300, blood_stock: 100}
          staging: {kind: staging}
        roads:
          - {from: staging, to: low_town, travel_time_h: 0.3, capacity_vehicles_h: 300}
          - {from: staging, to: high_town, travel_time_h: 0.3, capacity_vehicles_h: 300}
          - {from: low_town, to: high_town, travel_time_h: 0.2, capacity_vehicles_h: 300}
          - {from: high_town, to: shelter, travel_time_h: 0.2, capacity_vehicles_h: 300}
          - {from: staging, to: hospital, travel_time_h: 0.2, capacity_vehicles_h: 300}
        hazard:
          toxic: {present: false}
          flood: {road_cut_depth_m: 0.3, boat_depth_m: 0.8, trapping_depth_m: 0.5, drowned_share: 0.2, trapped_median_survival_h: 4, displaced_share: 0.3}
        actors:
          fire: {sector: government, tasks: [rescue], units: 10, members_per_unit: 6, arrival_start_h: 0.5, arrival_end_h: 2, base: staging}
          boat_team: {sector: government, tasks: [rescue], units: 4, members_per_unit: 6, boats: true, arrival_start_h: 0.5, arrival_end_h: 2, base: staging}
          health: {sector: government, tasks: [medical], units: 10, members_per_unit: 3, arrival_start_h: 0.5, arrival_end_h: 2, base: hospital}
          police: {sector: government, tasks: [shelter], units: 10, members_per_unit: 5, work_rate_per_h: 4, arrival_start_h: 0.5, arrival_end_h: 2, base: staging}
          publicity: {sector: government, tasks: [information], units: 0, base: staging}
        """;

    /// <summary>
    /// A valley: an epicentral village (full shaking), a town (half) and a city far off (none), a shelter and a
    /// hospital; the only road into the village is certain to be cut by a shock of strength 1.
    /// </summary>
    public const string QuakeText = """
        name: quake test valley
        time: {tick_minutes: 10, horizon_h: 24}
        zones:
          village:
            kind: residential
            residents: 3000
            visibility: 0.5
            quake: {shaking: 1, vulnerability: 0.2}
          town:
            kind: residential
            residents: 5000
            visibility: 0.5
            quake: {shaking: 0.5, vulnerability: 0.1}
          city: {kind: residential, residents: 4000, visibility: 0.1}
          shelter: {kind: shelter, shelter_capacity: 5000, storage_kits: 5000}
          hospital: {kind: hospital, beds: 500, blood_stock: 100}
          staging: {kind: staging}
        roads:
          - {from: town, to: village, travel_time_h: 0.5, capacity_vehicles_h: 200, landslide_risk: 1}
          - {from: staging, to: town, travel_time_h: 0.5, capacity_vehicles_h: 300}
          - {from: staging, to: city, travel_time_h: 0.3, capacity_vehicles_h: 300}
          - {from: town, to: shelter, travel_time_h: 0.2, capacity_vehicles_h: 300}
          - {from: staging, to: hospital, travel_time_h: 0.2, capacity_vehicles_h: 300}
        hazard:
          toxic: {present: false}
          earthquake:
            shocks:
              - {time_h: 0, strength: 1}
              - {time_h: 2, strength: 0.3}
            killed_in_collapse: 0.1
            trapped_in_collapse: 0.3
            serious_in_collapse: 0.1
            minor_in_collapse: 0.2
            displaced_by_damage: 0.4
            road_clearance_h: 6
        actors:
          fire: {sector: government, tasks: [rescue], units: 20, members_per_unit: 6, arrival_start_h: 0.2, arrival_end_h: 3, base: staging}
          health: {sector: government, tasks: [medical], units: 20, members_per_unit: 3, arrival_start_h: 0.5, arrival_end_h: 3, base: hospital}
          police: {sector: government, tasks: [shelter], units: 10, members_per_unit: 5, work_rate_per_h: 4, arrival_start_h: 0.5, arrival_end_h: 3, base: staging}
          publicity: {sector: government, tasks: [information], units: 0, base: staging}
        """;

    public static Scenario Flood(params string[] overrides) => ScenarioLoader.Load(FloodText, "flood.yaml", overrides).Scenario;

    public static Scenario Quake(params string[] overrides) => ScenarioLoader.Load(QuakeText, "quake.yaml", overrides).Scenario;
}
