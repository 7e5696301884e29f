using CrisisSim.Core.Actors;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phases 3–5: scheduled arrivals, trips ending, and the work units do on site.</content>
public sealed partial class Simulation
{
    private void ArriveUnits()
    {
        for (int n = 2; n < Nodes.Count; n++)
        {
            // Scheduled units of a node are stored in arrival order: advance a cursor, touch nothing else.
            while (_nextScheduled[n] < _poolStart[n] && Units.AvailableTick[_nextScheduled[n]] <= Tick)
            {
                BecomePresent(_nextScheduled[n]++);
            }

            if (Tick == Nodes.ProcuredTick[n])
            {
                Nodes.Stock[n] += Nodes.ProcuredKits[n];
                Nodes.ProcuredKits[n] = 0;
            }
        }
    }

    private void FinishTrips()
    {
        for (int u = 0; u < _scheduledEnd; u++)
        {
            if (Units.State[u] != UnitState.Travelling || Units.ArriveTick[u] > Tick)
            {
                continue;
            }

            Roads.Load(Units.TripFrom[u], Units.Target[u], -Units.Vehicles[u]);
            Units.Zone[u] = Units.Target[u];
            ForgetReports(u); // a unit arriving somewhere new reports everything it sees there, including "nothing"
            StartWork(u);
        }
    }

    private void ForgetReports(int u)
    {
        Array.Fill(Units.LastReported, float.NaN, u * Nodes.NeedCount, Nodes.NeedCount);
        Units.LastReportTick[u] = int.MinValue / 2;
        _quietTick[u] = int.MinValue;
    }

    private void StartWork(int u)
    {
        Units.State[u] = UnitState.Working;
        Units.Carry[u] = 0;
        int z = Units.Zone[u];
        var task = Units.Task[u];
        if (task == TaskKind.Supplies && Zones.Kits[z] >= DailyKits(z) && DailyKits(z) > 0)
        {
            Metrics.DuplicatedDeliveries++;
        }

        int e = (z * Nodes.NeedCount) + (int)task;
        if (_episodeStart[e] >= 0 && !_episodeServed[e])
        {
            _episodeServed[e] = true;
            _responseLatencySum += (Tick - _episodeStart[e]) * _dt;
            _responseLatencyCount++;
        }

        Emit(TraceKind.TaskStarted, Units.Owner[u], -1, u, z, (int)task, -1, 0, -1);
    }

    private void DoWork()
    {
        for (int u = 0; u < _scheduledEnd; u++)
        {
            if (Units.State[u] != UnitState.Working)
            {
                continue;
            }

            int z = Units.Zone[u];
            var task = Units.Task[u];
            if (TrueNeed(z, (int)task) <= 0)
            {
                StopWork(u);
                continue;
            }

            double work = Units.Carry[u] + (Units.WorkRate[u] * _dt);
            switch (task)
            {
                case TaskKind.Fire:
                    Zones.Fire[z] = Math.Max(0, Zones.Fire[z] - (_scenario.Hazard.Fire.SuppressionPerUnitH * _dt));
                    if (Zones.Fire[z] < _scenario.Hazard.Fire.OutBelow)
                    {
                        Zones.Fire[z] = 0;
                    }

                    work = 0;
                    break;
                case TaskKind.Rescue:
                    double searchable = RescueFactor(Zones.Fire[z]);
                    if (searchable <= 0)
                    {
                        StopWork(u); // too hot to search: stand down and let the dispatcher decide again
                        continue;
                    }

                    work = Units.Carry[u] + (Units.WorkRate[u] * _dt * searchable);
                    while (work >= 1 && People.BucketSize(z, Residents.Bucket.Trapped) > 0)
                    {
                        Free(People.Last(z, Residents.Bucket.Trapped), z);
                        work -= 1;
                    }

                    break;
                case TaskKind.Medical:
                    while (work >= 1 && Admit(z))
                    {
                        work -= 1;
                    }

                    break;
                case TaskKind.Shelter:
                    while (work >= 1 && ShelterOne(z))
                    {
                        work -= 1;
                    }

                    break;
                case TaskKind.Supplies:
                    work = Deliver(u, z, work);
                    break;
                case TaskKind.Monitoring:
                    if (Nodes.Rng[Units.Owner[u]].Chance(_scenario.Hazard.Toxic.IdentifyPerUnitH * _dt))
                    {
                        Identify(Units.Owner[u]);
                    }

                    work = 0;
                    break;
                case TaskKind.Blood:
                    double given = Math.Min(work, Zones.BloodTarget[z] - Zones.Blood[z]);
                    Zones.Blood[z] += given;
                    work = 0;
                    break;
                default:
                    work = 0;
                    break;
            }

            // Fractional work carries over, but never more than one task unit, so a blocked unit cannot bank work.
            Units.Carry[u] = Math.Min(work, 1);
        }
    }

    /// <summary>Share of normal rescue speed possible at fire intensity <paramref name="fire"/>: none from half intensity up (assumption).</summary>
    private static double RescueFactor(double fire) => Math.Max(0, 1 - (2 * fire));

    private void Free(int person, int zone)
    {
        int trappedTicks = Tick - People.SinceTick[person];
        _rescueHistogram[Math.Min(trappedTicks, _rescueHistogram.Length - 1)]++;
        Metrics.Rescued++;
        var pop = _scenario.Population;
        if (CounterRandom.Uniform(_frailtySeed, person, FreedInjured) < pop.FreedInjuredShare)
        {
            bool serious = CounterRandom.Uniform(_frailtySeed, person, FreedSerious) < pop.FreedSeriousShare;
            MakeInjured(person, zone, serious, FrailtyFreedSerious);
        }
        else
        {
            People.DeadlineTick[person] = int.MaxValue;
            People.Move(person, PersonState.Displaced, zone, Tick);
        }
    }

    /// <summary>Carries one injured person (serious first: triage) from <paramref name="zone"/> to the nearest hospital with a free bed.</summary>
    private bool Admit(int zone)
    {
        bool serious = People.BucketSize(zone, Residents.Bucket.InjuredSerious) > 0;
        int person = People.Last(zone, serious ? Residents.Bucket.InjuredSerious : Residents.Bucket.InjuredMinor);
        if (person < 0)
        {
            return false;
        }

        int hospital = Nearest(zone, ZoneKind.Hospital);
        if (hospital < 0)
        {
            return false;
        }

        Zones.BedsUsed[hospital]++;
        People.DeadlineTick[person] = int.MaxValue;
        People.Move(person, PersonState.Treated, hospital, Tick);
        Metrics.InjuredTreated++;
        if (serious)
        {
            const double bloodPerSerious = 2; // assumption: units transfused per serious admission
            double used = Math.Min(bloodPerSerious, Zones.Blood[hospital]);
            Zones.Blood[hospital] -= used;
            Metrics.BloodShortfall += bloodPerSerious - used;
        }

        return true;
    }

    private bool ShelterOne(int zone)
    {
        int person = People.Last(zone, Residents.Bucket.Displaced);
        if (person < 0)
        {
            return false;
        }

        int shelter = Nearest(zone, ZoneKind.Shelter);
        if (shelter < 0)
        {
            return false;
        }

        People.Move(person, PersonState.Sheltered, shelter, Tick);
        return true;
    }

    /// <summary>The nearest zone of <paramref name="kind"/> with room (open shelter places, free beds), or -1.</summary>
    private int Nearest(int from, ZoneKind kind)
    {
        int best = -1;
        double bestTime = double.PositiveInfinity;
        for (int z = 0; z < _zoneCount; z++)
        {
            if (Zones.Kind[z] != kind)
            {
                continue;
            }

            bool room = kind == ZoneKind.Hospital
                ? Zones.BedsUsed[z] < Zones.Beds[z]
                : Tick >= Zones.ShelterOpensTick[z] && People.CountIn(z, PersonState.Sheltered) < Zones.ShelterCapacity[z];
            double time = Roads.FreeTime(from, z);
            if (room && time < bestTime)
            {
                best = z;
                bestTime = time;
            }
        }

        return best;
    }

    private double Deliver(int u, int zone, double work)
    {
        int owner = Units.Owner[u];
        double kits = Math.Min(work, Nodes.Stock[owner]);
        if (kits <= 0)
        {
            StopWork(u); // nothing left to deliver
            return 0;
        }

        Nodes.Stock[owner] -= kits;
        if (Metrics.FirstReliefH < 0 && Zones.Kind[zone] == ZoneKind.Shelter)
        {
            Metrics.FirstReliefH = (Tick + 1) * _dt;
        }

        Store(zone, kits);
        return work - kits;
    }

    private double DailyKits(int zone) =>
        Zones.Kind[zone] == ZoneKind.Shelter ? People.CountIn(zone, PersonState.Sheltered) * _scenario.Population.KitsPerPersonDay : 0;

    /// <summary>The true size of need <paramref name="need"/> in <paramref name="zone"/> (what a unit on site sees).</summary>
    private double TrueNeed(int zone, int need) => (TaskKind)need switch
    {
        TaskKind.Fire => Zones.Fire[zone],
        TaskKind.Rescue => People.BucketSize(zone, Residents.Bucket.Trapped),
        TaskKind.Medical => People.BucketSize(zone, Residents.Bucket.InjuredSerious) + People.BucketSize(zone, Residents.Bucket.InjuredMinor),
        TaskKind.Shelter => People.BucketSize(zone, Residents.Bucket.Displaced),
        TaskKind.Supplies => Math.Max(0, DailyKits(zone) - Zones.Kits[zone]),
        TaskKind.Monitoring => Zones.Contaminated[zone] && !_identified ? 1 : 0,
        TaskKind.Blood => Zones.Kind[zone] == ZoneKind.Hospital ? Math.Max(0, Zones.BloodTarget[zone] - Zones.Blood[zone]) : 0,
        _ => 0,
    };

    /// <summary>A unit stops its task (need met, nothing to deliver): it becomes idle where it is and its claim is released.</summary>
    private void StopWork(int u)
    {
        Units.State[u] = UnitState.Idle;
        ReleaseClaim(u);
        Emit(TraceKind.TaskFinished, Units.Owner[u], -1, u, Units.Zone[u], (int)Units.Task[u], -1, 0, -1);
    }

    private void LoseUnit(int u)
    {
        if (Units.State[u] == UnitState.Travelling)
        {
            Roads.Load(Units.TripFrom[u], Units.Target[u], -Units.Vehicles[u]);
        }

        bool committed = Units.State[u] is UnitState.Travelling or UnitState.Working;
        Units.State[u] = UnitState.Lost;
        if (committed)
        {
            ReleaseClaim(u);
            Emit(TraceKind.TaskFinished, Units.Owner[u], -1, u, Units.Zone[u], (int)Units.Task[u], -1, 0, -1);
        }
    }
}
