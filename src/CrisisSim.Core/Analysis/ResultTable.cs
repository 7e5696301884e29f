using System.Globalization;

namespace CrisisSim.Core.Analysis;

/// <summary>A results table (runs.csv) as text: header and rows, with typed accessors. The CLI reads it from a file; analysis works on it here.</summary>
public sealed class ResultTable
{
    private readonly Dictionary<string, int> _index;

    /// <summary>A table of <paramref name="rows"/> under <paramref name="header"/>.</summary>
    public ResultTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            _index.TryAdd(header[i], i);
        }
    }

    /// <summary>
    /// The columns a runs table opens with, before its factors: run, point, replicate, and the run seed twice, in decimal
    /// (<c>seed</c>) and as text (<c>seed_hex</c>: <c>0x</c> and 16 hex digits, which R and spreadsheets keep exactly).
    /// Tables written before seed_hex existed end this list at seed.
    /// </summary>
    public static IReadOnlyList<string> LeadingColumns { get; } = ["run_id", "point_id", "replicate", "seed", "seed_hex"];

    /// <summary>Column names.</summary>
    public string[] Header { get; }

    /// <summary>Rows, as text.</summary>
    public List<string[]> Rows { get; }

    /// <summary>Index of column <paramref name="name"/>, or -1.</summary>
    public int Column(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>A cell as a number (NaN when empty or not a number).</summary>
    public static double Number(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}

/// <summary>A question the data cannot answer as asked (an unknown column, a missing baseline): the CLI shows it as one message, exit 2.</summary>
/// <param name="message">What is wrong and what was expected.</param>
public sealed class AnalysisException(string message) : Exception(message);
