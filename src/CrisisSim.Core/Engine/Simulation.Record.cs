using CrisisSim.Core.Actors;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phase 10, observation of the run: the per-tick record, need episodes and the final metrics.</content>
public sealed partial class Simulation
{
    private static readonly int[] s_episodeNeeds = [(int)TaskKind.Rescue, (int)TaskKind.Medical, (int)TaskKind.Shelter, (int)TaskKind.Supplies];

    private void Record()
    {
        TrackEpisodes();
        var r = new TickRecord
        {
            Tick = Tick,
            TimeH = (Tick + 1) * _dt,
            Unaffected = People.Total(PersonState.Unaffected),
            Displaced = People.Total(PersonState.Displaced),
            Injured = People.Total(PersonState.Injured),
            Trapped = People.Total(PersonState.Trapped),
            Sheltered = People.Total(PersonState.Sheltered),
            Treated = People.Total(PersonState.Treated),
            Dead = People.Total(PersonState.Dead),
            RespondersDead = Metrics.DeathsResponder,
            Rumour = _rumour,
            Attention = _attention,
            MessagesSent = Metrics.MessagesSent,
            HazardKnownHq = Knows(Nodes.Headquarters) ? 1 : 0,
        };

        for (int z = 0; z < _zoneCount; z++)
        {
            r.FireIntensity += Zones.Fire[z];
            r.SiteKits += Zones.Kits[z];
            if (Zones.Kind[z] == ZoneKind.Shelter)
            {
                r.SuppliesDeficit += Math.Max(0, DailyKits(z) - Zones.Kits[z]);
            }
        }

        int pending = 0;
        foreach (var ring in _inFlight)
        {
            pending += ring.Count;
        }

        foreach (var inbox in Nodes.Inbox)
        {
            pending += inbox.Count;
        }

        r.MessagesPending = pending + (int)Math.Min(int.MaxValue, _platform.Backlog);
        for (int u = 0; u < _scheduledEnd; u++)
        {
            var state = Units.State[u];
            bool org = Nodes.Sector[Units.Owner[u]] == Sector.Organisation;
            switch (state)
            {
                case UnitState.Working: r.UnitsWorking++; break;
                case UnitState.Travelling: r.UnitsTravelling++; break;
                case UnitState.Idle: r.UnitsIdle++; break;
                default: continue;
            }

            if (org)
            {
                r.VolunteersPresent += Units.Members[u];
                if (state == UnitState.Idle)
                {
                    r.VolunteersIdle += Units.Members[u];
                }
            }
        }

        if (TicksFor(24) == Tick + 1)
        {
            Metrics.ShelteredDay1 = r.Sheltered;
        }

        _current = r;
    }

    /// <summary>Opens an episode when a need appears in a zone, closes it when the need is gone.</summary>
    private void TrackEpisodes()
    {
        for (int z = 0; z < _zoneCount; z++)
        {
            foreach (int n in s_episodeNeeds)
            {
                int e = (z * Nodes.NeedCount) + n;
                bool present = TrueNeed(z, n) > 0;
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
            _infoLatencySum += (Tick - _episodeStart[e]) * _dt;
            _infoLatencyCount++;
        }

        if (!_episodeServed[e])
        {
            _responseLatencySum += (Tick - _episodeStart[e]) * _dt;
            _responseLatencyCount++;
        }

        _episodeStart[e] = -1;
    }

    /// <summary>Headquarters now believes need <paramref name="need"/> in <paramref name="zone"/>: close the latency clock.</summary>
    private void HeadquartersLearns(int zone, int need, float value, int observedTick)
    {
        int e = (zone * Nodes.NeedCount) + need;
        if (value > 0 && _episodeStart[e] >= 0 && !_episodeKnownHq[e] && observedTick >= _episodeStart[e])
        {
            _episodeKnownHq[e] = true;
            _infoLatencySum += (Tick - _episodeStart[e]) * _dt;
            _infoLatencyCount++;
        }
    }

    private void NoteHazardKnown(int node)
    {
        Nodes.HazardKnownTick[node] = Math.Min(Nodes.HazardKnownTick[node], Tick);
        if (node == Nodes.Headquarters && Metrics.HazardKnownAtDispatchH < 0)
        {
            Metrics.HazardKnownAtDispatchH = (Tick + 1) * _dt; // end of the tick, like time_h in ticks.csv
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

        m.RescueTimeMeanH = count == 0 ? 0 : sum / count * _dt;
        m.RescueTimeP90H = count == 0 ? 0 : Percentile(0.9, count) * _dt;
        return m;
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
