using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Metrics;

/// <summary>
/// Phase 10, the record of the run: the per-tick record, the need episodes behind the latency metrics (a need appears
/// in a zone; headquarters learns of it; a unit starts on it; it ends), the rescue-time histogram and the final metrics.
/// </summary>
internal sealed class RecordPhase : Phase
{
    /// <summary>Hours after the start at which sheltered_day1 is taken: the end of the first day.</summary>
    public const double FirstDayH = 24;

    private readonly int[] _episodeStart;
    private readonly bool[] _episodeKnownHq;
    private readonly bool[] _episodeServed;
    private readonly int[] _rescueHistogram;
    private readonly int _firstDayEndTick;
    private double _infoLatencySum;
    private int _infoLatencyCount;
    private double _responseLatencySum;
    private int _responseLatencyCount;

    public RecordPhase(RunState run)
        : base(run)
    {
        _episodeStart = new int[ZoneCount * Nodes.NeedCount];
        Array.Fill(_episodeStart, -1);
        _episodeKnownHq = new bool[ZoneCount * Nodes.NeedCount];
        _episodeServed = new bool[ZoneCount * Nodes.NeedCount];
        _rescueHistogram = new int[run.TickCount + 2];
        _firstDayEndTick = TicksFor(FirstDayH);
    }

    /// <summary>The state at the end of the last simulated tick.</summary>
    public TickRecord Current { get; private set; }

    public void Record()
    {
        TrackEpisodes();
        var work = WorkPhase;
        var r = new TickRecord
        {
            Tick = Tick,
            TimeH = (Tick + 1) * Dt,
            Unaffected = People.Total(PersonState.Unaffected),
            Displaced = People.Total(PersonState.Displaced),
            Injured = People.Total(PersonState.Injured),
            Trapped = People.Total(PersonState.Trapped),
            Sheltered = People.Total(PersonState.Sheltered),
            Treated = People.Total(PersonState.Treated),
            Dead = People.Total(PersonState.Dead),
            RespondersDead = Metrics.DeathsResponder,
            Rumour = PublicPhase.Rumour,
            Attention = PublicPhase.Attention,
            MessagesSent = Metrics.MessagesSent,
            HazardKnownHq = Knows(Nodes.Headquarters) ? 1 : 0,
        };

        for (int z = 0; z < ZoneCount; z++)
        {
            r.FireIntensity += Zones.Fire[z];
            r.SiteKits += Zones.Kits[z];
            if (Zones.Kind[z] == ZoneKind.Shelter)
            {
                r.SuppliesDeficit += Math.Max(0, work.DailyKits(z) - Zones.Kits[z]);
            }
        }

        r.MessagesPending = Comms.Pending;
        CountUnits(ref r);
        if (_firstDayEndTick == Tick + 1)
        {
            Metrics.ShelteredDay1 = r.Sheltered;
        }

        Current = r;
    }

    /// <summary>Units working, travelling and idle, and the volunteers present and idle.</summary>
    private void CountUnits(ref TickRecord r)
    {
        // Counted in locals and stored once: a store through the ref could alias the arrays, so the JIT would reload
        // every array from its object on each unit.
        var state = Units.State;
        var owner = Units.Owner;
        var members = Units.Members;
        var traits = Nodes.Traits;
        int working = 0, travelling = 0, idle = 0, present = 0, volunteersIdle = 0;
        for (int u = 0; u < UnitCount; u++)
        {
            var s = state[u];
            switch (s)
            {
                case UnitState.Working: working++; break;
                case UnitState.Travelling: travelling++; break;
                case UnitState.Idle: idle++; break;
                default: continue;
            }

            if (traits[owner[u]].CountsAsVolunteers)
            {
                present += members[u];
                if (s == UnitState.Idle)
                {
                    volunteersIdle += members[u];
                }
            }
        }

        r.UnitsWorking = working;
        r.UnitsTravelling = travelling;
        r.UnitsIdle = idle;
        r.VolunteersPresent = present;
        r.VolunteersIdle = volunteersIdle;
    }

    /// <summary>A trapped person was freed after <paramref name="trappedTicks"/> ticks.</summary>
    public void NoteRescue(int trappedTicks) => _rescueHistogram[Math.Min(trappedTicks, _rescueHistogram.Length - 1)]++;

    /// <summary>A unit started on need <paramref name="need"/> in <paramref name="zone"/>: close the response clock of its episode.</summary>
    public void NoteServed(int zone, int need)
    {
        int e = (zone * Nodes.NeedCount) + need;
        if (_episodeStart[e] >= 0 && !_episodeServed[e])
        {
            _episodeServed[e] = true;
            _responseLatencySum += (Tick - _episodeStart[e]) * Dt;
            _responseLatencyCount++;
        }
    }

    /// <summary>Headquarters now believes need <paramref name="need"/> in <paramref name="zone"/>: close the latency clock.</summary>
    public void HeadquartersLearns(int zone, int need, float value, int observedTick)
    {
        int e = (zone * Nodes.NeedCount) + need;
        if (value > 0 && _episodeStart[e] >= 0 && !_episodeKnownHq[e] && observedTick >= _episodeStart[e])
        {
            _episodeKnownHq[e] = true;
            _infoLatencySum += (Tick - _episodeStart[e]) * Dt;
            _infoLatencyCount++;
        }
    }

    /// <summary>Node <paramref name="node"/> learns the chemicals' identity now (if it did not know already).</summary>
    public void NoteHazardKnown(int node)
    {
        Nodes.HazardKnownTick[node] = Math.Min(Nodes.HazardKnownTick[node], Tick);
        if (node == Nodes.Headquarters && Metrics.HazardKnownAtDispatchH < 0)
        {
            Metrics.HazardKnownAtDispatchH = (Tick + 1) * Dt; // end of the tick, like time_h in ticks.csv
        }
    }

    /// <summary>Closes open episodes and computes the final metrics. Call once, after the last tick.</summary>
    public RunMetrics Finish()
    {
        for (int e = 0; e < _episodeStart.Length; e++)
        {
            if (_episodeStart[e] >= 0)
            {
                CloseEpisode(e);
            }
        }

        var m = Metrics;
        m.UnmetNeedHours = m.UnmetRescueHours + m.UnmetMedicalHours + m.UnmetShelterHours + m.UnmetSuppliesHours;
        m.InfoLatencyMeanH = _infoLatencyCount == 0 ? 0 : _infoLatencySum / _infoLatencyCount;
        m.ResponseLatencyMeanH = _responseLatencyCount == 0 ? 0 : _responseLatencySum / _responseLatencyCount;
        long count = 0;
        double sum = 0;
        for (int t = 0; t < _rescueHistogram.Length; t++)
        {
            count += _rescueHistogram[t];
            sum += _rescueHistogram[t] * (double)t;
        }

        m.RescueTimeMeanH = count == 0 ? 0 : sum / count * Dt;
        m.RescueTimeP90H = count == 0 ? 0 : Percentile(0.9, count) * Dt;
        m.TrustChange = MeanTrustChange();
        return m;
    }

    /// <summary>The mean change of trust in the relationships between the government and the organisations (0 if there are none).</summary>
    private double MeanTrustChange()
    {
        double sum = 0;
        int count = 0;
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (!Nodes.Traits[n].UnderCommand)
            {
                sum += Nodes.Trust[n] - Parameters.Governance.Trust;
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    /// <summary>Opens an episode when a need appears in a zone, closes it when the need is gone.</summary>
    private void TrackEpisodes()
    {
        var work = WorkPhase;
        for (int z = 0; z < ZoneCount; z++)
        {
            foreach (int n in TaskTraits.EpisodeNeeds)
            {
                int e = (z * Nodes.NeedCount) + n;
                bool present = work.TrueNeed(z, n) > 0;
                if (present && _episodeStart[e] < 0)
                {
                    _episodeStart[e] = Tick;
                    _episodeKnownHq[e] = false;
                    _episodeServed[e] = false;
                }
                else if (!present && _episodeStart[e] >= 0)
                {
                    CloseEpisode(e);
                }
            }
        }
    }

    private void CloseEpisode(int e)
    {
        // A need that ends (or the run ends) before headquarters knows counts with the time it stood unknown:
        // leaving it out would make an arm where headquarters learns nothing look fast.
        if (!_episodeKnownHq[e])
        {
            _infoLatencySum += (Tick - _episodeStart[e]) * Dt;
            _infoLatencyCount++;
        }

        if (!_episodeServed[e])
        {
            _responseLatencySum += (Tick - _episodeStart[e]) * Dt;
            _responseLatencyCount++;
        }

        _episodeStart[e] = -1;
    }

    /// <summary>The nearest-rank percentile of rescue times, in ticks.</summary>
    private int Percentile(double q, long count)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(q * count));
        long seen = 0;
        for (int t = 0; t < _rescueHistogram.Length; t++)
        {
            seen += _rescueHistogram[t];
            if (seen >= rank)
            {
                return t;
            }
        }

        return _rescueHistogram.Length - 1;
    }
}
