using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Communication;

/// <summary>
/// When the platform works: from its set-up (communication.platform.opens_h) on, except during outages. Outages start
/// as a Poisson process of rate outage_per_h and last an exponential time of mean outage_h, drawn once per run in hours
/// from their own stream, so the schedule depends on the seed alone, not on the tick length or on the traffic.
/// </summary>
internal sealed class PlatformSchedule
{
    private readonly int _opensTick;
    private readonly int[] _outageStart;
    private readonly int[] _outageEnd;
    private int _next;

    /// <summary>Draws the schedule of a run of <paramref name="horizonH"/> hours; <paramref name="ticksFor"/> maps hours to ticks.</summary>
    public PlatformSchedule(PlatformSettings settings, ulong runSeed, double horizonH, Func<double, int> ticksFor)
    {
        _opensTick = ticksFor(settings.OpensH);
        var starts = new List<int>();
        var ends = new List<int>();
        if (settings.OutagePerH > 0)
        {
            var rng = RandomStreams.Create(runSeed, "platform-outages");
            double t = settings.OpensH;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / settings.OutagePerH;
                if (t >= horizonH)
                {
                    break;
                }

                double end = t + (-Math.Log(1 - rng.NextDouble()) * settings.OutageH);
                int startTick = ticksFor(t);
                int endTick = ticksFor(Math.Min(end, horizonH));
                if (endTick > startTick)
                {
                    starts.Add(startTick);
                    ends.Add(endTick);
                }

                t = end;
            }
        }

        _outageStart = [.. starts];
        _outageEnd = [.. ends];
    }

    /// <summary>Outages as [start, end) tick intervals, in order (for the tests and the documentation).</summary>
    public IReadOnlyList<(int Start, int End)> Outages => [.. _outageStart.Select((s, i) => (s, _outageEnd[i]))];

    /// <summary>Whether the platform works during <paramref name="tick"/>. Ticks must be asked in non-decreasing order.</summary>
    public bool UpAt(int tick)
    {
        if (tick < _opensTick)
        {
            return false;
        }

        while (_next < _outageEnd.Length && tick >= _outageEnd[_next])
        {
            _next++;
        }

        return _next >= _outageStart.Length || tick < _outageStart[_next];
    }
}
