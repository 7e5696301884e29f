using System.Globalization;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Output;

/// <summary>A problem found in a results table: which file, which line, what is wrong.</summary>
/// <param name="File">The table as the verifier was given it (runs.csv, ticks.csv or a partial one).</param>
/// <param name="Line">1-based line.</param>
/// <param name="What">What is wrong.</param>
public sealed record TableProblem(string File, long Line, string What)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {What}");
}

/// <summary>How far a sweep's tables can be trusted.</summary>
/// <param name="Runs">How many of the expected runs are complete in every table, from the first.</param>
/// <param name="RunsBytes">Where runs.csv ends after the last of them.</param>
/// <param name="TicksBytes">Where ticks.csv ends after the last of them.</param>
/// <param name="Problem">The first thing that stopped the check, or null when all runs were found and nothing follows them.</param>
/// <param name="FailedRuns">Runs with status failed among the trusted ones.</param>
public sealed record VerifiedTables(int Runs, long RunsBytes, long TicksBytes, TableProblem? Problem, int FailedRuns);

/// <summary>
/// Checks a sweep's runs.csv and ticks.csv against the runs they must hold, row by row: the header;
/// each runs.csv row's run id, point, replicate, seed and factor values exactly as the sweep would write
/// them, its field count and status; and for each successful run its whole tick series (every recorded
/// tick, in order, each row complete); no torn last rows. A resume keeps what passes and runs the rest
/// again; a merge refuses anything that does not pass.
/// </summary>
public static class ResultVerifier
{
    /// <summary>Verifies the tables; <paramref name="ticksPath"/> is null when the sweep writes no ticks.</summary>
    /// <param name="runsPath">runs.csv (or its partial file).</param>
    /// <param name="ticksPath">ticks.csv (or its partial file), or null.</param>
    /// <param name="exp">The experiment.</param>
    /// <param name="expected">The runs these tables must hold, in order.</param>
    /// <param name="ticksEvery">K of --ticks-every.</param>
    /// <param name="tickCount">Ticks a run lasts.</param>
    public static VerifiedTables Verify(string runsPath, string? ticksPath, LoadedExperiment exp, IReadOnlyList<RunSpec> expected, int ticksEvery, Func<RunSpec, int> tickCount)
    {
        var runsHeader = ResultFiles.RunsHeader(exp.FactorColumns);
        using var runs = new RecordReader(runsPath);
        using var ticks = ticksPath is null ? null : new RecordReader(ticksPath);
        var problem = Header(runs, runsHeader) ?? (ticks is null ? null : Header(ticks, ResultFiles.TicksHeader));
        if (problem is not null)
        {
            return new VerifiedTables(0, 0, 0, problem, 0);
        }

        long runsKeep = runs.End;
        long ticksKeep = ticks?.End ?? 0;
        int statusColumn = runsHeader.Count - 2;
        int good = 0;
        int failed = 0;
        string? pendingTick = ticks?.Next();
        for (; good < expected.Count; good++)
        {
            var run = expected[good];
            string? row = runs.Next();
            if (row is null)
            {
                problem = runs.Torn ? new TableProblem(runsPath, runs.Line + 1, "the last row is torn (no line end): the writer stopped mid-row") : null;
                break;
            }

            problem = CheckRunRow(runsPath, runs.Line, row, exp, run, runsHeader, statusColumn, out bool ok);
            if (problem is null && ticks is not null)
            {
                problem = CheckTicks(ticks, ref pendingTick, run.RunId, ok ? TickSeries.Rows(tickCount(run), ticksEvery) : 0, tickCount(run), ticksEvery);
            }

            if (problem is not null)
            {
                break;
            }

            failed += ok ? 0 : 1;
            runsKeep = runs.End;
            ticksKeep = ticks is null ? 0 : TicksEnd(ticks, pendingTick);
        }

        if (problem is null && good == expected.Count)
        {
            problem = TrailingRuns(runs, runsPath, $"{FileNames.Runs} has a row beyond the runs of this sweep") ?? TrailingTicks(ticks, pendingTick, $"{FileNames.Ticks} has rows beyond the runs of this sweep");
        }
        else if (problem is null)
        {
            problem = new TableProblem(runsPath, runs.Line + 1, string.Create(CultureInfo.InvariantCulture, $"ends after {good} of {expected.Count} runs"));
        }

        return new VerifiedTables(good, runsKeep, ticksKeep, problem, failed);
    }

    /// <summary>What is wrong with a runs table whose header is the one before seed_hex: resuming or merging it would mix two layouts.</summary>
    public const string OlderLayout = "written by an older crisissim: the header has no seed_hex column after seed, so its rows cannot be mixed with this version's";

    /// <summary>Whether <paramref name="runsPath"/> opens with the runs.csv header of this sweep as written before seed_hex existed.</summary>
    public static bool HasOlderLayout(string runsPath, IReadOnlyList<string> factors)
    {
        using var reader = new RecordReader(runsPath);
        return reader.Next() == Render(WithoutSeedHex(ResultFiles.RunsHeader(factors)));
    }

    private static TableProblem? Header(RecordReader reader, IReadOnlyList<string> header)
    {
        string? found = reader.Next();
        return found == Render(header) ? null
            : new TableProblem(reader.Path, 1, found is null ? "no header (empty or torn file)"
                : header.Contains("seed_hex") && found == Render(WithoutSeedHex(header)) ? OlderLayout
                : "the header is not the one this sweep writes (another experiment, or edited?)");
    }

    private static string Render(IReadOnlyList<string> header) => CsvTable.Render(header, withHeader: true, _ => { });

    private static string[] WithoutSeedHex(IReadOnlyList<string> header) => [.. header.Where(h => h != "seed_hex")];

    private static TableProblem? CheckRunRow(string path, long line, string row, LoadedExperiment exp, RunSpec run, IReadOnlyList<string> header, int statusColumn, out bool ok)
    {
        ok = false;
        string prefix = CsvTable.Render(header, withHeader: false, t =>
        {
            ResultFiles.WriteRunId(t, run.RunId, run.Point.PointId, run.Replicate, run.Seed);
            foreach (string v in exp.FactorValues(run.Point))
            {
                t.Text(v);
            }
        }) + ",";
        if (!row.StartsWith(prefix, StringComparison.Ordinal))
        {
            return new TableProblem(path, line, string.Create(CultureInfo.InvariantCulture, $"expected run {run.RunId} (point {run.Point.PointId}, replicate {run.Replicate}, seed {run.Seed} = {SeedText.Hex(run.Seed)}) but found '{Shorten(row)}'"));
        }

        var cells = RecordReader.Cells(row);
        if (cells.Count != header.Count)
        {
            return new TableProblem(path, line, string.Create(CultureInfo.InvariantCulture, $"run {run.RunId} has {cells.Count} fields, expected {header.Count}"));
        }

        ok = cells[statusColumn] == "ok";
        if (!ok && cells[statusColumn] != "failed")
        {
            return new TableProblem(path, line, $"run {run.RunId} has status '{Shorten(cells[statusColumn])}', expected ok or failed");
        }

        return null;
    }

    /// <summary>Consumes run <paramref name="runId"/>'s tick rows, which must be exactly <paramref name="rows"/> recorded ticks in order.</summary>
    private static TableProblem? CheckTicks(RecordReader ticks, ref string? pending, long runId, int rows, int tickCount, int every)
    {
        int columns = ResultFiles.TicksHeader.Count;
        for (int i = 0; i < rows; i++)
        {
            if (pending is null)
            {
                return new TableProblem(ticks.Path, ticks.Line + 1, string.Create(CultureInfo.InvariantCulture, $"run {runId} has {i} of its {rows} tick rows{(ticks.Torn ? "; the last row is torn" : "")}"));
            }

            var cells = RecordReader.Cells(pending);
            int tick = TickSeries.TickOfRow(i, tickCount, every);
            if (cells.Count != columns || cells[0] != runId.ToString(CultureInfo.InvariantCulture) || cells[1] != tick.ToString(CultureInfo.InvariantCulture))
            {
                return new TableProblem(ticks.Path, ticks.Line, string.Create(CultureInfo.InvariantCulture, $"expected run {runId} tick {tick} ({columns} fields), found '{Shorten(pending)}'"));
            }

            pending = ticks.Next();
        }

        return null;
    }

    /// <summary>Where the ticks table ends after the rows consumed so far (the pending row, if any, is not kept).</summary>
    private static long TicksEnd(RecordReader ticks, string? pending) => pending is null ? ticks.End : ticks.Start;

    private static TableProblem? TrailingRuns(RecordReader runs, string path, string what) =>
        runs.Next() is { } extra ? new TableProblem(path, runs.Line, $"{what}: '{Shorten(extra)}'")
        : runs.Torn ? new TableProblem(path, runs.Line + 1, "the last row is torn (no line end)") : null;

    private static TableProblem? TrailingTicks(RecordReader? ticks, string? pending, string what) =>
        ticks is null ? null
        : pending is not null ? new TableProblem(ticks.Path, ticks.Line, $"{what}: '{Shorten(pending)}'")
        : ticks.Torn ? new TableProblem(ticks.Path, ticks.Line + 1, "the last row is torn (no line end)") : null;

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
