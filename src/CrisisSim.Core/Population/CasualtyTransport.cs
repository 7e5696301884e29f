using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Population;

/// <summary>
/// The injured on the road to hospital (traffic.casualties_by_road). Where a medical unit would admit one person (a
/// whole task unit of its work), it takes up to traffic.patients_per_ambulance of its zone's injured in triage order,
/// reserves their beds at the nearest hospital with free beds (all of them there, while beds last), stops its task
/// (its claim is released) and drives there on its own trip: its vehicles load each road of the route while it is on
/// it and congestion delays it as any unit. On the way the patients are <see cref="PersonState.InTransit"/>, counted at
/// that hospital and still untreated: a serious injury's deadline runs on, so a patient can die on the way (the bed is
/// freed), and the time counts as unmet medical need. When the trip ends they are admitted (a stay, blood, counted as
/// treated) and the unit is idle at the hospital, free for dispatch. A unit on the road is never harmed (only units in
/// a zone are), so nobody is left in a lost ambulance. Each tick's work is a scan of the units, allocation-free.
/// </summary>
internal sealed class CasualtyTransport
{
    private readonly RunState _run;
    private readonly Units _units;
    private readonly Residents _people;
    private readonly World.ZoneState _zones;
    private readonly World.RoadNetwork _roads;
    private readonly Metrics.RunMetrics _metrics;
    private readonly int _perTrip;
    private readonly int[] _patients;
    private readonly int[] _aboard;
    private int _onTheWay;
    private int _carrying;

    private CasualtyTransport(RunState run)
    {
        _run = run;
        _units = run.Units;
        _people = run.People;
        _zones = run.Zones;
        _roads = run.Roads;
        _metrics = run.Metrics;
        _perTrip = run.Parameters.Traffic.PatientsPerAmbulance;
        _patients = new int[run.Units.Capacity * _perTrip];
        _aboard = new int[run.Units.Capacity];
    }

    /// <summary>The casualty transport of a run whose injured travel by road (traffic.casualties_by_road), or null.</summary>
    public static CasualtyTransport? For(RunState run) => run.Parameters.Traffic.CasualtiesByRoad ? new CasualtyTransport(run) : null;

    /// <summary>Patients on the road now, in every unit.</summary>
    public int OnTheWay => _onTheWay;

    /// <summary>Patients who died on the way so far (each also a civilian death).</summary>
    public int DiedOnTheWay { get; private set; }

    /// <summary>
    /// Medical unit <paramref name="u"/>, working in <paramref name="zone"/> with <paramref name="work"/> task units of
    /// work, takes the injured to hospital if it has a whole task unit: it leaves now with up to
    /// traffic.patients_per_ambulance of them. Returns the work left. Injured in a hospital's own zone need no trip and
    /// are admitted as without transport (<see cref="WorkPhase.AdmitWhile"/>).
    /// </summary>
    public double Load(int u, int zone, double work, WorkPhase care)
    {
        if (work < 1)
        {
            return work;
        }

        int person = care.NextPatient(zone);
        int hospital = person < 0 ? -1 : care.Nearest(zone, ZoneKind.Hospital);
        if (hospital < 0)
        {
            return work;
        }

        if (hospital == zone)
        {
            return care.AdmitWhile(zone, work);
        }

        int tick = _run.Tick;
        int first = u * _perTrip;
        int aboard = 0;
        while (person >= 0)
        {
            _zones.BedsUsed[hospital]++; // reserved now: nobody else takes it while the patient is on the way
            _people.Move(person, PersonState.InTransit, hospital, tick);
            _patients[first + aboard++] = person;
            person = aboard < _perTrip && _zones.BedsUsed[hospital] < _zones.Beds[hospital] ? care.NextPatient(zone) : -1;
        }

        _aboard[u] = aboard;
        _onTheWay += aboard;
        _carrying++;
        care.StopWork(u); // its task here is over: the claim is released and its node hears what is left
        _units.State[u] = UnitState.Carrying;
        _units.Target[u] = hospital;
        double vehicles = _units.Vehicles[u];
        double time = _roads.Depart(u, zone, hospital, vehicles, tick * _run.Dt);
        _metrics.CongestionDelayH += (time - _roads.FreeTime(zone, hospital)) * vehicles;
        _units.ArriveTick[u] = tick + Math.Max(1, _run.DurationTicks(time));
        return work - 1;
    }

    /// <summary>
    /// Phase 4: units whose trip ends at <paramref name="tick"/> leave the road at their hospital, where
    /// <paramref name="care"/> admits their patients to the beds reserved for them; the units are idle there and, arriving
    /// somewhere new, report everything they see (<paramref name="observation"/>).
    /// </summary>
    public void Arrive(int tick, WorkPhase care, ObservationPhase observation)
    {
        if (_carrying == 0)
        {
            return;
        }

        for (int u = 0; u < _run.Roster.Count; u++)
        {
            if (_units.State[u] != UnitState.Carrying || _units.ArriveTick[u] > tick)
            {
                continue;
            }

            _roads.Arrive(u);
            int hospital = _units.Target[u];
            int first = u * _perTrip;
            for (int k = 0; k < _aboard[u]; k++)
            {
                care.AdmitTo(_patients[first + k], hospital);
            }

            _onTheWay -= _aboard[u];
            _aboard[u] = 0;
            _carrying--;
            _units.Zone[u] = hospital;
            _units.State[u] = UnitState.Idle;
            observation.ForgetReports(u);
        }
    }

    /// <summary>
    /// Phase 6: patients on the way whose deadline has come (<paramref name="tick"/>) die, once, as a civilian death,
    /// and their reserved beds are freed; those still on the way count as unmet medical need for the tick.
    /// </summary>
    public void Harm(int tick)
    {
        if (_onTheWay == 0)
        {
            return;
        }

        for (int u = 0; u < _run.Roster.Count; u++)
        {
            if (_units.State[u] != UnitState.Carrying)
            {
                continue;
            }

            int first = u * _perTrip;
            for (int k = _aboard[u] - 1; k >= 0; k--)
            {
                int p = _patients[first + k];
                if (_people.DeadlineTick[p] > tick)
                {
                    continue;
                }

                _people.Move(p, PersonState.Dead, _people.HomeZone[p], tick);
                _metrics.DeathsCivilian++;
                DiedOnTheWay++;
                _zones.BedsUsed[_units.Target[u]]--;
                _patients[first + k] = _patients[first + --_aboard[u]]; // the last aboard takes the place: order does not matter
                _onTheWay--;
            }
        }

        _metrics.UnmetMedicalHours += _onTheWay * _run.Dt;
    }
}
