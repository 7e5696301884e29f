using System.Globalization;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CsvHelper;
using ScottPlot;

namespace CrisisSim.Cli.Analysis;

/// <summary>Figures over time: a ticks.csv series by group.</summary>
public static partial class Figures
{
    /// <summary>
    /// Median and 5–95% band of a ticks.csv series over the runs of each group. Null (with the reason in
    /// <paramref name="notes"/>) when ticks.csv has no usable rows for these runs, or has no such column and
    /// <paramref name="named"/> is false (a default series); a named series that does not exist is an error.
    /// </summary>
    public static Figure? TimeSeries(string ticksCsv, IReadOnlyDictionary<long, string> groupOfRun, string series, string groupName, FigureTarget target, bool named = true)
    {
        string name = $"timeseries-{series}";
        var order = groupOfRun.OrderBy(kv => kv.Key).Select(kv => kv.Value).Distinct().ToList(); // groups in design order
        if (ReadSeries(ticksCsv, groupOfRun, series, named) is not { } read)
        {
            target.Notes.Add($"{name}: {FileNames.Ticks} has no {series} column; not drawn");
            return null;
        }

        var (data, missing) = read;

        if (data.Count == 0)
        {
            target.Notes.Add($"{name}: {FileNames.Ticks} has no rows{(missing > 0 ? $" with a number for {series}" : "")} for the successful runs; not drawn");
            return null;
        }

        var caveats = new List<string>();
        if (missing > 0)
        {
            caveats.Add(string.Create(s_inv, $"{missing} tick rows without a number for {series} or time_h are left out"));
        }

        if (data.Values.All(byTime => byTime.Values.All(v => v.Count == 1)))
        {
            caveats.Add("one run per group: no 5–95% band");
        }

        bool onePoint = data.Values.All(byTime => byTime.Count == 1);
        if (onePoint)
        {
            caveats.Add("one time point per group: drawn as points");
        }

        var plt = new Plot();
        int i = 0;
        foreach (string group in order.Where(data.ContainsKey))
        {
            AddBand(plt, data[group], i++, group.Length == 0 ? "all runs" : group, onePoint);
        }

        string title = $"{Caption(series)} over time by {groupName} (median, 5–95% band over replicates)";
        Decorate(plt, target, title, "simulated time since the first call (hours)", Label(series));
        FloorAtZero(plt, data.Values.SelectMany(byTime => byTime.Values.SelectMany(v => v)));
        return Save(plt, name, title, target, caveats);
    }

    /// <summary>
    /// The values of <paramref name="series"/> by group and time over the runs of <paramref name="groupOfRun"/>, and how
    /// many of their rows had no number; null when ticks.csv has no such column and the series was not
    /// <paramref name="named"/> (a named one is an error).
    /// </summary>
    private static (Dictionary<string, SortedDictionary<double, List<double>>> Data, int Missing)? ReadSeries(string ticksCsv, IReadOnlyDictionary<long, string> groupOfRun, string series, bool named)
    {
        var data = new Dictionary<string, SortedDictionary<double, List<double>>>(StringComparer.Ordinal); // group -> time -> values
        int missing = 0;
        using var csv = CsvReader.FromFile(ticksCsv, null, FileOptions.SequentialScan);
        var header = csv.Headers;
        int runCol = IndexOf(header, "run_id");
        int timeCol = IndexOf(header, "time_h");
        int valueCol = IndexOf(header, series);
        if (runCol < 0 || timeCol < 0)
        {
            throw new CliException($"{ticksCsv}: not a ticks table (its header has no run_id and time_h columns)");
        }

        if (valueCol < 0)
        {
            return named ? throw new CliException($"--series {series}: {FileNames.Ticks} has no such column; it has: {string.Join(", ", header.Skip(3))}") : null;
        }

        int row = 0;
        while (csv.Read())
        {
            row++;
            string runCell = Cell(csv, runCol);
            if (!long.TryParse(runCell, NumberStyles.Integer, s_inv, out long run))
            {
                throw new CliException($"{ticksCsv}: data row {row}: run_id '{runCell}' is not a whole number");
            }

            if (!groupOfRun.TryGetValue(run, out string? g))
            {
                continue;
            }

            double t = ResultTable.Number(Cell(csv, timeCol));
            double v = ResultTable.Number(Cell(csv, valueCol));
            if (!double.IsFinite(t) || !double.IsFinite(v))
            {
                missing++;
                continue;
            }

            var byTime = data.TryGetValue(g, out var known) ? known : data[g] = [];
            (byTime.TryGetValue(t, out var values) ? values : byTime[t] = []).Add(v);
        }

        return (data, missing);
    }

    /// <summary>Series <paramref name="i"/>'s median line (its colour, line pattern and marker) and its 5–95% band.</summary>
    private static void AddBand(Plot plt, SortedDictionary<double, List<double>> byTime, int i, string legend, bool onePoint)
    {
        var color = Palette(i);
        double[] xs = [.. byTime.Keys];
        double[] med = [.. byTime.Values.Select(v => Quantile(v, 0.5))];
        double[] lo = [.. byTime.Values.Select(v => Quantile(v, 0.05))];
        double[] hi = [.. byTime.Values.Select(v => Quantile(v, 0.95))];
        var band = plt.Add.FillY(xs, lo, hi);
        band.FillColor = color.WithAlpha(0.2);
        band.LineColor = Colors.Transparent;
        var line = plt.Add.ScatterLine(xs, med, color);
        line.LineWidth = 2;
        line.LinePattern = Pattern(i);
        line.MarkerShape = Marker(i);
        line.MarkerSize = onePoint ? 8 : 6;
        line.LegendText = legend;
    }
}
