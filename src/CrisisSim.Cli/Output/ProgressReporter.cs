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
    private readonly int _already;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _done;
    private int _failed;

    /// <summary>Starts reporting <paramref name="total"/> runs of which <paramref name="already"/> were done before (resume), on <paramref name="error"/>.</summary>
    public ProgressReporter(TextWriter error, ProgressMode mode, int total, int already)
    {
        _error = error;
        _mode = mode;
        _total = total;
        _already = already;
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
        double rate = (done - _already) / seconds;
        double eta = rate > 0 ? (_total - done) / rate : double.NaN;
        var inv = CultureInfo.InvariantCulture;
        lock (this)
        {
            switch (_mode)
            {
                case ProgressMode.Json:
                    _error.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["done"] = done, ["total"] = _total, ["failed"] = Volatile.Read(ref _failed),
                        ["runs_per_s"] = Math.Round(rate, 3), ["elapsed_s"] = Math.Round(seconds, 1),
                        ["eta_s"] = double.IsFinite(eta) ? Math.Round(eta, 1) : -1, ["final"] = final,
                    }));
                    break;
                case ProgressMode.Bar:
                    int width = 30;
                    int filled = _total == 0 ? width : (int)(width * (double)done / _total);
                    _error.Write(string.Create(inv, $"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total} runs  {rate:0.0} runs/s  ETA {Eta(eta)}   "));
                    if (final)
                    {
                        _error.WriteLine();
                    }

                    break;
                default:
                    _error.WriteLine(string.Create(inv, $"{done}/{_total} runs ({100.0 * done / Math.Max(1, _total):0}%), {rate:0.0} runs/s, ETA {Eta(eta)}"));
                    break;
            }
        }
    }

    private static string Eta(double seconds) => !double.IsFinite(seconds) ? "?" :
        seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0}s") :
        seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0}m") :
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0}h");
}
