namespace CrisisSim.Core.Metrics;

/// <summary>
/// The need episodes behind the latency metrics, one slot per (zone, need): an episode opens when a need appears in a
/// zone, its information clock stops when headquarters learns of it, its response clock when a unit starts on it, and it
/// closes when the need is gone (or at the horizon). The latency means are weighted by people: each episode counts with
/// the most people it concerned at once (its peak size in persons), so one trapped person counts one thousandth of a
/// thousand. A clock still running when the episode closes counts with the episode's whole duration.
/// </summary>
internal sealed class NeedEpisodes
{
    private readonly double _dt;
    private readonly int[] _start;
    private readonly double[] _peakPersons;
    private readonly int[] _knownTick;
    private readonly int[] _servedTick;
    private double _infoSum;
    private double _responseSum;
    private double _weight;

    /// <summary>Slots for <paramref name="episodes"/> (zone, need) pairs, with ticks of <paramref name="dt"/> hours.</summary>
    public NeedEpisodes(int episodes, double dt)
    {
        _dt = dt;
        _start = new int[episodes];
        Array.Fill(_start, -1);
        _peakPersons = new double[episodes];
        _knownTick = new int[episodes];
        _servedTick = new int[episodes];
    }

    /// <summary>Whether episode <paramref name="e"/> is open.</summary>
    public bool IsOpen(int e) => _start[e] >= 0;

    /// <summary>The tick episode <paramref name="e"/> opened (-1 when none is open).</summary>
    public int StartTick(int e) => _start[e];

    /// <summary>Whether episode <paramref name="e"/> is open and headquarters has learned of it.</summary>
    public bool IsKnown(int e) => _start[e] >= 0 && _knownTick[e] >= 0;

    /// <summary>The need of slot <paramref name="e"/> concerns <paramref name="persons"/> people at tick <paramref name="tick"/> (0: none): opens, grows or closes its episode.</summary>
    public void Observe(int e, double persons, int tick)
    {
        if (persons > 0)
        {
            if (_start[e] < 0)
            {
                _start[e] = tick;
                _peakPersons[e] = 0;
                _knownTick[e] = -1;
                _servedTick[e] = -1;
            }

            _peakPersons[e] = Math.Max(_peakPersons[e], persons);
        }
        else if (_start[e] >= 0)
        {
            Close(e, tick);
        }
    }

    /// <summary>Headquarters learns of the need of open episode <paramref name="e"/> at <paramref name="tick"/> (the first time counts).</summary>
    public void Known(int e, int tick)
    {
        if (_start[e] >= 0 && _knownTick[e] < 0)
        {
            _knownTick[e] = tick;
        }
    }

    /// <summary>A unit starts on the need of open episode <paramref name="e"/> at <paramref name="tick"/> (the first time counts).</summary>
    public void Served(int e, int tick)
    {
        if (_start[e] >= 0 && _servedTick[e] < 0)
        {
            _servedTick[e] = tick;
        }
    }

    /// <summary>Closes episode <paramref name="e"/> at <paramref name="tick"/>: its latencies enter the means with its peak size as weight.</summary>
    public void Close(int e, int tick)
    {
        double weight = _peakPersons[e];
        _infoSum += weight * ((_knownTick[e] >= 0 ? _knownTick[e] : tick) - _start[e]) * _dt;
        _responseSum += weight * ((_servedTick[e] >= 0 ? _servedTick[e] : tick) - _start[e]) * _dt;
        _weight += weight;
        _start[e] = -1;
    }

    /// <summary>Closes every open episode at <paramref name="tick"/> (the horizon).</summary>
    public void CloseAll(int tick)
    {
        for (int e = 0; e < _start.Length; e++)
        {
            if (_start[e] >= 0)
            {
                Close(e, tick);
            }
        }
    }

    /// <summary>Mean hours from a need arising to headquarters knowing it, weighted by the episodes' peak sizes in persons (0 without episodes).</summary>
    public double InfoLatencyMeanH => _weight == 0 ? 0 : _infoSum / _weight;

    /// <summary>Mean hours from a need arising to the first unit working on it, weighted as <see cref="InfoLatencyMeanH"/>.</summary>
    public double ResponseLatencyMeanH => _weight == 0 ? 0 : _responseSum / _weight;
}
