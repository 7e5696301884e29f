using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Phase 7, observation: units on site tell their own node what they see when it changed enough (their radio is
/// immediate), and the node shares it by the communication rule; residents call the district command about what
/// they face. Nodes learn only this way: decisions use beliefs, never the truth.
/// </summary>
internal sealed class ObservationPhase : Phase
{
    private readonly int _interval;
    private readonly ulong _callSeed;
    private readonly double _callsGetThrough;
    private readonly float[] _lastCalled;
    private int _lastCallTick = int.MinValue / 2;
    private readonly float[] _view;
    private readonly int[] _viewChangedTick;
    private readonly int[] _quietTick;
    private readonly int[] _quietZone;

    public ObservationPhase(RunState run)
        : base(run)
    {
        _interval = DurationTicks(Parameters.Communication.ReportIntervalH);
        _callSeed = RandomStreams.DeriveSeed(run.Seed, "calls");
        _callsGetThrough = Parameters.Public.CallsGetThrough;
        _lastCalled = new float[ZoneCount * Nodes.NeedCount]; // zero: residents call when a need appears, not to report its absence
        _view = new float[ZoneCount * Nodes.NeedCount];
        Array.Fill(_view, float.NaN);
        _viewChangedTick = new int[ZoneCount];
        _quietTick = new int[Units.Capacity];
        Array.Fill(_quietTick, int.MinValue);
        _quietZone = new int[Units.Capacity];
    }

    public void Observe()
    {
        bool skip = SkipIdleWork;
        int tick = Tick;
        if (skip)
        {
            LookAtZones();
        }

        for (int u = 0; u < UnitCount; u++)
        {
            var state = Units.State[u];
            if ((state != UnitState.Working && state != UnitState.Idle) || tick - Units.LastReportTick[u] < _interval)
            {
                continue;
            }

            int z = Units.Zone[u];
            if (skip && _quietZone[u] == z && _quietTick[u] >= _viewChangedTick[z])
            {
                continue; // it found nothing worth reporting here, and nothing here has changed since
            }

            int owner = Units.Owner[u];
            bool reported = false;
            for (int n = 0; n < Nodes.NeedCount; n++)
            {
                float seen = Seen(z, n);
                ref float last = ref Units.LastReported[(u * Nodes.NeedCount) + n];
                if (Worth(seen, last))
                {
                    last = seen;
                    reported = true;
                    // The unit's radio to its own dispatcher is immediate; sharing beyond it goes through the rules.
                    RadioToOwnNode(owner, z, n, seen);
                }
            }

            if (reported)
            {
                Units.LastReportTick[u] = Tick;
                _quietTick[u] = int.MinValue;
            }
            else
            {
                _quietTick[u] = Tick;
                _quietZone[u] = z;
            }
        }

        CallIn();
    }

    /// <summary>A unit arriving somewhere new forgets what it reported, so it reports everything it sees there, including "nothing".</summary>
    public void ForgetReports(int u)
    {
        Array.Fill(Units.LastReported, float.NaN, u * Nodes.NeedCount, Nodes.NeedCount);
        Units.LastReportTick[u] = int.MinValue / 2;
        _quietTick[u] = int.MinValue;
    }

    /// <summary>Residents (and shelter managers) call the emergency number — the district command — when what they face changes.</summary>
    private void CallIn()
    {
        if (Tick - _lastCallTick < _interval)
        {
            return;
        }

        _lastCallTick = Tick;
        for (int z = 0; z < ZoneCount; z++)
        {
            if (Zones.InitialResidents[z] == 0 && People.CountIn(z, PersonState.Sheltered) == 0)
            {
                continue; // nobody there to call
            }

            foreach (int n in TaskTraits.CalledInNeeds)
            {
                float seen = Seen(z, n);
                ref float last = ref _lastCalled[(z * Nodes.NeedCount) + n];
                if (Worth(seen, last) && GetsThrough(z, n))
                {
                    last = seen;
                    Comms.Call(z, n, seen);
                }
            }
        }
    }

    /// <summary>
    /// Whether the public's call about need <paramref name="need"/> in zone <paramref name="zone"/> gets through now
    /// (public.calls_get_through; a call that does not is tried again at the next round of calls). Counter-based, keyed
    /// by (tick, zone, need), so it does not depend on what else the run draws.
    /// </summary>
    private bool GetsThrough(int zone, int need)
    {
        if (_callsGetThrough >= 1)
        {
            return true;
        }

        long counter = (((long)Tick * ZoneCount) + zone) * Nodes.NeedCount + need;
        return CounterRandom.Uniform(_callSeed, counter, 0) < _callsGetThrough;
    }

    /// <summary>
    /// What anyone on site sees of every need in every zone this tick, and the last tick each zone's view changed.
    /// Observation changes no zone, so the values are computed once per tick however many units report them; and a
    /// unit that found nothing worth reporting in a zone need not look again until that zone's view changes
    /// (its <c>_quietTick</c> and <c>_quietZone</c>; cleared when it reports or forgets what it reported).
    /// </summary>
    private void LookAtZones()
    {
        var work = WorkPhase;
        for (int z = 0; z < ZoneCount; z++)
        {
            for (int n = 0; n < Nodes.NeedCount; n++)
            {
                int i = (z * Nodes.NeedCount) + n;
                float seen = (float)work.TrueNeed(z, n);
                if (!(seen == _view[i]))
                {
                    _view[i] = seen;
                    _viewChangedTick[z] = Tick;
                }
            }
        }
    }

    /// <summary>What anyone on site sees of need <paramref name="n"/> in zone <paramref name="z"/> this tick.</summary>
    private float Seen(int z, int n) => SkipIdleWork ? _view[(z * Nodes.NeedCount) + n] : (float)WorkPhase.TrueNeed(z, n);

    private bool Worth(float seen, float last) => Communication.Newsworthiness.Worth(seen, last, Parameters.Communication.ReportThreshold);
}
