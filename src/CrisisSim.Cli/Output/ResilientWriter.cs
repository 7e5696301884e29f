using System.Text;

namespace CrisisSim.Cli.Output;

/// <summary>
/// Standard output or error that may be closed or broken (<c>2&gt;&amp;-</c>, a pipe whose reader left): the
/// first failed write turns it into a no-op, so a message that cannot be shown never aborts the work that
/// the message was about. What the work writes to files is unaffected. Every write holds one lock, so lines
/// written from several threads (the progress timer, the command) never interleave within a line.
/// </summary>
/// <param name="inner">The console stream.</param>
public sealed class ResilientWriter(TextWriter inner) : TextWriter
{
    private readonly Lock _gate = new();
    private volatile bool _broken;

    /// <summary>Whether the stream is a terminal (set by Program.cs from <see cref="Console.IsErrorRedirected"/>); see <see cref="CommandOutput.ErrorIsTerminal"/>.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The terminal's width in columns when <see cref="IsTerminal"/> (set by Program.cs from the console), else 80.</summary>
    public Func<int> Columns { get; init; } = () => 80;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc/>
    public override void Write(char value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(string? value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void WriteLine() => Guard(inner.WriteLine);

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    /// <inheritdoc/>
    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        lock (_gate)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                _broken = true;
            }
        }
    }
}
