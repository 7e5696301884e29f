using CrisisSim.Core.Actors;
using CrisisSim.Core.Population;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phase 6, harm and unmet need: responder exposure, deaths of those who waited too long, consumption, need-hours.</content>
public sealed partial class Simulation
{
    private void ApplyHarm()
    {
        ExposeResponders();
        DieWaiting(Residents.Bucket.Trapped);
        DieWaiting(Residents.Bucket.InjuredSerious);
        ConsumeAndCountUnmetNeed();
    }

    /// <summary>Responders working in a burning or contaminated zone die at a rate that is higher when their dispatcher does not know the chemicals.</summary>
    private void ExposeResponders()
    {
        var risk = _scenario.Hazard.ResponderRisk;
        for (int u = 0; u < _scheduledEnd; u++)
        {
            if (Units.State[u] != UnitState.Working)
            {
                continue;
            }

            int z = Units.Zone[u];
            double level = Math.Max(Zones.Fire[z], Zones.Contaminated[z] ? 1 : 0);
            if (level <= 0)
            {
                continue;
            }

            int owner = Units.Owner[u];
            double p = risk.DeathRatePerH * level * (Knows(owner) ? 1 : risk.UninformedMultiplier) * _dt;
            KillResponders(u, Nodes.Rng[owner].Binomial(Units.Members[u], Math.Min(1, p)));
        }
    }

    private void DieWaiting(Residents.Bucket bucket)
    {
        for (int z = 0; z < _zoneCount; z++)
        {
            for (int i = People.BucketSize(z, bucket) - 1; i >= 0; i--)
            {
                int p = People.BucketMember(z, bucket, i);
                if (People.DeadlineTick[p] <= Tick)
                {
                    People.Move(p, PersonState.Dead, z, Tick);
                    Metrics.DeathsCivilian++;
                }
            }
        }
    }

    private void ConsumeAndCountUnmetNeed()
    {
        double perPersonTick = _scenario.Population.KitsPerPersonDay / 24.0 * _dt;
        double informationGap = 0;
        for (int z = 0; z < _zoneCount; z++)
        {
            int trapped = People.BucketSize(z, Residents.Bucket.Trapped);
            int injured = People.BucketSize(z, Residents.Bucket.InjuredSerious) + People.BucketSize(z, Residents.Bucket.InjuredMinor);
            int displaced = People.BucketSize(z, Residents.Bucket.Displaced);
            Metrics.UnmetRescueHours += trapped * _dt;
            Metrics.UnmetMedicalHours += injured * _dt;
            Metrics.UnmetShelterHours += displaced * _dt;

            int sheltered = People.CountIn(z, PersonState.Sheltered);
            if (sheltered > 0 && perPersonTick > 0)
            {
                double want = sheltered * perPersonTick;
                if (Zones.Kits[z] >= want)
                {
                    Zones.Kits[z] -= want;
                }
                else
                {
                    Metrics.UnmetSuppliesHours += sheltered * (1 - (Zones.Kits[z] / want)) * _dt;
                    Zones.Kits[z] = 0;
                }
            }

            if (Zones.BlastExposed[z])
            {
                informationGap += People.BucketSize(z, Residents.Bucket.Unaffected) + displaced + injured;
            }
        }

        // Sheltered people are affected too: count them wherever they are.
        informationGap += People.Total(PersonState.Sheltered);
        if (_firstExplosionTick >= 0 && !PublicInformed)
        {
            Metrics.UnmetInformationHours += informationGap * _dt;
        }

        for (int u = 0; u < _scheduledEnd; u++)
        {
            if (Units.State[u] == UnitState.Idle && Nodes.Sector[Units.Owner[u]] == Sector.Organisation)
            {
                Metrics.IdleVolunteerHours += Units.Members[u] * _dt;
            }
        }
    }
}
