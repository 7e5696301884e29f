using System.Text.Json;

namespace CrisisSim.Cli.View;

/// <summary>Reads map.json (TraceFiles.WriteMap): the scenario's name, tick length, zones, roads and nodes.</summary>
internal static class TracedMap
{
    /// <summary>The map of a traced run; a file of the wrong shape is a <see cref="CliException"/> naming what is missing.</summary>
    public static (string Name, double TickHours, List<TracedZone> Zones, List<TracedRoad> Roads, List<TracedNode> Nodes) Read(string path)
    {
        using var doc = Parse(path);
        var root = doc.RootElement;
        try
        {
            var zones = root.GetProperty("zones").EnumerateArray().Select(Zone).ToList();
            var index = zones.Select((z, i) => (z.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            int At(JsonElement e, string key) => index.TryGetValue(e.GetProperty(key).GetString()!, out int i) ? i
                : throw new CliException($"{path}: road {key} '{e.GetProperty(key).GetString()}' is not one of its zones");
            var roads = root.GetProperty("roads").EnumerateArray().Select(r => new TracedRoad(At(r, "from"), At(r, "to"), r.GetProperty("travel_time_h").GetDouble())).ToList();
            var nodes = root.GetProperty("nodes").EnumerateArray().Select(n => new TracedNode(n.GetProperty("id").GetString()!, n.GetProperty("sector").GetString()!)).ToList();
            double tickHours = root.GetProperty("tick_hours").GetDouble();
            if (zones.Count == 0 || !(tickHours > 0))
            {
                throw new CliException($"{path}: expected zones and a positive tick_hours");
            }

            return (root.GetProperty("scenario_name").GetString() ?? "", tickHours, zones, roads, nodes);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{path}: not the {Output.FileNames.Map} of crisissim run --trace ({ex.Message})");
        }
    }

    private static TracedZone Zone(JsonElement z)
    {
        var map = z.GetProperty("map");
        bool placed = map.ValueKind == JsonValueKind.Object;
        return new TracedZone(
            z.GetProperty("id").GetString()!, z.GetProperty("kind").GetString()!, z.GetProperty("residents").GetInt32(), z.GetProperty("cordoned").GetBoolean(),
            z.GetProperty("shelter_capacity").GetInt32(), z.GetProperty("beds").GetInt32(),
            placed ? map.GetProperty("x_km").GetDouble() : null, placed ? map.GetProperty("y_km").GetDouble() : null);
    }

    /// <summary>A JSON file of a run folder, parsed; invalid JSON is a <see cref="CliException"/> with its line.</summary>
    public static JsonDocument Parse(string path)
    {
        try
        {
            BoundedFile.RequireRegular(path);
            var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new CliException($"{path}: expected a JSON object");
            }

            return doc;
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: invalid JSON at line {ex.LineNumber + 1}");
        }
    }
}
