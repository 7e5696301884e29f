using System.Globalization;
using System.Text;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Recovery of a sweep's partial tables after an interruption (Ctrl-C, kill -9, power loss). Rows are
/// written in run order, ticks of a run before its runs.csv row, each run flushed before the next; so
/// the valid state is the longest prefix of complete runs.csv rows with run_ids 0, 1, 2, … and the
/// ticks.csv rows of those runs. Anything after it (a torn row, ticks of an unfinished run) is cut off.
/// </summary>
public static class PartialTables
{
    /// <summary>
    /// Truncates the partial tables to their longest consistent prefix; returns the number of complete runs.
    /// <paramref name="expectedRunIds"/> are the run_ids this sweep (or shard) writes, in order.
    /// </summary>
    public static int Recover(string runsPath, int runsColumns, string? ticksPath, IReadOnlyList<long> expectedRunIds)
    {
        var (runs, runsBytes) = CompletePrefix(runsPath, runsColumns, expectedRunIds, lastRunId: long.MaxValue);
        Truncate(runsPath, runsBytes);
        if (ticksPath is not null && File.Exists(ticksPath))
        {
            long last = runs == 0 ? -1 : expectedRunIds[runs - 1];
            var (_, ticksBytes) = CompletePrefix(ticksPath, -1, null, last);
            Truncate(ticksPath, ticksBytes);
        }

        return runs;
    }

    /// <summary>Scans complete CRLF-terminated lines after the header; stops at a torn line, a wrong field count, a run_id other than the next expected one, or a run_id beyond <paramref name="lastRunId"/>.</summary>
    private static (int Runs, long Bytes) CompletePrefix(string path, int columns, IReadOnlyList<long>? expected, long lastRunId)
    {
        byte[] data = File.ReadAllBytes(path);
        long pos = IndexOfLineEnd(data, 0);
        if (pos < 0)
        {
            return (0, 0); // not even a complete header: start again
        }

        long keep = pos + 2;
        int runs = 0;
        while (keep < data.Length)
        {
            long end = IndexOfLineEnd(data, keep);
            if (end < 0)
            {
                break;
            }

            string line = Encoding.UTF8.GetString(data, (int)keep, (int)(end - keep));
            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || !long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long runId))
            {
                break;
            }

            if (expected is not null)
            {
                if (runs >= expected.Count || runId != expected[runs] || (columns > 0 && CountFields(line) != columns))
                {
                    break;
                }

                runs++;
            }
            else if (runId > lastRunId)
            {
                break;
            }

            keep = end + 2;
        }

        return (runs, keep);
    }

    private static long IndexOfLineEnd(byte[] data, long from)
    {
        for (long i = from; i + 1 < data.Length; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int CountFields(string line)
    {
        int fields = 1;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields++;
            }
        }

        return fields;
    }

    private static void Truncate(string path, long length)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength(length);
    }
}
