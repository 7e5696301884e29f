using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CrisisSim.Cli.Output;

/// <summary>How progress is shown on stderr.</summary>
public enum ProgressMode
{
    /// <summary>No display: stderr is not a terminal and --progress was not given.</summary>
    None,

    /// <summary>A line rewritten in place (a terminal).</summary>
    Bar,

    /// <summary>Plain lines (logs).</summary>
    Lines,

    /// <summary>JSON lines (machines).</summary>
    Json,
}

/// <summary>One progress display for all workers: runs done / total, runs per second, ETA. Reads a counter; never blocks workers.</summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter _error;
    private readonly ProgressMode _mode;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly RateEstimate _estimate;
    private readonly Func<int> _terminalWidth;
    private int _done;
    private int _failed;

    /// <summary>Starts reporting <paramref name="total"/> runs of which <paramref name="already"/> were done before (resume), on <paramref name="error"/>.</summary>
    /// <param name="error">Where progress is written.</param>
    /// <param name="mode">How.</param>
    /// <param name="total">Runs of this session, done ones included.</param>
    /// <param name="already">Runs done before this session.</param>
    /// <param name="terminalWidth">The terminal's width in columns (default 80); the bar fills it.</param>
    public ProgressReporter(TextWriter error, ProgressMode mode, int total, int already, Func<int>? terminalWidth = null)
    {
        _error = error;
        _estimate = new RateEstimate(already);
        _terminalWidth = terminalWidth ?? (() => 80);
        _mode = mode;
        _total = total;
        _done = already;
        if (mode != ProgressMode.None)
        {
            _timer = new Timer(_ => Print(final: false), null, 1000, mode == ProgressMode.Bar ? 250 : 2000);
        }
    }

    /// <summary>Counts one finished run; never blocks (the display reads the counters on its timer).</summary>
    public void Completed(bool failed)
    {
        Interlocked.Increment(ref _done);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Prints the final state (and ends a bar's line).</summary>
    public void Finish() => Print(final: true);

    /// <inheritdoc/>
    public void Dispose() => _timer?.Dispose();

    private void Print(bool final)
    {
        if (_mode == ProgressMode.None)
        {
            return;
        }

        int done = Volatile.Read(ref _done);
        double seconds = Math.Max(1e-9, _clock.Elapsed.TotalSeconds);
        var inv = CultureInfo.InvariantCulture;
        lock (this)
        {
            double eta = _estimate.Observe(seconds, done, _total);
            double rate = _estimate.Rate;
            switch (_mode)
            {
                case ProgressMode.Json:
                    _error.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["done"] = done, ["total"] = _total, ["failed"] = Volatile.Read(ref _failed),
                        ["runs_per_s"] = double.IsFinite(rate) ? Math.Round(rate, 3) : -1, ["elapsed_s"] = Math.Round(seconds, 1),
                        ["eta_s"] = double.IsFinite(eta) ? Math.Round(eta, 1) : -1, ["final"] = final,
                    }));
                    break;
                case ProgressMode.Bar:
                    _error.Write("\r" + Bar(_terminalWidth(), done, _total, string.Create(inv, $" {done}/{_total} runs  {Rate(rate)}  ETA {Eta(eta)}")));
                    if (final)
                    {
                        _error.WriteLine();
                    }

                    break;
                default:
                    _error.WriteLine(string.Create(inv, $"{done}/{_total} runs ({100.0 * done / Math.Max(1, _total):0}%), {Rate(rate)}, ETA {Eta(eta)}"));
                    break;
            }
        }
    }

    /// <summary>
    /// A bar and its <paramref name="text"/> in one line one column narrower than the terminal (a full line would wrap
    /// on some terminals): the bar takes what the text leaves, 10 to 60 columns; below that the text alone.
    /// </summary>
    internal static string Bar(int columns, int done, int total, string text)
    {
        int width = Math.Min(60, columns - 1 - text.Length - 2);
        if (width < 10)
        {
            string alone = text.Trim();
            return alone.Length < columns ? alone.PadRight(Math.Max(0, columns - 1)) : alone[..Math.Max(0, columns - 1)];
        }

        int filled = total == 0 ? width : (int)(width * (double)Math.Min(done, total) / total);
        return $"[{new string('#', filled)}{new string('.', width - filled)}]{text}".PadRight(columns - 1);
    }

    private static string Rate(double rate) => !double.IsFinite(rate) ? "warming up" :
        rate >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.0} runs/s") : string.Create(CultureInfo.InvariantCulture, $"{1 / rate:0.0} s/run");

    private static string Eta(double seconds) => !double.IsFinite(seconds) ? "?" :
        seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s") :
        seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0}m") :
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0}h");
}
