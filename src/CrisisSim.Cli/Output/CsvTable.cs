using System.Globalization;
using System.Text;
using CsvHelper;

namespace CrisisSim.Cli.Output;

/// <summary>
/// An RFC 4180 CSV file written with CsvHelper: UTF-8 without BOM, invariant culture, snake_case header,
/// and text cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) escaped
/// with a leading apostrophe. Numbers are written as the shortest text that round-trips. A text that already
/// starts with apostrophes before such a character gets one more, so <see cref="Unescape"/> gives back
/// exactly what was written, whatever it was.
/// </summary>
public sealed class CsvTable : IDisposable
{
    /// <summary>The first characters that make a text a formula to a spreadsheet (CsvHelper's, as OWASP recommends).</summary>
    private const string FormulaStarts = "=@+-\t\r";

    private static readonly CsvWriterOptions s_options = new() { Injection = CsvInjection.Escape, InjectionCharacters = FormulaStarts, FormatProvider = CultureInfo.InvariantCulture };
    private readonly TextWriter _text;
    private readonly CsvWriter _csv;

    /// <summary>Creates <paramref name="path"/> and writes the header, or (<paramref name="append"/>) appends rows to an existing table.</summary>
    public CsvTable(string path, IReadOnlyList<string> header, bool append = false)
        : this(new StreamWriter(path, append, new UTF8Encoding(false)), header, writeHeader: !append)
    {
    }

    private CsvTable(TextWriter text, IReadOnlyList<string> header, bool writeHeader)
    {
        _text = text;
        _csv = CsvWriter.Create(_text, s_options, leaveOpen: true);
        if (!writeHeader)
        {
            return;
        }

        foreach (string h in header)
        {
            _csv.WriteField(h);
        }

        _csv.EndRecord();
    }

    /// <summary>The exact text of the record <paramref name="write"/> produces, without its line end (to compare a file's rows with what would be written).</summary>
    public static string Render(IReadOnlyList<string> header, bool withHeader, Action<CsvTable> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var table = new CsvTable(text, header, withHeader))
        {
            write(table);
            if (!withHeader)
            {
                table.EndRow();
            }

            table.Flush();
        }

        return text.ToString().TrimEnd('\r', '\n');
    }

    /// <summary>A text cell, quoted as RFC 4180 needs and escaped against spreadsheet formulas (see the class).</summary>
    public void Text(string value) => _csv.WriteField(IsEscaped(value) ? "'" + value : value);

    /// <summary>
    /// The text a cell of this writer stood for: one leading apostrophe removed where <see cref="Text"/> put it, before a
    /// formula character (after any further apostrophes the text itself began with); any other cell as it is. Every
    /// reader of CrisisSim's own tables applies it, so a factor level such as <c>-x</c> or <c>=a</c> reads back as written.
    /// </summary>
    public static string Unescape(string cell) => IsEscaped(cell) ? cell[1..] : cell;

    /// <summary>Whether <paramref name="text"/> is one or more apostrophes followed by a formula character: the form of an escaped cell.</summary>
    private static bool IsEscaped(string text)
    {
        int quotes = 0;
        while (quotes < text.Length && text[quotes] == '\'')
        {
            quotes++;
        }

        return quotes > 0 && quotes < text.Length && FormulaStarts.Contains(text[quotes], StringComparison.Ordinal);
    }

    public void Integer(long value) => _csv.WriteField(value, default);

    /// <summary>Writes a number: whole values without a decimal point, others as the shortest round-trip text.</summary>
    public void Number(double value)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            _csv.WriteField((long)value, default);
        }
        else
        {
            _csv.WriteField(value, default);
        }
    }

    /// <summary>Ends the row with CRLF, which <see cref="RecordReader"/> takes as the end of a complete record.</summary>
    public void EndRow() => _csv.EndRecord();

    /// <summary>Hands what was written to the operating system, so it survives the process (a sweep flushes after every run).</summary>
    public void Flush()
    {
        _csv.Flush();
        _text.Flush();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }
}
