using System.Text.Json;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Cli.View;

/// <summary>A zone as map.json describes it: kind, residents at time 0 (scaled), capacities and its map position, if the scenario gives one.</summary>
internal sealed record TracedZone(string Id, string Kind, int Residents, bool Cordoned, int ShelterCapacity, int Beds, double? XKm, double? YKm);

/// <summary>A road between two zones, by index, with its free-flow travel time.</summary>
internal sealed record TracedRoad(int From, int To, double TravelTimeH);

/// <summary>A node as events.csv and units.csv name it, with its sector ("command", "government", …).</summary>
internal sealed record TracedNode(string Id, string Sector);

/// <summary>A units.csv row: at <paramref name="Tick"/>, <paramref name="Units"/> of node <paramref name="Node"/> in a state at zone <paramref name="Zone"/> (heading to <paramref name="Target"/>, or -1).</summary>
internal sealed record UnitRow(int Tick, int Node, string State, int Zone, int Target, int Units, int Members);

/// <summary>
/// One traced run read back from its folder (run --trace): map.json, ticks.csv, zones.csv, units.csv, events.csv (summed
/// per tick, <see cref="TracedMessages"/>) and provenance.json. Everything the viewer shows comes from here.
/// </summary>
internal sealed class TracedRun
{
    /// <summary>The folder, as given.</summary>
    public required string Folder { get; init; }

    /// <summary>provenance.json's governance_mode (e.g. co-governance), or "" without it.</summary>
    public required string Mode { get; init; }

    /// <summary>provenance.json's governance_communication (e.g. platform), or "".</summary>
    public required string Communication { get; init; }

    /// <summary>provenance.json's seed, scenario source and overrides, as text.</summary>
    public required string Seed { get; init; }

    /// <summary>Where the scenario came from.</summary>
    public required string ScenarioSource { get; init; }

    /// <summary>The --set overrides of the run.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>Hours per tick.</summary>
    public required double TickHours { get; init; }

    /// <summary>The zones, in scenario order.</summary>
    public required IReadOnlyList<TracedZone> Zones { get; init; }

    /// <summary>The roads.</summary>
    public required IReadOnlyList<TracedRoad> Roads { get; init; }

    /// <summary>The nodes, in events.csv's naming.</summary>
    public required IReadOnlyList<TracedNode> Nodes { get; init; }

    /// <summary>ticks.csv's time_h per tick (the end of each tick, hours since the first call).</summary>
    public required double[] TimeH { get; init; }

    /// <summary>Every ticks.csv series after time_h, by name.</summary>
    public required IReadOnlyDictionary<string, double[]> Series { get; init; }

    /// <summary>Every zones.csv column after zone, by name: value of zone z at tick t at [t * zones + z].</summary>
    public required IReadOnlyDictionary<string, double[]> ZoneColumns { get; init; }

    /// <summary>units.csv, in file order (by tick).</summary>
    public required IReadOnlyList<UnitRow> Units { get; init; }

    /// <summary>events.csv summed per tick.</summary>
    public required TracedMessages Messages { get; init; }

    /// <summary>Number of ticks.</summary>
    public int Ticks => TimeH.Length;

    /// <summary>What the run compares: governance mode and communication rule ("co-governance · platform"), or the folder's name.</summary>
    public string Title => Mode.Length == 0 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Folder))) : $"{Mode} · {Communication}";

    /// <summary>Reads the traced run in <paramref name="folder"/>; a folder that is not one is a <see cref="CliException"/> saying how to make one.</summary>
    public static TracedRun Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException($"{folder}: no such folder; give the --out folder of crisissim run --trace");
        }

        string File(string name) => Path.Combine(folder, name);
        if (!System.IO.File.Exists(File(FileNames.Events)))
        {
            throw new CliException($"{folder}: not a traced run (no {FileNames.Events}); make one with crisissim run --trace --out {Shell.Quote(folder)}");
        }

        foreach (string needed in new[] { FileNames.Map, FileNames.Zones, FileNames.Units, FileNames.Ticks })
        {
            if (!System.IO.File.Exists(File(needed)))
            {
                throw new CliException($"{folder}: has {FileNames.Events} but no {needed} (traced by an older crisissim); run it again with crisissim run --trace");
            }
        }

        var (name, tickHours, zones, roads, nodes) = TracedMap.Read(File(FileNames.Map));
        var provenance = ReadProvenance(File(FileNames.Provenance));
        var (time, series) = ReadTicks(File(FileNames.Ticks));
        var ids = zones.Select((z, i) => (z.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var nodeIds = nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return new TracedRun
        {
            Folder = folder,
            Mode = provenance.GetValueOrDefault("governance_mode", ""),
            Communication = provenance.GetValueOrDefault("governance_communication", ""),
            Seed = provenance.GetValueOrDefault("seed", ""),
            ScenarioSource = provenance.GetValueOrDefault("scenario", ""),
            Overrides = provenance.TryGetValue("overrides", out string? o) && o.Length > 0 ? o.Split('\n') : [],
            ScenarioName = name,
            TickHours = tickHours,
            Zones = zones,
            Roads = roads,
            Nodes = nodes,
            TimeH = time,
            Series = series,
            ZoneColumns = ReadZones(File(FileNames.Zones), ids, time.Length),
            Units = ReadUnits(File(FileNames.Units), ids, nodeIds, time.Length),
            Messages = TracedMessages.Read(File(FileNames.Events), nodeIds, time.Length),
        };
    }

    /// <summary>provenance.json's text fields (overrides joined by line breaks); empty when the file is absent.</summary>
    private static Dictionary<string, string> ReadProvenance(string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!System.IO.File.Exists(path))
        {
            return fields;
        }

        using var doc = TracedMap.Parse(path);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            fields[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString() ?? "",
                JsonValueKind.Array => string.Join('\n', p.Value.EnumerateArray().Select(e => e.ToString())),
                _ => p.Value.ToString(),
            };
        }

        return fields;
    }

    private static (double[] Time, Dictionary<string, double[]> Series) ReadTicks(string path)
    {
        var table = RunsTableFile.Read(path);
        int tick = Require(table, path, "tick"), time = Require(table, path, "time_h");
        var rows = table.Rows;
        for (int i = 0; i < rows.Count; i++)
        {
            if (Number(rows[i][tick], path, i, "tick") != i)
            {
                throw new CliException($"{path}:{i + 2}: expected tick {i}, found '{rows[i][tick]}' (one row per tick of one run)");
            }
        }

        var series = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var info in MetricCatalog.Ticks.Where(m => table.Column(m.Name) >= 0))
        {
            int c = table.Column(info.Name);
            series[info.Name] = [.. rows.Select((r, i) => Number(r[c], path, i, info.Name))];
        }

        return ([.. rows.Select((r, i) => Number(r[time], path, i, "time_h"))], series);
    }

    private static Dictionary<string, double[]> ReadZones(string path, Dictionary<string, int> ids, int ticks)
    {
        var table = RunsTableFile.Read(path);
        int tick = Require(table, path, "tick"), zone = Require(table, path, "zone");
        var columns = ZoneRecord.Declared.Select(d => (d.Info.Name, Index: Require(table, path, d.Info.Name))).ToList();
        var values = columns.ToDictionary(c => c.Name, _ => Enumerable.Repeat(double.NaN, ticks * ids.Count).ToArray(), StringComparer.Ordinal);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            int t = Tick(row[tick], path, i, ticks);
            int z = ids.TryGetValue(row[zone], out int zi) ? zi : throw new CliException($"{path}:{i + 2}: zone '{row[zone]}' is not in {FileNames.Map}");
            foreach (var (name, index) in columns)
            {
                values[name][(t * ids.Count) + z] = Number(row[index], path, i, name);
            }
        }

        if (values.Values.Any(v => v.Any(double.IsNaN)))
        {
            throw new CliException($"{path}: expected one row per tick and zone ({ticks} ticks × {ids.Count} zones), found {table.Rows.Count} rows");
        }

        return values;
    }

    private static List<UnitRow> ReadUnits(string path, Dictionary<string, int> zones, Dictionary<string, int> nodes, int ticks)
    {
        var table = RunsTableFile.Read(path);
        int[] c = [.. TraceFiles.UnitsHeader.Skip(1).Select(h => Require(table, path, h))]; // tick, time_h, actor, state, zone, target, units, members
        var rows = new List<UnitRow>(table.Rows.Count);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            int Zone(string id) => id.Length == 0 ? -1 : zones.TryGetValue(id, out int z) ? z : throw new CliException($"{path}:{i + 2}: zone '{id}' is not in {FileNames.Map}");
            int node = nodes.TryGetValue(r[c[2]], out int n) ? n : throw new CliException($"{path}:{i + 2}: actor '{r[c[2]]}' is not in {FileNames.Map}");
            if (!ViewData.UnitStates.Contains(r[c[3]]))
            {
                throw new CliException($"{path}:{i + 2}: state '{r[c[3]]}' is not one of {string.Join(", ", ViewData.UnitStates)}");
            }

            rows.Add(new UnitRow(Tick(r[c[0]], path, i, ticks), node, r[c[3]], Zone(r[c[4]]), Zone(r[c[5]]), (int)Number(r[c[6]], path, i, "units"), (int)Number(r[c[7]], path, i, "members")));
        }

        return rows;
    }

    internal static int Require(ResultTable table, string path, string column) =>
        table.Column(column) is >= 0 and var c ? c : throw new CliException($"{path}: no column {column}; expected the header {string.Join(",", table.Header.Take(4))}… of crisissim run --trace");

    internal static int Tick(string cell, string path, int row, int ticks) =>
        Number(cell, path, row, "tick") is var t && t >= 0 && t < ticks && t == Math.Floor(t) ? (int)t
            : throw new CliException($"{path}:{row + 2}: tick '{cell}' is not one of the run's ticks 0 to {ticks - 1} ({FileNames.Ticks})");

    internal static double Number(string cell, string path, int row, string column) =>
        ResultTable.Number(cell) is var v && double.IsFinite(v) ? v : throw new CliException($"{path}:{row + 2}: {column}: expected a number, found '{cell}'");
}
