using System.Text;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Reads a CSV file written by <see cref="CsvTable"/> record by record, verbatim, with each record's line
/// number and byte offsets: a record ends at a CRLF outside quotes. A last record without its CRLF is
/// torn (the writer died mid-row) and is reported as such, never returned as a record.
/// </summary>
public sealed class RecordReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly List<byte> _record = [];
    private int _length;
    private int _pos;
    private long _offset;

    /// <summary>Opens <paramref name="path"/>, refusing anything but a regular file (a FIFO would block the read).</summary>
    public RecordReader(string path)
    {
        Path = path;
        BoundedFile.RequireRegular(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    /// <summary>The file, as <see cref="TableProblem"/> names it.</summary>
    public string Path { get; }

    /// <summary>1-based line of the record last returned (a quoted line break counts as a line).</summary>
    public long Line { get; private set; }

    /// <summary>Byte offset where the last record returned starts (a truncation there drops it and keeps everything before).</summary>
    public long Start { get; private set; }

    /// <summary>Byte offset just after the last complete record returned (where a truncation would keep it).</summary>
    public long End { get; private set; }

    /// <summary>True when the file ended inside a record (no final CRLF): the last row is torn.</summary>
    public bool Torn { get; private set; }

    /// <summary>The next complete record without its CRLF, or null at the end (see <see cref="Torn"/>).</summary>
    public string? Next()
    {
        _record.Clear();
        long start = _offset;
        bool quoted = false;
        long lines = 1;
        while (true)
        {
            if (_pos == _length)
            {
                _length = _stream.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_length == 0)
                {
                    Torn = _record.Count > 0;
                    return null;
                }
            }

            byte b = _buffer[_pos++];
            _offset++;
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (b == '\n' && !quoted && _record.Count > 0 && _record[^1] == '\r')
            {
                _record.RemoveAt(_record.Count - 1);
                Line += lines;
                Start = start;
                End = _offset;
                return Encoding.UTF8.GetString([.. _record]);
            }
            else if (b == '\n')
            {
                lines++;
            }

            _record.Add(b);
        }
    }

    /// <summary>Splits a record into its cells (quotes removed, doubled quotes undone).</summary>
    public static List<string> Cells(string record)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < record.Length; i++)
        {
            char c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();
}
