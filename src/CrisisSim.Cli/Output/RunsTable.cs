using CrisisSim.Core.Analysis;
using CsvHelper;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Reads a results table (runs.csv, or any table <see cref="CsvTable"/> wrote) with CsvHelper into a <see cref="ResultTable"/>
/// for the analysis in Core, each cell with its spreadsheet escape undone (<see cref="CsvTable.Unescape"/>).
/// </summary>
public static class RunsTableFile
{
    /// <summary>The whole table, in memory; a missing file, or one that is not a regular file, is a <see cref="CliException"/>.</summary>
    public static ResultTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        BoundedFile.RequireRegular(path);
        using var csv = CsvReader.FromFile(path, null, FileOptions.SequentialScan);
        return ReadAll(csv);
    }

    /// <summary>A table from its CSV <paramref name="text"/> (a file shipped in the binary).</summary>
    public static ResultTable ReadText(string text)
    {
        using var csv = CsvReader.FromText(text);
        return ReadAll(csv);
    }

    private static ResultTable ReadAll(CsvReader csv)
    {
        string[] header = [.. csv.Headers];
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[header.Length];
            for (int i = 0; i < header.Length && i < csv.FieldCount; i++)
            {
                row[i] = CsvTable.Unescape(csv.GetString(i));
            }

            rows.Add(row);
        }

        return new ResultTable(header, rows);
    }
}
