using System.Globalization;
using CrisisSim.Core.Metrics;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Writes a results table as Parquet (Parquet.Net) beside its CSV, with typed columns, so DuckDB, pandas with pyarrow
/// and R arrow read numbers as numbers: identifiers, ticks and the seed as int64 (a sweep's seeds are below 2^63, so
/// int64 holds them exactly, and R arrow reads int64 as an exact bit64 integer where it would read uint64 as a rounded
/// double); count metrics and series (<see cref="MetricInfo.Count"/>) as nullable int64, the other metrics and series
/// as nullable double (null for a failed run, or an event that never happened); a factor whose every level is a whole
/// number as int64, whose every level is a number as double (as pandas reads the CSV), any other as text; seed_hex,
/// status and error as text. Text is the text as written: the CSV's spreadsheet escape undone. Streams the CSV in row
/// groups of <see cref="RowGroupSize"/> rows, so memory stays bounded.
/// </summary>
public static class ParquetExport
{
    /// <summary>Rows per Parquet row group: the memory bound of a conversion (one group's cells are held as text at a time).</summary>
    public const int RowGroupSize = 100_000;

    private static readonly HashSet<string> s_identifiers = new(StringComparer.Ordinal) { "run_id", "point_id", "replicate", "seed", "tick" };

    private static readonly HashSet<string> s_text = new(StringComparer.Ordinal) { "seed_hex", "status", "error" };

    private static readonly Dictionary<string, bool> s_metrics = MetricCatalog.Runs.Concat(MetricCatalog.Ticks)
        .GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.All(m => m.Count), StringComparer.Ordinal);

    /// <summary>Converts <paramref name="csvPath"/> to <paramref name="parquetPath"/> (written under a temporary name, then renamed).</summary>
    public static void Convert(string csvPath, string parquetPath) =>
        OutputFile.AtomicWrite(parquetPath, tmp => ConvertAsync(csvPath, tmp).GetAwaiter().GetResult());

    /// <summary>The Parquet field of each column of <paramref name="csvPath"/>'s header; a factor's type needs one pass over its levels.</summary>
    public static DataField[] Fields(string csvPath)
    {
        string[] header;
        using (var csv = CsvReader.FromFile(csvPath, null, FileOptions.SequentialScan))
        {
            header = [.. csv.Headers];
        }

        var factors = Enumerable.Range(0, header.Length).Where(i => IsFactor(header[i])).ToArray();
        var kinds = factors.Length == 0 ? [] : FactorKinds(csvPath, factors);
        return [.. header.Select((h, i) =>
            s_identifiers.Contains(h) ? new DataField<long>(h)
            : s_metrics.TryGetValue(h, out bool count) ? (count ? new DataField<long?>(h) : new DataField<double?>(h))
            : h == "time_h" ? new DataField<double?>(h)
            : kinds.TryGetValue(i, out var kind) && kind == FactorKind.Whole ? new DataField<long?>(h)
            : kinds.TryGetValue(i, out kind) && kind == FactorKind.Number ? new DataField<double?>(h)
            : (DataField)new DataField<string>(h))];
    }

    private static bool IsFactor(string column) => !s_identifiers.Contains(column) && !s_text.Contains(column) && !s_metrics.ContainsKey(column) && column != "time_h";

    private enum FactorKind
    {
        Whole,
        Number,
        Text,
    }

    /// <summary>Each factor column's kind: whole numbers only, numbers only, or text (anything else, an empty cell included).</summary>
    private static Dictionary<int, FactorKind> FactorKinds(string csvPath, int[] factors)
    {
        var kinds = factors.ToDictionary(i => i, _ => FactorKind.Whole);
        using var csv = CsvReader.FromFile(csvPath, null, FileOptions.SequentialScan);
        while (csv.Read())
        {
            foreach (int i in factors)
            {
                string cell = i < csv.FieldCount ? CsvTable.Unescape(csv.GetString(i)) : "";
                kinds[i] = (kinds[i], Whole(cell, out _), Real(cell, out _)) switch
                {
                    (FactorKind.Text, _, _) or (_, false, false) => FactorKind.Text,
                    (FactorKind.Whole, true, _) => FactorKind.Whole,
                    _ => FactorKind.Number,
                };
            }
        }

        return kinds;
    }

    private static bool Whole(string cell, out long value) =>
        long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool Real(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static async Task ConvertAsync(string csvPath, string parquetPath)
    {
        var fields = Fields(csvPath);
        using var csv = CsvReader.FromFile(csvPath, null, FileOptions.SequentialScan);
        int width = fields.Length;
        await using var stream = File.Create(parquetPath);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
        var columns = fields.Select(_ => new List<string>(RowGroupSize)).ToArray();
        bool more = true;
        while (more)
        {
            foreach (var c in columns)
            {
                c.Clear();
            }

            while (columns[0].Count < RowGroupSize && (more = csv.Read()))
            {
                for (int i = 0; i < width; i++)
                {
                    columns[i].Add(i < csv.FieldCount ? CsvTable.Unescape(csv.GetString(i)) : "");
                }
            }

            if (columns[0].Count > 0)
            {
                await WriteGroupAsync(writer, fields, columns).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, DataField[] fields, List<string>[] columns)
    {
        using var group = writer.CreateRowGroup();
        for (int i = 0; i < fields.Length; i++)
        {
            var text = columns[i];
            switch (fields[i])
            {
                case DataField<long> f:
                    await group.WriteAsync<long>(f, text.Select(t => long.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                case DataField<long?> f:
                    // Empty (a failed run) is null; anything else is a whole number, as the column's declaration promises.
                    await group.WriteAsync<long>(f, text.Select(t => t.Length == 0 ? null : (long?)long.Parse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                case DataField<double?> f:
                    await group.WriteAsync<double>(f, text.Select(t => Real(t, out double v) ? v : (double?)null).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[i], text).ConfigureAwait(false);
                    break;
            }
        }

        group.CompleteValidate();
    }
}
