namespace CrisisSim.Cli.Output;

/// <summary>
/// The rate of finished runs and the time left, from what was seen recently. The time before the first run of this
/// session finishes (start-up, the first scenario load) is warm-up and never counted. After it the rate is taken over
/// a recent window: a quarter of the time elapsed, between <see cref="MinWindow"/> and <see cref="MaxWindow"/> seconds.
/// The runtime's tiered JIT compiles the model's hot code fully only after a few dozen runs (on a loaded 2-core
/// machine the first runs took 10x as long as later ones), so early on the window is short and follows the speed-up;
/// later it is long and steady, and a change in run cost along the design does not skew the rest of the sweep.
/// </summary>
public sealed class RateEstimate
{
    /// <summary>The shortest window, in seconds.</summary>
    public const double MinWindow = 5;

    /// <summary>The longest window, in seconds.</summary>
    public const double MaxWindow = 60;

    private readonly Queue<(double Seconds, int Done)> _samples = new();
    private readonly int _already;
    private bool _warm;

    /// <summary>An estimate for a session that starts with <paramref name="already"/> runs done (a resume).</summary>
    public RateEstimate(int already) => _already = already;

    /// <summary>Runs per second, or NaN until a run has finished after the warm-up.</summary>
    public double Rate { get; private set; } = double.NaN;

    /// <summary>Records that <paramref name="done"/> runs are done at <paramref name="seconds"/> after the session's start; returns the estimated seconds left of <paramref name="total"/>.</summary>
    public double Observe(double seconds, int done, int total)
    {
        if (!_warm && done <= _already)
        {
            return double.NaN; // still warming up: no run of this session has finished
        }

        _samples.Enqueue((seconds, done));
        if (!_warm)
        {
            _warm = true;
            return double.NaN;
        }

        double window = Math.Clamp(seconds / 4, MinWindow, MaxWindow);
        while (_samples.Count > 2 && seconds - _samples.Peek().Seconds > window)
        {
            _samples.Dequeue();
        }

        var (from, fromDone) = _samples.Peek();
        Rate = seconds > from && done > fromDone ? (done - fromDone) / (seconds - from) : Rate;
        return done >= total ? 0 : double.IsFinite(Rate) && Rate > 0 ? (total - done) / Rate : double.NaN;
    }
}
