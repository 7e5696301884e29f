using CrisisSim.Core.Actors;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phase 2, the public: attention, rumour, self-evacuation, unsolicited donations, volunteer convergence.</content>
public sealed partial class Simulation
{
    private double _rumour;
    private double _attention;
    private int _lastReleaseTick = -1;

    /// <summary>Share of the public believing a rumour (0–1).</summary>
    public double Rumour => _rumour;

    private bool PublicInformed =>
        _lastReleaseTick >= 0 && (Tick - _lastReleaseTick) * _dt < _scenario.Public.RumourStalenessH;

    private void UpdatePublic()
    {
        if (_firstExplosionTick < 0)
        {
            return; // before the explosions the fire is a local incident: no public reaction
        }

        var pub = _scenario.Public;
        _attention = Math.Pow(0.5, (Tick - _firstExplosionTick) * _dt / pub.AttentionHalfLifeH);
        if (PublicInformed)
        {
            _rumour -= pub.RumourDecayPerH * _rumour * _dt;
        }
        else
        {
            _rumour += pub.RumourGrowthPerH * _rumour * (1 - _rumour) * _dt;
        }

        _rumour = Math.Clamp(_rumour, 0, 1);
        Metrics.RumourPeak = Math.Max(Metrics.RumourPeak, _rumour);
        double drive = _attention * (1 + (pub.RumourGain * _rumour));

        SelfEvacuate(pub.SelfEvacuationPerH * _rumour * _dt);
        Donate(pub.DonatedKitsPerH * _scenario.Population.CapacityScale * drive * _dt);
        Converge(pub.ConvergencePerH * drive * _dt);
    }

    private void SelfEvacuate(double share)
    {
        if (share <= 0)
        {
            return;
        }

        for (int z = 0; z < _zoneCount; z++)
        {
            if (!Zones.BlastExposed[z])
            {
                continue;
            }

            int leaving = _publicRng.Binomial(People.BucketSize(z, Residents.Bucket.Unaffected), share);
            for (int i = 0; i < leaving; i++)
            {
                People.Move(People.Last(z, Residents.Bucket.Unaffected), PersonState.Displaced, z, Tick);
            }
        }
    }

    private void Donate(double kits)
    {
        if (kits <= 0)
        {
            return;
        }

        double totalVisibility = 0;
        for (int z = 0; z < _zoneCount; z++)
        {
            if (Zones.StorageKits[z] > 0)
            {
                totalVisibility += Zones.Visibility[z];
            }
        }

        if (totalVisibility <= 0)
        {
            Metrics.WastedSupplies += kits; // nowhere to put them
            return;
        }

        for (int z = 0; z < _zoneCount; z++)
        {
            if (Zones.StorageKits[z] > 0 && Zones.Visibility[z] > 0)
            {
                Store(z, kits * Zones.Visibility[z] / totalVisibility);
            }
        }
    }

    private void Store(int zone, double kits)
    {
        Zones.Kits[zone] += kits;
        if (Zones.Kits[zone] > Zones.StorageKits[zone])
        {
            Metrics.WastedSupplies += Zones.Kits[zone] - Zones.StorageKits[zone];
            Zones.Kits[zone] = Zones.StorageKits[zone];
        }
    }

    private void Converge(double rate)
    {
        for (int n = 2; n < Nodes.Count; n++)
        {
            int remaining = _poolEnd[n] - _nextPooled[n];
            if (remaining <= 0)
            {
                continue;
            }

            int arriving = _publicRng.Binomial(remaining, Math.Min(1, rate));
            for (int i = 0; i < arriving; i++)
            {
                int u = _nextPooled[n]++;
                Units.AvailableTick[u] = Tick;
                BecomePresent(u);
            }
        }
    }

    private void BecomePresent(int unit)
    {
        Units.State[unit] = UnitState.Idle;
        int owner = Units.Owner[unit];
        if (Nodes.FirstArrivalTick[owner] == int.MaxValue)
        {
            Nodes.FirstArrivalTick[owner] = Tick;
            if (Nodes.NeedsAuthorisation[owner] && _coGovernance && Nodes.Integrated[owner])
            {
                Nodes.AuthorisedTick[owner] = Tick + DurationTicks(_scenario.Governance.Legal.AuthorisationDelayH);
            }

            SeedPrior(owner);
        }
    }

    /// <summary>
    /// What an arriving organisation believes before it has seen anything: the need it hears of in the
    /// media, proportional to a zone's visibility. This is why unguided volunteers pile up at visible sites.
    /// </summary>
    private void SeedPrior(int node)
    {
        if (Nodes.Sector[node] != Sector.Organisation)
        {
            return;
        }

        for (int z = 0; z < _zoneCount; z++)
        {
            if (Zones.Visibility[z] <= 0)
            {
                continue;
            }

            for (int t = 0; t < Nodes.NeedCount; t++)
            {
                if (Nodes.Does(node, (TaskKind)t) && Plausible(Zones.Kind[z], (TaskKind)t) && Nodes.BeliefTick[Nodes.BeliefIndex(node, z, t)] < 0)
                {
                    Nodes.Believe(node, z, t, (float)(Zones.Visibility[z] * PriorNeedAtFullVisibility), 0);
                }
            }
        }
    }

    /// <summary>Whether a kind of place can have a kind of need (common knowledge: nobody expects blood donations at the blast site).</summary>
    private static bool Plausible(ZoneKind kind, TaskKind task) => task switch
    {
        TaskKind.Fire or TaskKind.Monitoring => kind is ZoneKind.BlastCore or ZoneKind.PortYard,
        TaskKind.Rescue or TaskKind.Medical => kind is ZoneKind.BlastCore or ZoneKind.PortYard or ZoneKind.Residential,
        TaskKind.Shelter => kind is ZoneKind.Residential,
        TaskKind.Supplies => kind is ZoneKind.Shelter,
        TaskKind.Blood => kind is ZoneKind.Hospital,
        _ => false,
    };

    /// <summary>Need (in task units) an organisation assumes at a fully visible zone before it has seen it.</summary>
    public const double PriorNeedAtFullVisibility = 20;
}
