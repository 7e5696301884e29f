using CrisisSim.Core.Actors;
using CrisisSim.Core.Communication;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phase 7, observation: units on site and the public (emergency calls) report needs that changed.</content>
public sealed partial class Simulation
{
    private static readonly int[] s_callNeeds = [(int)TaskKind.Fire, (int)TaskKind.Rescue, (int)TaskKind.Medical, (int)TaskKind.Shelter, (int)TaskKind.Supplies];

    private void Observe()
    {
        int interval = DurationTicks(_scenario.Communication.ReportIntervalH);
        if (SkipIdleWork)
        {
            LookAtZones();
        }

        for (int u = 0; u < _scheduledEnd; u++)
        {
            var state = Units.State[u];
            if ((state != UnitState.Working && state != UnitState.Idle) || Tick - Units.LastReportTick[u] < interval)
            {
                continue;
            }

            int z = Units.Zone[u];
            if (SkipIdleWork && _quietZone[u] == z && _quietTick[u] >= _viewChangedTick[z])
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
                    if (Nodes.Believe(owner, z, n, seen, Tick))
                    {
                        ShareOwn(owner, MessageKind.NeedReport, z, n, seen);
                    }
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

        CallIn(interval);
    }

    /// <summary>Residents (and shelter managers) call the emergency number — the district command — when what they face changes.</summary>
    private void CallIn(int interval)
    {
        if (Tick - _lastCallTick < interval)
        {
            return;
        }

        _lastCallTick = Tick;
        for (int z = 0; z < _zoneCount; z++)
        {
            if (Zones.InitialResidents[z] == 0 && People.CountIn(z, Population.PersonState.Sheltered) == 0)
            {
                continue; // nobody there to call
            }

            foreach (int n in s_callNeeds)
            {
                float seen = Seen(z, n);
                ref float last = ref _lastCalled[(z * Nodes.NeedCount) + n];
                if (Worth(seen, last))
                {
                    last = seen;
                    var m = NewMessage(MessageKind.NeedReport, Channel.Call, Direction.Up, -1, z, n, seen);
                    Send(ref m, Nodes.DistrictCommand, Nodes.DistrictCommand, -1);
                }
            }
        }
    }

    private float[] _view = [];
    private int[] _viewChangedTick = [];
    private int[] _quietTick = [];
    private int[] _quietZone = [];

    /// <summary>
    /// What anyone on site sees of every need in every zone this tick, and the last tick each zone's view changed.
    /// Observation changes no zone, so the 70 values are computed once per tick however many units report them; and a
    /// unit that found nothing worth reporting in a zone need not look again until that zone's view changes
    /// (its <c>_quietTick</c> and <c>_quietZone</c>; cleared when it reports or forgets what it reported).
    /// </summary>
    private void LookAtZones()
    {
        for (int z = 0; z < _zoneCount; z++)
        {
            for (int n = 0; n < Nodes.NeedCount; n++)
            {
                int i = (z * Nodes.NeedCount) + n;
                float seen = (float)TrueNeed(z, n);
                if (!(seen == _view[i]))
                {
                    _view[i] = seen;
                    _viewChangedTick[z] = Tick;
                }
            }
        }
    }

    /// <summary>What anyone on site sees of need <paramref name="n"/> in zone <paramref name="z"/> this tick.</summary>
    private float Seen(int z, int n) => SkipIdleWork ? _view[(z * Nodes.NeedCount) + n] : (float)TrueNeed(z, n);

    private bool Worth(float seen, float last) =>
        float.IsNaN(last) || (seen == 0) != (last == 0) || Math.Abs(seen - last) > _scenario.Communication.ReportThreshold * Math.Max(1, Math.Abs(last));
}
