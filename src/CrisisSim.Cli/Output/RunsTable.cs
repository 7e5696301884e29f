using System.Globalization;
using CsvHelper;

namespace CrisisSim.Cli.Output;

/// <summary>A results table (runs.csv) read back with CsvHelper: header and rows as text, with typed accessors.</summary>
public sealed class RunsTable
{
    private readonly Dictionary<string, int> _index;

    private RunsTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            _index.TryAdd(header[i], i);
        }
    }

    /// <summary>Column names.</summary>
    public string[] Header { get; }

    /// <summary>Rows, as text.</summary>
    public List<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static RunsTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        BoundedFile.RequireRegular(path);

        using var csv = CsvReader.FromFile(path, null, FileOptions.SequentialScan);
        string[] header = [.. csv.Headers];
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var row = new string[header.Length];
            for (int i = 0; i < header.Length && i < csv.FieldCount; i++)
            {
                row[i] = csv.GetString(i);
            }

            rows.Add(row);
        }

        return new RunsTable(header, rows);
    }

    /// <summary>Index of column <paramref name="name"/>, or -1.</summary>
    public int Column(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>A cell as a number (NaN when empty or not a number).</summary>
    public static double Number(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
