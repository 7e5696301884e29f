using CrisisSim.Core.World;

namespace CrisisSim.Core.Population;

/// <summary>
/// Hospital beds turn over: a patient admitted at tick t leaves its bed after population.minor_stay_h or
/// serious_stay_h (and stays Treated). Stays are constant per severity, so each severity's discharges come in the order
/// of admission: two first-in, first-out queues of beds taken, each visited only at its head.
/// </summary>
internal sealed class Discharges
{
    private readonly PatientQueue _minor;
    private readonly PatientQueue _serious;

    public Discharges(int minorStayTicks, int seriousStayTicks)
    {
        _minor = new PatientQueue(minorStayTicks);
        _serious = new PatientQueue(seriousStayTicks);
    }

    /// <summary>A patient took a bed in <paramref name="hospital"/> at <paramref name="tick"/>.</summary>
    public void Admitted(bool serious, int hospital, int tick) => (serious ? _serious : _minor).Add(hospital, tick);

    /// <summary>Frees the beds of every patient whose stay has ended by <paramref name="tick"/>.</summary>
    public void Discharge(int tick, ZoneState zones)
    {
        _minor.Discharge(tick, zones);
        _serious.Discharge(tick, zones);
    }

    private sealed class PatientQueue(int stayTicks)
    {
        private int[] _hospital = new int[256];
        private int[] _dueTick = new int[256];
        private int _head;
        private int _count;

        public void Add(int hospital, int tick)
        {
            if (_count == _hospital.Length)
            {
                Grow();
            }

            int slot = (_head + _count) % _hospital.Length;
            _hospital[slot] = hospital;
            _dueTick[slot] = tick + stayTicks;
            _count++;
        }

        public void Discharge(int tick, ZoneState zones)
        {
            while (_count > 0 && _dueTick[_head] <= tick)
            {
                zones.BedsUsed[_hospital[_head]]--;
                zones.BedsFreed[_hospital[_head]]++;
                _head = (_head + 1) % _hospital.Length;
                _count--;
            }
        }

        private void Grow()
        {
            var hospital = new int[_hospital.Length * 2];
            var due = new int[_hospital.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                hospital[i] = _hospital[(_head + i) % _hospital.Length];
                due[i] = _dueTick[(_head + i) % _hospital.Length];
            }

            _hospital = hospital;
            _dueTick = due;
            _head = 0;
        }
    }
}
