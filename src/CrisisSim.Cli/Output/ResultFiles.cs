using CrisisSim.Core.Actors;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Output;

/// <summary>The layouts of runs.csv, ticks.csv and events.csv (the output contract in README.md).</summary>
public static class ResultFiles
{
    /// <summary>The runs.csv header: run, point, replicate, seed and seed_hex (<see cref="ResultTable.LeadingColumns"/>), one column per factor, every metric of the catalog, status and error.</summary>
    public static IReadOnlyList<string> RunsHeader(IReadOnlyList<string> factors) =>
        [.. ResultTable.LeadingColumns, .. factors, .. RunMetrics.Columns.Select(c => c.Name), "status", "error"];

    /// <summary>The cells of a run before its factor values: run, point, replicate, the seed in decimal and as seed_hex.</summary>
    public static void WriteRunId(CsvTable table, long runId, long pointId, int replicate, ulong seed)
    {
        table.Integer(runId);
        table.Integer(pointId);
        table.Integer(replicate);
        table.Text(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Text(SeedText.Hex(seed));
    }

    /// <summary>One runs.csv row; the metric cells are empty when <paramref name="metrics"/> is null (a failed run).</summary>
    public static void WriteRun(CsvTable table, long runId, long pointId, int replicate, ulong seed, IReadOnlyList<string> factorValues, RunMetrics? metrics, string status, string error)
    {
        WriteRunId(table, runId, pointId, replicate, seed);
        foreach (string v in factorValues)
        {
            table.Text(v);
        }

        foreach (var (_, value) in RunMetrics.Columns)
        {
            if (metrics is null)
            {
                table.Text("");
            }
            else if (value(metrics) is var v && double.IsNaN(v))
            {
                table.Text(""); // missing ("never"): an empty cell, which pandas, R and DuckDB read as missing
            }
            else
            {
                table.Number(v);
            }
        }

        table.Text(status);
        table.Text(error);
        table.EndRow();
    }

    /// <summary>The ticks.csv header: run, tick and hours since the first call, then every series of <see cref="TickRecord"/>.</summary>
    public static IReadOnlyList<string> TicksHeader { get; } = [.. new[] { "run_id", "tick", "time_h" }, .. TickRecord.Columns.Select(c => c.Name)];

    /// <summary>One ticks.csv row; time_h is rounded to 6 decimals so that it reads the same on every platform.</summary>
    public static void WriteTick(CsvTable table, long runId, in TickRecord r)
    {
        table.Integer(runId);
        table.Integer(r.Tick);
        table.Number(Math.Round(r.TimeH, 6));
        foreach (var (_, value) in TickRecord.Columns)
        {
            table.Number(value(r));
        }

        table.EndRow();
    }

    /// <summary>The events.csv header; names, not indices, so the trace reads without the scenario at hand.</summary>
    public static IReadOnlyList<string> EventsHeader { get; } =
        ["run_id", "tick", "time_h", "event", "actor", "counterpart", "unit", "zone", "need", "channel", "value", "observed_tick"];
}

/// <summary>Streams a run's trace events into events.csv as they happen (bounded memory).</summary>
/// <param name="table">The events.csv table.</param>
/// <param name="runId">The run's id.</param>
/// <param name="tickHours">Hours per tick.</param>
/// <param name="scenario">The scenario (for zone and actor names).</param>
public sealed class EventsCsvSink(CsvTable table, long runId, double tickHours, Scenario scenario) : ITraceSink
{
    private readonly string[] _nodes = Nodes.IdsOf(scenario);
    private readonly string[] _zones = [.. scenario.Zones.Select(z => z.Id)];
    private static readonly string[] s_kinds = [.. Enum.GetNames<TraceKind>().Select(SnakeCase)];
    private static readonly string[] s_channels = [.. Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant())];
    private static readonly string[] s_needs = [.. Enum.GetValues<TaskKind>().Select(t => SchemaCatalog.EnumName(t))];

    private static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Events written so far (run's summary reports it).</summary>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public void Record(in TraceEvent e)
    {
        table.Integer(runId);
        table.Integer(e.Tick);
        table.Number(Math.Round(e.Tick * tickHours, 6));
        table.Text(s_kinds[(int)e.Kind]);
        table.Text(Name(_nodes, e.Node, "public"));
        table.Text(Name(_nodes, e.Other, ""));
        if (e.Unit >= 0)
        {
            table.Integer(e.Unit);
        }
        else
        {
            table.Text("");
        }

        table.Text(Name(_zones, e.Zone, ""));
        table.Text(Name(s_needs, e.Need, ""));
        table.Text(Name(s_channels, e.Channel, ""));
        table.Number(e.Value);
        if (e.ObservedTick >= 0)
        {
            table.Integer(e.ObservedTick);
        }
        else
        {
            table.Text("");
        }

        table.EndRow();
        Count++;
    }

    private static string Name(string[] names, int index, string none) => index >= 0 && index < names.Length ? names[index] : none;
}
