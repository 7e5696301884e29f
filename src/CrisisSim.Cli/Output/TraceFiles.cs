using System.Text.Json;
using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Output;

/// <summary>
/// The files of a traced run (run --trace): events.csv as the events happen, zones.csv and units.csv after every tick,
/// and map.json (zones, roads, nodes) once: what crisissim view plays back. runs.csv and ticks.csv are not touched.
/// </summary>
public sealed class TraceFiles : IDisposable
{
    private readonly CsvTable _events;
    private readonly CsvTable _zones;
    private readonly CsvTable _units;
    private readonly string _mapPath;
    private readonly double _tickHours;
    private readonly List<UnitGroup> _groups = [];
    private string[] _zoneIds = [];
    private string[] _nodeIds = [];
    private ZoneRecord[] _records = [];

    private TraceFiles(Func<string, string> file, Scenario scenario)
    {
        _tickHours = scenario.Time.TickMinutes / 60.0;
        _mapPath = file(FileNames.Map);
        _events = new CsvTable(file(FileNames.Events), ResultFiles.EventsHeader);
        _zones = new CsvTable(file(FileNames.Zones), ZonesHeader);
        _units = new CsvTable(file(FileNames.Units), UnitsHeader);
        Events = new EventsCsvSink(_events, 0, _tickHours, scenario);
    }

    /// <summary>The zones.csv header: run, tick, hours since the first call, zone, then every column of <see cref="ZoneRecord"/>.</summary>
    public static IReadOnlyList<string> ZonesHeader { get; } = ["run_id", "tick", "time_h", "zone", .. ZoneRecord.Declared.Select(d => d.Info.Name)];

    /// <summary>The units.csv header.</summary>
    public static IReadOnlyList<string> UnitsHeader { get; } = ["run_id", "tick", "time_h", "actor", "state", "zone", "target", "units", "members"];

    /// <summary>The receiver of the run's events (events.csv).</summary>
    public EventsCsvSink Events { get; }

    /// <summary>Opens the trace's tables in a run's folder (<paramref name="file"/> names a file in it).</summary>
    public static TraceFiles Open(Func<string, string> file, Scenario scenario) => new(file, scenario);

    /// <summary>Writes map.json for the run <paramref name="sim"/> (before its first tick): zones with their scaled residents and capacities and map positions, roads, nodes.</summary>
    public void WriteMap(Simulation sim, Scenario scenario)
    {
        _zoneIds = sim.ZoneIds;
        _nodeIds = sim.Nodes.Ids;
        _records = new ZoneRecord[_zoneIds.Length];
        using var stream = File.Create(_mapPath);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("scenario_name", scenario.Name);
        json.WriteNumber("tick_hours", _tickHours);
        json.WriteNumber("ticks", sim.TickCount);
        json.WriteStartArray("zones");
        for (int z = 0; z < _zoneIds.Length; z++)
        {
            WriteZone(json, scenario.Zones[z], sim.Zones, z);
        }

        json.WriteEndArray();
        json.WriteStartArray("roads");
        foreach (var r in scenario.Roads)
        {
            json.WriteStartObject();
            json.WriteString("from", r.From);
            json.WriteString("to", r.To);
            json.WriteNumber("travel_time_h", r.TravelTimeH);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNodes(json, sim.Nodes, scenario);
        json.WriteEndObject();
        json.Flush();
        stream.Write("\n"u8);
    }

    private static void WriteZone(Utf8JsonWriter json, ZoneSettings zone, Core.World.ZoneState state, int z)
    {
        json.WriteStartObject();
        json.WriteString("id", zone.Id);
        json.WriteString("kind", SchemaCatalog.EnumName(zone.Kind));
        json.WriteNumber("residents", state.InitialResidents[z]);
        json.WriteBoolean("cordoned", zone.Cordoned);
        json.WriteNumber("shelter_capacity", state.ShelterCapacity[z]);
        json.WriteNumber("beds", state.Beds[z]);
        if (zone.Map is { } at)
        {
            json.WriteStartObject("map");
            json.WriteNumber("x_km", at.XKm);
            json.WriteNumber("y_km", at.YKm);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("map");
        }

        json.WriteEndObject();
    }

    /// <summary>The nodes in events.csv's naming: the command, the actors (sector, tasks, base zone), the rule's coordinators.</summary>
    private static void WriteNodes(Utf8JsonWriter json, Nodes nodes, Scenario scenario)
    {
        json.WriteStartArray("nodes");
        for (int n = 0; n < nodes.Count; n++)
        {
            var actor = nodes.IsActor(n) ? scenario.Actors[n - Nodes.FirstActor] : null;
            json.WriteStartObject();
            json.WriteString("id", nodes.Ids[n]);
            json.WriteString("sector", actor is not null ? SchemaCatalog.EnumName(actor.Sector) : n < Nodes.FirstActor ? "command" : "coordinator");
            json.WriteStartArray("tasks");
            foreach (var t in actor?.Tasks ?? [])
            {
                json.WriteStringValue(SchemaCatalog.EnumName(t));
            }

            json.WriteEndArray();
            json.WriteString("base", actor?.Base ?? "");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The zones.csv and units.csv rows of the tick <paramref name="sim"/> just simulated.</summary>
    public void WriteTick(Simulation sim)
    {
        int tick = sim.Tick - 1;
        double timeH = Math.Round(sim.Tick * _tickHours, 6); // the end of the tick, as ticks.csv's time_h
        sim.DescribeZones(_records);
        for (int z = 0; z < _records.Length; z++)
        {
            Lead(_zones, tick, timeH);
            _zones.Text(_zoneIds[z]);
            foreach (var (_, value) in ZoneRecord.Declared)
            {
                _zones.Number(value(_records[z]));
            }

            _zones.EndRow();
        }

        sim.DescribeUnits(_groups);
        foreach (var g in _groups)
        {
            Lead(_units, tick, timeH);
            _units.Text(_nodeIds[g.Node]);
            _units.Text(g.State.ToString().ToLowerInvariant());
            _units.Text(_zoneIds[g.Zone]);
            _units.Text(g.Target >= 0 ? _zoneIds[g.Target] : "");
            _units.Integer(g.Units);
            _units.Integer(g.Members);
            _units.EndRow();
        }
    }

    private static void Lead(CsvTable table, int tick, double timeH)
    {
        table.Integer(0);
        table.Integer(tick);
        table.Number(timeH);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _events.Dispose();
        _zones.Dispose();
        _units.Dispose();
    }
}
