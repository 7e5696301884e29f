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
        for (int u = 0; u < _scheduledEnd; u++)
        {
            var state = Units.State[u];
            if ((state != UnitState.Working && state != UnitState.Idle) || Tick - Units.LastReportTick[u] < interval)
            {
                continue;
            }

            int z = Units.Zone[u];
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

    private float[] _seen = [];
    private int[] _seenTick = [];

    /// <summary>
    /// What anyone on site sees of need <paramref name="n"/> in zone <paramref name="z"/> this tick. Observation changes
    /// no zone, so the value is computed once per zone, need and tick however many units report it.
    /// </summary>
    private float Seen(int z, int n)
    {
        if (!SkipIdleWork)
        {
            return (float)TrueNeed(z, n);
        }

        int i = (z * Nodes.NeedCount) + n;
        if (_seenTick[i] != Tick)
        {
            _seen[i] = (float)TrueNeed(z, n);
            _seenTick[i] = Tick;
        }

        return _seen[i];
    }

    private bool Worth(float seen, float last) =>
        float.IsNaN(last) || (seen == 0) != (last == 0) || Math.Abs(seen - last) > _scenario.Communication.ReportThreshold * Math.Max(1, Math.Abs(last));
}
