using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// Which ticks a sweep records for a run with <c>--ticks-every K</c>: the state after every K-th tick and
/// after the last one. A resume and a merge use it to tell a complete tick series from a truncated one.
/// </summary>
public static class TickSeries
{
    /// <summary>Ticks a run of <paramref name="scenario"/> lasts.</summary>
    public static int TickCount(Scenario scenario) => (int)Math.Ceiling((scenario.Time.HorizonH / (scenario.Time.TickMinutes / 60.0)) - 1e-9);

    /// <summary>Rows a successful run writes to ticks.csv (a failed run writes none).</summary>
    public static int Rows(int tickCount, int every) => every <= 0 ? 0 : (int)(((long)tickCount + every - 1) / every);

    /// <summary>The tick column of row <paramref name="row"/> (0-based) of a run's series.</summary>
    public static int TickOfRow(int row, int tickCount, int every) => (int)Math.Min((long)(row + 1) * every, tickCount) - 1;

    /// <summary>Whether the state is recorded once <paramref name="nextTick"/> ticks have run: after every K-th tick and after the last.</summary>
    public static bool IsRecorded(int nextTick, int tickCount, int every) => every > 0 && (nextTick % every == 0 || nextTick >= tickCount);
}
