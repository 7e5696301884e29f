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

    private readonly NeedEpisodes _episodes;
    private readonly int[] _rescueHistogram;
    private readonly int _firstDayEndTick;
    private readonly int _withinDayTicks;
    private readonly int[] _deadInZone;
    private readonly int[] _respondersDeadInZone;
    private readonly int[] _tollObservedTick;
    private readonly int[] _tollKnown;

    public RecordPhase(RunState run)
        : base(run)
    {
        _episodes = new NeedEpisodes(ZoneCount * Nodes.NeedCount, Dt);
        _rescueHistogram = new int[run.TickCount + 2];
        _firstDayEndTick = TicksFor(FirstDayH);
        _withinDayTicks = DurationTicks(FirstDayH);
        // The dead per zone at the end of every tick, so that a report observed at tick t tells headquarters the toll of
        // its zone at t (allocated with the run: nothing per tick).
        _deadInZone = new int[(run.TickCount + 1) * ZoneCount];
        _respondersDeadInZone = new int[ZoneCount];
        _tollObservedTick = new int[ZoneCount];
        Array.Fill(_tollObservedTick, -1);
        _tollKnown = new int[ZoneCount];
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
            Injured = People.Total(PersonState.Injured) + People.Total(PersonState.InTransit), // not yet admitted
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
            _deadInZone[(Tick * ZoneCount) + z] = DeadIn(z);
            r.DeathsKnownHq += _tollKnown[z];
        }

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
                case UnitState.Travelling or UnitState.Carrying: travelling++; break;
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
        _episodes.Served((zone * Nodes.NeedCount) + need, Tick);
    }

    /// <summary><paramref name="deaths"/> responders died in <paramref name="zone"/>.</summary>
    public void NoteResponderDeaths(int zone, int deaths) => _respondersDeadInZone[zone] += deaths;

    /// <summary>Responders who died in <paramref name="zone"/> so far.</summary>
    public int RespondersDeadIn(int zone) => _respondersDeadInZone[zone];

    /// <summary>Whether headquarters has learned of the open episode of need <paramref name="need"/> in <paramref name="zone"/>.</summary>
    public bool HeadquartersKnows(int zone, int need) => _episodes.IsKnown((zone * Nodes.NeedCount) + need);

    /// <summary>Residents and responders dead in <paramref name="zone"/> now.</summary>
    private int DeadIn(int zone) => People.CountIn(zone, PersonState.Dead) + _respondersDeadInZone[zone];

    /// <summary>
    /// Headquarters now believes need <paramref name="need"/> in <paramref name="zone"/>, as observed at
    /// <paramref name="observedTick"/>: close the latency clock, and the report tells it the zone's toll at that tick (an
    /// assumption: a situation report from a zone says how many have died there).
    /// </summary>
    public void HeadquartersLearns(int zone, int need, float value, int observedTick)
    {
        if (observedTick > _tollObservedTick[zone])
        {
            _tollObservedTick[zone] = observedTick;
            _tollKnown[zone] = observedTick < Tick ? _deadInZone[(observedTick * ZoneCount) + zone] : DeadIn(zone);
        }

        int e = (zone * Nodes.NeedCount) + need;
        if (value > 0 && _episodes.IsOpen(e) && observedTick >= _episodes.StartTick(e))
        {
            _episodes.Known(e, Tick);
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
        _episodes.CloseAll(Tick);
        var m = Metrics;
        m.UnmetNeedHours = m.UnmetRescueHours + m.UnmetMedicalHours + m.UnmetShelterHours + m.UnmetSuppliesHours;
        m.InfoLatencyMeanH = _episodes.InfoLatencyMeanH;
        m.ResponseLatencyMeanH = _episodes.ResponseLatencyMeanH;
        long count = 0;
        double sum = 0;
        for (int t = 0; t < _rescueHistogram.Length; t++)
        {
            count += _rescueHistogram[t];
            sum += _rescueHistogram[t] * (double)t;
        }

        m.RescueTimeMeanH = count == 0 ? 0 : sum / count * Dt;
        m.RescueTimeP90H = count == 0 ? 0 : Percentile(0.9, count) * Dt;
        long withinDay = 0;
        for (int t = 0; t <= Math.Min(_withinDayTicks, _rescueHistogram.Length - 1); t++)
        {
            withinDay += _rescueHistogram[t];
        }

        m.RescuedWithin24h = count == 0 ? 0 : withinDay / (double)count;
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

    /// <summary>Opens an episode when a need appears in a zone, follows its size in persons, closes it when the need is gone.</summary>
    private void TrackEpisodes()
    {
        for (int z = 0; z < ZoneCount; z++)
        {
            foreach (int n in TaskTraits.EpisodeNeeds)
            {
                _episodes.Observe((z * Nodes.NeedCount) + n, PersonsInNeed(z, n), Tick);
            }
        }
    }

    /// <summary>
    /// People need <paramref name="need"/> concerns in <paramref name="zone"/> now: the trapped, the injured, the displaced,
    /// and for supplies the sheltered people whose day's kits are missing (the kit deficit over population.kits_per_person_day).
    /// </summary>
    public double PersonsInNeed(int zone, int need)
    {
        double size = WorkPhase.TrueNeed(zone, need);
        return (TaskKind)need == TaskKind.Supplies && size > 0 ? size / Parameters.Population.KitsPerPersonDay : size;
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
