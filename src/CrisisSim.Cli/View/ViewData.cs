using System.Text.Json;

namespace CrisisSim.Cli.View;

/// <summary>
/// The data the page embeds, as JSON: per run its map (<see cref="MapLayout"/>), every zones.csv column per tick and
/// zone, the ticks.csv series, where the units are, the messages between nodes per tick, and the moments headquarters
/// learned of each need. The page computes nothing the files do not say; it only draws and sums over a time window.
/// </summary>
internal static class ViewData
{
    /// <summary>The needs whose moments headquarters learns of are marked (zones.csv's hq_knows_* columns).</summary>
    public static readonly string[] Needs = ["rescue", "medical", "shelter", "supplies"];

    /// <summary>Unit states in units.csv, in the order the page indexes them.</summary>
    public static readonly string[] UnitStates = ["idle", "travelling", "working", "carrying"];

    /// <summary>The moments headquarters learned of a need in a zone: the ticks where its hq_knows_NEED column turns 1.</summary>
    public static IEnumerable<(int Tick, int Zone, string Need)> Learned(TracedRun run)
    {
        int zones = run.Zones.Count;
        for (int t = 0; t < run.Ticks; t++)
        {
            for (int z = 0; z < zones; z++)
            {
                foreach (string need in Needs)
                {
                    var known = run.ZoneColumns["hq_knows_" + need];
                    if (known[(t * zones) + z] > 0 && (t == 0 || known[((t - 1) * zones) + z] == 0))
                    {
                        yield return (t, z, need);
                    }
                }
            }
        }
    }

    /// <summary>The JSON of <paramref name="runs"/> (one or two), ready for a &lt;script type="application/json"&gt; (&lt;, &gt; and &amp; are escaped).</summary>
    public static string Json(IReadOnlyList<TracedRun> runs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Strings(json, "needs", Needs);
            Strings(json, "unit_states", UnitStates);
            Strings(json, "channels", TracedMessages.Channels);
            json.WriteStartArray("runs");
            foreach (var run in runs)
            {
                Run(json, run);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Run(Utf8JsonWriter json, TracedRun run)
    {
        json.WriteStartObject();
        json.WriteString("title", run.Title);
        json.WriteString("mode", run.Mode);
        json.WriteString("communication", run.Communication);
        json.WriteString("seed", run.Seed);
        json.WriteString("scenario", run.ScenarioName);
        json.WriteString("source", run.ScenarioSource);
        json.WriteString("folder", run.Folder);
        Strings(json, "overrides", run.Overrides);
        json.WriteNumber("tick_hours", run.TickHours);
        Numbers(json, "time_h", run.TimeH);
        Map(json, run);
        Columns(json, "zone_columns", run.ZoneColumns);
        Columns(json, "series", run.Series);
        Units(json, run);
        Messages(json, run);
        json.WriteStartArray("learned");
        foreach (var (tick, zone, need) in Learned(run))
        {
            json.WriteStartObject();
            json.WriteNumber("tick", tick);
            json.WriteNumber("zone", zone);
            json.WriteString("need", need);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter json, TracedRun run)
    {
        var map = MapLayout.Of(run.Zones, run.Roads);
        json.WriteStartObject("map");
        json.WriteString("kind", map.Kind);
        json.WriteString("caption", map.Caption);
        json.WriteNumber("width", MapLayout.Width);
        json.WriteNumber("height", map.Height);
        json.WriteNumber("origin_x", map.OriginX);
        json.WriteNumber("origin_y", map.OriginY);
        json.WriteStartArray("rings");
        foreach (var ring in map.Rings)
        {
            json.WriteStartObject();
            json.WriteNumber("km", ring.Km);
            json.WriteNumber("r", ring.R);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("zones");
        for (int i = 0; i < run.Zones.Count; i++)
        {
            var (z, p) = (run.Zones[i], map.Zones[i]);
            json.WriteStartObject();
            json.WriteString("id", z.Id);
            json.WriteString("kind", z.Kind);
            json.WriteNumber("residents", z.Residents);
            json.WriteNumber("shelter_capacity", z.ShelterCapacity);
            json.WriteNumber("beds", z.Beds);
            json.WriteBoolean("cordoned", z.Cordoned);
            json.WriteNumber("x", p.X);
            json.WriteNumber("y", p.Y);
            json.WriteNumber("r", p.R);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Network(json, run);
    }

    /// <summary>The roads between zones (by index) and the nodes, with the public and the platform after the run's own.</summary>
    private static void Network(Utf8JsonWriter json, TracedRun run)
    {
        json.WriteStartArray("roads");
        foreach (var r in run.Roads)
        {
            json.WriteStartObject();
            json.WriteNumber("from", r.From);
            json.WriteNumber("to", r.To);
            json.WriteNumber("travel_time_h", r.TravelTimeH);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("nodes");
        foreach (var (id, sector) in run.Nodes.Select(n => (n.Id, n.Sector)).Append(("public", "public")).Append(("platform", "platform")))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("sector", sector);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>units.csv as columns, with where each tick's rows start (start[t] to start[t + 1]).</summary>
    private static void Units(Utf8JsonWriter json, TracedRun run)
    {
        json.WriteStartObject("units");
        Numbers(json, "start", Starts(run.Units.Select(u => u.Tick), run.Ticks));
        Numbers(json, "node", run.Units.Select(u => (double)u.Node));
        Numbers(json, "state", run.Units.Select(u => (double)Array.IndexOf(UnitStates, u.State)));
        Numbers(json, "zone", run.Units.Select(u => (double)u.Zone));
        Numbers(json, "target", run.Units.Select(u => (double)u.Target));
        Numbers(json, "units", run.Units.Select(u => (double)u.Units));
        Numbers(json, "members", run.Units.Select(u => (double)u.Members));
        json.WriteEndObject();
    }

    private static void Messages(Utf8JsonWriter json, TracedRun run)
    {
        var flows = run.Messages.Flows;
        json.WriteStartObject("messages");
        Numbers(json, "start", Starts(flows.Select(f => f.Tick), run.Ticks));
        Numbers(json, "from", flows.Select(f => (double)f.From));
        Numbers(json, "to", flows.Select(f => (double)f.To));
        Numbers(json, "channel", flows.Select(f => (double)f.Channel));
        Numbers(json, "count", flows.Select(f => (double)f.Count));
        json.WriteEndObject();
        json.WriteStartObject("per_tick");
        foreach (var (name, values) in run.Messages.PerTick)
        {
            Numbers(json, name, values.Select(v => (double)v));
        }

        json.WriteEndObject();
    }

    /// <summary>For rows sorted by tick: where each tick's rows start, and one more entry (the end).</summary>
    private static double[] Starts(IEnumerable<int> ticks, int count)
    {
        var starts = new double[count + 1];
        int row = 0, previous = 0;
        foreach (int t in ticks)
        {
            if (t < previous)
            {
                throw new CliException($"rows are not in tick order (tick {t} after {previous})");
            }

            for (int k = previous + 1; k <= t; k++)
            {
                starts[k] = row;
            }

            previous = t;
            row++;
        }

        for (int k = previous + 1; k <= count; k++)
        {
            starts[k] = row;
        }

        return starts;
    }

    private static void Columns(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double[]> columns)
    {
        json.WriteStartObject(name);
        foreach (var (column, values) in columns)
        {
            Numbers(json, column, values);
        }

        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values)
        {
            if (v == Math.Floor(v) && Math.Abs(v) < 1e15)
            {
                json.WriteNumberValue((long)v);
            }
            else
            {
                json.WriteNumberValue(v);
            }
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
