using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Phase 5, work: each working unit does its task where it stands — suppresses fire, frees trapped people, carries
/// the injured to hospital, guides the displaced to shelter, delivers kits, measures the release, gives blood — and
/// stops when the need it came for is gone. Also the true size of every need, which is what a unit on site sees.
/// </summary>
internal sealed class WorkPhase(RunState run) : Phase(run)
{
    private readonly double[] _fieldShare = new double[run.Nodes.Count];
    private readonly int[] _idleMembers = new int[run.Nodes.Count];
    private readonly int[] _workingMembers = new int[run.Nodes.Count];
    private readonly double[] _worksiteRoom = new double[run.ZoneCount];
    private readonly double[] _worksiteShare = [.. Enumerable.Repeat(1.0, run.Roster.Units.Capacity)]; // 1: no limit
    private readonly Discharges _discharges = new(run.DurationTicks(run.Parameters.Population.MinorStayH), run.DurationTicks(run.Parameters.Population.SeriousStayH));

    /// <summary>
    /// Fire intensity from which rescue is impossible; below it rescue slows linearly with intensity (assumption: rescue
    /// teams cannot search a zone whose fire is past the midpoint of its growth).
    /// </summary>
    public const double RescueImpossibleFromIntensity = 0.5;

    /// <summary>Units of blood transfused per serious admission (assumption).</summary>
    public const double BloodUnitsPerSeriousAdmission = 2;

    /// <summary>Share of normal rescue speed possible at fire intensity <paramref name="fire"/>.</summary>
    public static double RescueFactor(double fire) => Math.Max(0, 1 - (fire / RescueImpossibleFromIntensity));

    /// <summary>A unit on site starts (or resumes) its task.</summary>
    public void StartWork(int u)
    {
        Units.State[u] = UnitState.Working;
        Units.Carry[u] = 0;
        Units.StandbyEndTick[u] = int.MaxValue;
        int z = Units.Zone[u];
        var task = Units.Task[u];
        LearnFromSite(Units.Owner[u], z, (int)task);
        if (task == TaskKind.Supplies && Zones.Kits[z] >= DailyKits(z) && DailyKits(z) > 0)
        {
            Metrics.DuplicatedDeliveries++;
        }

        RecordPhase.NoteServed(z, (int)task);
        Emit(TraceKind.TaskStarted, Units.Owner[u], -1, u, z, (int)task, -1, 0, -1);
    }

    /// <summary>
    /// A unit on site sees whether the report from the other side that its node acted on was accurate: the
    /// relationship with that organisation learns from it (governance.trust_gain, trust_loss), once per report.
    /// </summary>
    private void LearnFromSite(int node, int zone, int task)
    {
        int bi = Nodes.BeliefIndex(node, zone, task);
        int source = Nodes.BeliefSource[bi];
        if (source < 0)
        {
            return;
        }

        var governance = Parameters.Governance;
        Nodes.Experience(source, !Nodes.BeliefMisstated[bi], governance.TrustGain, governance.TrustLoss);
        Nodes.BeliefSource[bi] = -1;
    }

    public void DoWork()
    {
        _discharges.Discharge(Tick, Zones);
        TakeCoordinationTime();
        ShareWorksites();
        for (int u = 0; u < UnitCount; u++)
        {
            if (Units.State[u] != UnitState.Working)
            {
                continue;
            }

            int z = Units.Zone[u];
            var task = Units.Task[u];
            if (TrueNeed(z, (int)task) <= 0)
            {
                if (OnStandby(u))
                {
                    continue; // it waits where it is for need to come back
                }

                StopWork(u);
                continue;
            }

            Units.StandbyEndTick[u] = int.MaxValue;

            double share = _fieldShare[Units.Owner[u]];
            double work = Units.Carry[u] + (Units.WorkRate[u] * Dt * share);
            switch (task)
            {
                case TaskKind.Fire:
                    Suppress(z, share);
                    work = 0;
                    break;
                case TaskKind.Rescue:
                    if (!Rescue(u, z, share, ref work))
                    {
                        continue; // stood down: nothing to carry over
                    }

                    break;
                case TaskKind.Medical:
                    work = Run.Casualties is { } ambulances ? ambulances.Load(u, z, work, this) : AdmitWhile(z, work);
                    break;
                case TaskKind.Shelter:
                    work = ShelterWhile(z, work);
                    break;
                case TaskKind.Supplies:
                    work = Deliver(u, z, work);
                    break;
                case TaskKind.Monitoring:
                    Measure(u, share);
                    work = 0;
                    break;
                case TaskKind.Blood:
                    Zones.Blood[z] += Math.Min(work, Zones.BloodTarget[z] - Zones.Blood[z]);
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

    /// <summary>
    /// The staff time each actor spent on coordination last tick (its messages and posts, <see cref="Nodes.CoordinationDueH"/>)
    /// is taken from its members on site: first from those idle, then from those working, whose work this tick shrinks
    /// by the share taken. What its members on site cannot give this tick is carried to the next.
    /// </summary>
    private void TakeCoordinationTime()
    {
        Array.Clear(_idleMembers);
        Array.Clear(_workingMembers);
        for (int u = 0; u < UnitCount; u++)
        {
            var state = Units.State[u];
            if (state == UnitState.Idle)
            {
                _idleMembers[Units.Owner[u]] += Units.Members[u];
            }
            else if (state == UnitState.Working)
            {
                _workingMembers[Units.Owner[u]] += Units.Members[u];
            }
        }

        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            double due = Nodes.CoordinationDueH[n];
            due -= Math.Min(due, _idleMembers[n] * Dt);
            double working = _workingMembers[n] * Dt;
            double taken = Math.Min(due, working);
            _fieldShare[n] = taken > 0 ? 1 - (taken / working) : 1;
            Metrics.CoordinationFieldHours += taken;
            Nodes.CoordinationDueH[n] = due - taken;
        }
    }

    /// <summary>Admits one injured person per whole task unit of <paramref name="work"/> while there is room; returns what is left.</summary>
    public double AdmitWhile(int z, double work)
    {
        while (work >= 1 && Admit(z))
        {
            work -= 1;
        }

        return work;
    }

    /// <summary>Guides one displaced person to shelter per whole task unit of <paramref name="work"/> while there is room; returns what is left.</summary>
    private double ShelterWhile(int z, double work)
    {
        while (work >= 1 && ShelterOne(z))
        {
            work -= 1;
        }

        return work;
    }

    /// <summary>A monitoring unit's measurements identify the chemicals with probability identify_per_unit_h per hour.</summary>
    private void Measure(int u, double share)
    {
        if (Nodes.Rng[Units.Owner[u]].Chance(Parameters.Hazard.Toxic.IdentifyPerUnitH * Dt * share))
        {
            HazardPhase.Identify(Units.Owner[u]);
        }
    }

    private void Suppress(int z, double share)
    {
        var fire = Parameters.Hazard.Fire;
        Zones.Fire[z] = Math.Max(0, Zones.Fire[z] - (fire.SuppressionPerUnitH * Dt * share));
        if (Zones.Fire[z] < fire.OutBelow)
        {
            Zones.Fire[z] = 0;
        }
    }

    /// <summary>
    /// Share of its rescue pace a unit of <paramref name="node"/> reaches in <paramref name="zone"/>: full where its node
    /// knows where the trapped are (a call, or a report from someone who knew), population.unlocated_rescue_factor where it
    /// must search for them (1 by default: every team knows).
    /// </summary>
    private double SearchPace(int node, int zone) => Nodes.IsLocated(node, zone) ? 1 : Parameters.Population.UnlocatedRescueFactor;

    /// <summary>
    /// The share of its work rate each rescue unit can give this tick (population.rescue_units_per_trapped): a zone has
    /// room for that many units per person trapped there as the tick begins; the units on site take the room in the
    /// order they were created (so the same ones work tick after tick and the rest wait, whatever the tick length), the
    /// last one in perhaps only part of it. 1 for every unit when there is no limit.
    /// </summary>
    private void ShareWorksites()
    {
        double perTrapped = Parameters.Population.RescueUnitsPerTrapped;
        if (perTrapped <= 0)
        {
            return; // no limit: every share stays at 1
        }

        for (int z = 0; z < ZoneCount; z++)
        {
            _worksiteRoom[z] = perTrapped * People.BucketSize(z, Residents.Bucket.Trapped);
        }

        for (int u = 0; u < UnitCount; u++)
        {
            if (Units.State[u] != UnitState.Working || Units.Task[u] != TaskKind.Rescue)
            {
                continue;
            }

            int z = Units.Zone[u];
            if (RescueFactor(Zones.Fire[z]) <= 0 || !CanRescueIn(u, z))
            {
                continue; // too hot to search, or too deep without boats: it stands down this tick and takes no room
            }

            double share = Math.Clamp(_worksiteRoom[z], 0, 1);
            _worksiteShare[u] = share;
            _worksiteRoom[z] -= share;
        }
    }

    /// <summary>Frees trapped people at the pace the fire allows; a unit in a zone too hot to search stands down.</summary>
    private bool Rescue(int u, int z, double share, ref double work)
    {
        if (!CanRescueIn(u, z))
        {
            StopWork(u); // the water is too deep to work without boats: the dispatcher decides again
            return false;
        }

        double searchable = RescueFactor(Zones.Fire[z]);
        if (searchable <= 0)
        {
            // Too hot to search: the unit radios what it sees to its node (so the dispatcher, who decides on beliefs,
            // does not send it straight back on an older, cooler belief), stands down and lets the dispatcher decide.
            RadioToOwnNode(Units.Owner[u], z, (int)TaskKind.Fire, (float)Zones.Fire[z]);
            StopWork(u);
            return false;
        }

        work = Units.Carry[u] + (Units.WorkRate[u] * Dt * share * searchable * SearchPace(Units.Owner[u], z) * _worksiteShare[u]);
        while (work >= 1 && People.BucketSize(z, Residents.Bucket.Trapped) > 0)
        {
            Free(People.MostUrgent(z, Residents.Bucket.Trapped), z); // triage: the one closest to death first
            work -= 1;
        }

        return true;
    }

    /// <summary>Whether unit <paramref name="u"/> can rescue in <paramref name="zone"/>: it has boats, or the water there is shallower than hazard.flood.boat_depth_m.</summary>
    public bool CanRescueIn(int u, int zone) => Units.Boat[u] || Zones.WaterDepthM[zone] < Parameters.Hazard.Flood.BoatDepthM;

    private void Free(int person, int zone)
    {
        RecordPhase.NoteRescue(Tick - People.SinceTick[person]);
        Metrics.Rescued++;
        var pop = Parameters.Population;
        var harm = HarmPhase;
        if (harm.Frailty(person, HarmPhase.FreedInjured) < pop.FreedInjuredShare)
        {
            bool serious = harm.Frailty(person, HarmPhase.FreedSerious) < pop.FreedSeriousShare;
            harm.Injure(person, zone, serious, HarmPhase.FrailtyFreedSerious);
        }
        else
        {
            People.DeadlineTick[person] = int.MaxValue;
            People.Move(person, PersonState.Displaced, zone, Tick);
        }
    }

    /// <summary>Carries one injured person (the seriously injured closest to death first: triage) from <paramref name="zone"/> to the nearest hospital with a free bed, for a stay.</summary>
    private bool Admit(int zone)
    {
        int person = NextPatient(zone);
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
        AdmitTo(person, hospital);
        return true;
    }

    /// <summary>
    /// The injured person of <paramref name="zone"/> a medical unit takes next, or -1: triage, the seriously injured
    /// closest to death first; the lightly injured (who do not die of it) in any order.
    /// </summary>
    public int NextPatient(int zone) =>
        People.BucketSize(zone, Residents.Bucket.InjuredSerious) > 0
            ? People.MostUrgent(zone, Residents.Bucket.InjuredSerious)
            : People.Last(zone, Residents.Bucket.InjuredMinor);

    /// <summary>
    /// Injured <paramref name="person"/> is admitted to <paramref name="hospital"/>, in the bed already taken for them,
    /// for a stay: treated, and a serious injury is given blood (what the hospital lacks is a shortfall).
    /// </summary>
    public void AdmitTo(int person, int hospital)
    {
        bool serious = People.Serious[person];
        _discharges.Admitted(serious, hospital, Tick);
        People.DeadlineTick[person] = int.MaxValue;
        People.Move(person, PersonState.Treated, hospital, Tick);
        Metrics.InjuredTreated++;
        if (serious)
        {
            double used = Math.Min(BloodUnitsPerSeriousAdmission, Zones.Blood[hospital]);
            Zones.Blood[hospital] -= used;
            Metrics.BloodShortfall += BloodUnitsPerSeriousAdmission - used;
        }
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
    public int Nearest(int from, ZoneKind kind)
    {
        int best = -1;
        double bestTime = double.PositiveInfinity;
        for (int z = 0; z < ZoneCount; z++)
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
            Metrics.FirstReliefH = (Tick + 1) * Dt;
        }

        Store(zone, kits);
        return work - kits;
    }

    /// <summary>Kits arrive at a site (delivered or donated); what exceeds its storage is wasted.</summary>
    public void Store(int zone, double kits)
    {
        Zones.Kits[zone] += kits;
        if (Zones.Kits[zone] > Zones.StorageKits[zone])
        {
            Metrics.WastedSupplies += Zones.Kits[zone] - Zones.StorageKits[zone];
            Zones.Kits[zone] = Zones.StorageKits[zone];
        }
    }

    /// <summary>Kits a zone's sheltered people use in a day (zero outside shelters).</summary>
    public double DailyKits(int zone) =>
        Zones.Kind[zone] == ZoneKind.Shelter ? People.CountIn(zone, PersonState.Sheltered) * Parameters.Population.KitsPerPersonDay : 0;

    /// <summary>The true size of need <paramref name="need"/> in <paramref name="zone"/> (what a unit on site sees).</summary>
    public double TrueNeed(int zone, int need) => (TaskKind)need switch
    {
        TaskKind.Fire => Zones.Fire[zone],
        TaskKind.Rescue => People.BucketSize(zone, Residents.Bucket.Trapped),
        TaskKind.Medical => People.BucketSize(zone, Residents.Bucket.InjuredSerious) + People.BucketSize(zone, Residents.Bucket.InjuredMinor),
        TaskKind.Shelter => People.BucketSize(zone, Residents.Bucket.Displaced),
        TaskKind.Supplies => Math.Max(0, DailyKits(zone) - Zones.Kits[zone]),
        TaskKind.Monitoring => Zones.Contaminated[zone] && !HazardPhase.Identified ? 1 : 0,
        TaskKind.Blood => Zones.Kind[zone] == ZoneKind.Hospital ? Math.Max(0, Zones.BloodTarget[zone] - Zones.Blood[zone]) : 0,
        _ => 0,
    };

    /// <summary>
    /// A unit stops its task (need met, too hot to search, nothing to deliver): it becomes idle where it is, radios its node
    /// what it now sees of that need there (so the node does not send a unit straight back on an older belief; the report
    /// counts as its last of that need, so observation does not repeat it) and its claim is released.
    /// </summary>
    /// <summary>
    /// Whether working unit <paramref name="u"/>, whose need is gone, is still on standby (actors.*.standby_h from the
    /// first tick it found nothing to do); it stops once the standby is over.
    /// </summary>
    private bool OnStandby(int u)
    {
        if (Units.StandbyEndTick[u] == int.MaxValue)
        {
            Units.StandbyEndTick[u] = Tick + DurationTicks(Parameters.Actors[Units.Owner[u] - Nodes.FirstActor].StandbyH);
        }

        return Tick < Units.StandbyEndTick[u];
    }

    public void StopWork(int u)
    {
        Units.State[u] = UnitState.Idle;
        int z = Units.Zone[u];
        int need = (int)Units.Task[u];
        float seen = (float)TrueNeed(z, need);
        Units.LastReported[(u * Nodes.NeedCount) + need] = seen;
        RadioToOwnNode(Units.Owner[u], z, need, seen);
        DispatchPhase.ReleaseClaim(u);
        Emit(TraceKind.TaskFinished, Units.Owner[u], -1, u, Units.Zone[u], (int)Units.Task[u], -1, 0, -1);
    }

    /// <summary>The unit's last member died: it leaves the road or its task, and its claim is released.</summary>
    public void LoseUnit(int u)
    {
        if (Units.State[u] == UnitState.Travelling && !Units.NoShow[u])
        {
            Roads.Arrive(u);
        }

        Units.NoShow[u] = false;

        bool committed = Units.State[u] is UnitState.Travelling or UnitState.Working;
        Units.State[u] = UnitState.Lost;
        if (committed)
        {
            DispatchPhase.ReleaseClaim(u);
            Emit(TraceKind.TaskFinished, Units.Owner[u], -1, u, Units.Zone[u], (int)Units.Task[u], -1, 0, -1);
        }
    }
}
