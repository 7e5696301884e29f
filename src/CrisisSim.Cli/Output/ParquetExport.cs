using System.Globalization;
using CrisisSim.Core.Metrics;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Writes a results table as Parquet (Parquet.Net) beside its CSV, with typed columns: identifiers and
/// ticks as int64, metrics and series as nullable double (empty for a failed run), factors, status and
/// error as text (as written: the CSV's spreadsheet escape undone). Streams the CSV in row groups of <see cref="RowGroupSize"/> rows, so memory stays bounded.
/// </summary>
public static class ParquetExport
{
    /// <summary>Rows per Parquet row group: the memory bound of a conversion (one group's cells are held as text at a time).</summary>
    public const int RowGroupSize = 100_000;

    private static readonly HashSet<string> s_integers = new(StringComparer.Ordinal) { "run_id", "point_id", "replicate", "seed", "tick" };

    /// <summary>Converts <paramref name="csvPath"/> to <paramref name="parquetPath"/> (written under a temporary name, then renamed).</summary>
    public static void Convert(string csvPath, string parquetPath) =>
        OutputFile.AtomicWrite(parquetPath, tmp => ConvertAsync(csvPath, tmp).GetAwaiter().GetResult());

    private static async Task ConvertAsync(string csvPath, string parquetPath)
    {
        var numeric = new HashSet<string>(RunMetrics.Columns.Select(c => c.Name).Concat(TickRecord.Columns.Select(c => c.Name)).Append("time_h"), StringComparer.Ordinal);
        using (var csv = CsvReader.FromFile(csvPath, null, FileOptions.SequentialScan))
        {
            string[] header = [.. csv.Headers];
            var fields = header.Select(h => s_integers.Contains(h) ? new DataField<long>(h)
                : numeric.Contains(h) ? new DataField<double?>(h)
                : (DataField)new DataField<string>(h)).ToArray();
            var schema = new ParquetSchema(fields);
            await using var stream = File.Create(parquetPath);
            await using (var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false))
            {
                var columns = header.Select(_ => new List<string>(RowGroupSize)).ToArray();
                bool more = true;
                while (more)
                {
                    foreach (var c in columns)
                    {
                        c.Clear();
                    }

                    while (columns[0].Count < RowGroupSize && (more = csv.Read()))
                    {
                        for (int i = 0; i < header.Length; i++)
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
                case DataField<double?> f:
                    await group.WriteAsync<double>(f, text.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : (double?)null).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[i], text).ConfigureAwait(false);
                    break;
            }
        }

        group.CompleteValidate();
    }
}
