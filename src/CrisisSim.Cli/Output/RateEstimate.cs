namespace CrisisSim.Cli.Output;

/// <summary>
/// The rate of finished runs and the time left, from what was seen recently. The time before the first run of this
/// session finishes (start-up, JIT compilation, the first scenario load) is warm-up and never counted; after it, the
/// rate is taken over the last <see cref="Window"/> seconds (or since the warm-up ended, when that is shorter), so a
/// slow start or a change in run cost along the design does not skew the estimate for the rest of the sweep.
/// </summary>
public sealed class RateEstimate
{
    /// <summary>Seconds of history the rate is taken over.</summary>
    public const double Window = 30;

    private readonly Queue<(double Seconds, int Done)> _samples = new();
    private readonly int _already;
    private (double Seconds, int Done)? _warm;

    /// <summary>An estimate for a session that starts with <paramref name="already"/> runs done (a resume).</summary>
    public RateEstimate(int already) => _already = already;

    /// <summary>Runs per second, or NaN until a run has finished after the warm-up.</summary>
    public double Rate { get; private set; } = double.NaN;

    /// <summary>Records that <paramref name="done"/> runs are done at <paramref name="seconds"/> after the session's start; returns the estimated seconds left of <paramref name="total"/>.</summary>
    public double Observe(double seconds, int done, int total)
    {
        if (_warm is null)
        {
            if (done <= _already)
            {
                return double.NaN; // still warming up: no run of this session has finished
            }

            _warm = (seconds, done);
            _samples.Enqueue(_warm.Value);
            return double.NaN;
        }

        _samples.Enqueue((seconds, done));
        while (_samples.Count > 2 && seconds - _samples.Peek().Seconds > Window)
        {
            _samples.Dequeue();
        }

        var (from, fromDone) = _samples.Peek();
        Rate = seconds > from && done > fromDone ? (done - fromDone) / (seconds - from) : Rate;
        return done >= total ? 0 : double.IsFinite(Rate) && Rate > 0 ? (total - done) / Rate : double.NaN;
    }
}
