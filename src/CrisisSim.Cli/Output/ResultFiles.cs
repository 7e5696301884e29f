using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli.Output;

/// <summary>The layouts of runs.csv, ticks.csv and events.csv (the output contract in README.md).</summary>
public static class ResultFiles
{
    /// <summary>The runs.csv header: run, point, replicate and seed, one column per factor, every metric of the catalog, status and error.</summary>
    public static IReadOnlyList<string> RunsHeader(IReadOnlyList<string> factors) =>
        [.. new[] { "run_id", "point_id", "replicate", "seed" }, .. factors, .. RunMetrics.Columns.Select(c => c.Name), "status", "error"];

    /// <summary>One runs.csv row; the metric cells are empty when <paramref name="metrics"/> is null (a failed run).</summary>
    public static void WriteRun(CsvTable table, long runId, long pointId, int replicate, ulong seed, IReadOnlyList<string> factorValues, RunMetrics? metrics, string status, string error)
    {
        table.Integer(runId);
        table.Integer(pointId);
        table.Integer(replicate);
        table.Text(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
            else
            {
                table.Number(value(metrics));
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
    private readonly string[] _nodes = ["headquarters", "district_command", .. scenario.Actors.Select(a => a.Id)];
    private readonly string[] _zones = [.. scenario.Zones.Select(z => z.Id)];
    private static readonly string[] s_kinds = ["message_sent", "message_lost", "message_delayed", "message_read", "message_distrusted", "broadcast", "task_claimed", "task_started", "task_finished", "task_refused"];
    private static readonly string[] s_channels = ["internal", "hierarchy", "liaison", "platform", "broadcast", "call"];
    private static readonly string[] s_needs = ["fire", "rescue", "medical", "shelter", "supplies", "monitoring", "blood", "information"];

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
