using CrisisSim.Core.Actors;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Engine;

/// <content>Phase 1, hazards: explosions, flare-ups, fire growth and spread, disclosure of the chemicals.</content>
public sealed partial class Simulation
{
    private const int FrailtyTrapped = 0;
    private const int FrailtySerious = 1;
    private const int FreedInjured = 2;
    private const int FreedSerious = 3;
    private const int FrailtyFreedSerious = 4;

    private int _firstExplosionTick = -1;
    private int _disclosureTick;
    private bool _identified;

    /// <summary>Whether the chemicals' identity is known to anyone (the truth, not a belief).</summary>
    public bool HazardIdentified => _identified;

    private void AdvanceHazards()
    {
        var hazard = _scenario.Hazard;
        foreach (var e in hazard.Explosions)
        {
            if (TicksFor(e.TimeH) == Tick)
            {
                Explode(e);
            }
        }

        foreach (var f in hazard.Fire.FlareUps)
        {
            if (TicksFor(f.TimeH) == Tick)
            {
                int z = Array.IndexOf(ZoneIds, f.Zone);
                Zones.Fire[z] = Math.Max(Zones.Fire[z], f.Intensity);
                SeeEverywhere(z, (int)TaskKind.Fire, (float)Zones.Fire[z]);
            }
        }

        GrowAndSpreadFire();

        if (!_identified && Tick >= _disclosureTick)
        {
            Identify(-1);
        }
    }

    private void Explode(ExplosionSettings e)
    {
        int epicentre = Array.IndexOf(ZoneIds, e.Zone);
        if (_firstExplosionTick < 0)
        {
            _firstExplosionTick = Tick;
        }

        for (int z = 0; z < _zoneCount; z++)
        {
            var b = _scenario.Zones[z].Blast;
            HitResidents(z, b, e.Strength);
            double responderShare = b.RespondersKilled * e.Strength;
            if (responderShare <= 0)
            {
                continue;
            }

            for (int u = 0; u < _scheduledEnd; u++)
            {
                var state = Units.State[u];
                if ((state == UnitState.Idle || state == UnitState.Working) && Units.Zone[u] == z)
                {
                    int owner = Units.Owner[u];
                    double share = responderShare * (Knows(owner) ? _scenario.Hazard.ResponderRisk.InformedBlastExposure : 1);
                    // Responders' casualties come from their own actor's stream: which units stand in the blast differs
                    // between governance arms, and must not shift the residents' draws from the hazard stream.
                    KillResponders(u, Units.Members[u] == 0 ? 0 : Nodes.Rng[owner].Binomial(Units.Members[u], share));
                }
            }
        }

        Zones.Fire[epicentre] = 1;
        SeeEverywhere(epicentre, (int)TaskKind.Fire, 1);
        _rumour = Math.Max(_rumour, _scenario.Public.RumourSeed);
    }

    private void HitResidents(int zone, BlastEffects b, double strength)
    {
        double killed = b.Killed * strength;
        double trapped = killed + (b.Trapped * strength);
        double serious = trapped + (b.Serious * strength);
        double minor = serious + (b.Minor * strength);
        double displaced = minor + (b.Displaced * strength);
        if (displaced <= 0)
        {
            return;
        }

        // Walk the bucket from its end: a swap-remove only moves an already-visited person into the hole.
        for (int i = People.BucketSize(zone, Residents.Bucket.Unaffected) - 1; i >= 0; i--)
        {
            int p = People.BucketMember(zone, Residents.Bucket.Unaffected, i);
            double u = _hazardRng.NextDouble();
            if (u < killed)
            {
                People.Move(p, PersonState.Dead, zone, Tick);
                Metrics.DeathsCivilian++;
            }
            else if (u < trapped)
            {
                People.Move(p, PersonState.Trapped, zone, Tick);
                double hours = Survival.DeathTime(CounterRandom.Uniform(_frailtySeed, p, FrailtyTrapped));
                People.DeadlineTick[p] = DeadlineFrom(Tick, hours);
            }
            else if (u < serious)
            {
                MakeInjured(p, zone, serious: true, FrailtySerious);
            }
            else if (u < minor)
            {
                MakeInjured(p, zone, serious: false, FrailtySerious);
            }
            else if (u < displaced)
            {
                People.Move(p, PersonState.Displaced, zone, Tick);
            }
        }
    }

    private void MakeInjured(int person, int zone, bool serious, int frailtyPurpose)
    {
        People.Serious[person] = serious;
        People.Move(person, PersonState.Injured, zone, Tick);
        if (serious)
        {
            double median = _scenario.Population.SeriousUntreatedMedianSurvivalH;
            double hours = -median / Math.Log(2) * Math.Log(CounterRandom.Uniform(_frailtySeed, person, frailtyPurpose));
            People.DeadlineTick[person] = DeadlineFrom(Tick, hours);
        }
        else
        {
            People.DeadlineTick[person] = int.MaxValue;
        }
    }

    private int DeadlineFrom(int tick, double hours) =>
        double.IsFinite(hours) && hours < 1e7 ? tick + Math.Max(1, DurationTicks(hours)) : int.MaxValue;

    private void GrowAndSpreadFire()
    {
        var fire = _scenario.Hazard.Fire;
        for (int z = 0; z < _zoneCount; z++)
        {
            double f = Zones.Fire[z];
            if (f <= 0)
            {
                continue;
            }

            f += fire.GrowthPerH * f * (1 - f) * _dt;
            if (f > 0.5)
            {
                for (int k = Zones.NeighbourStart[z]; k < Zones.NeighbourStart[z + 1]; k++)
                {
                    int nb = Zones.Neighbours[k];
                    if (Zones.Cordoned[nb])
                    {
                        Zones.Fire[nb] = Math.Min(1, Zones.Fire[nb] + (fire.SpreadPerH * f * _dt));
                    }
                }
            }

            Zones.Fire[z] = Math.Min(1, f);
        }
    }

    /// <summary>The chemicals are identified: by a monitoring unit of node <paramref name="finder"/>, or (-1) by disclosure of records.</summary>
    private void Identify(int finder)
    {
        _identified = true;
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (n == finder || (finder < 0 && Nodes.Does(n, TaskKind.Monitoring)))
            {
                NoteHazardKnown(n);
                ShareOwn(n, Communication.MessageKind.HazardIdentified, 0, (int)TaskKind.Monitoring, 1);
            }
        }

        if (finder < 0 && Nodes.HazardKnownTick[Nodes.Headquarters] == int.MaxValue && !AnyMonitoringNode())
        {
            NoteHazardKnown(Nodes.Headquarters);
        }
    }

    private bool AnyMonitoringNode()
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (Nodes.Does(n, TaskKind.Monitoring))
            {
                return true;
            }
        }

        return false;
    }

    private bool Knows(int node) => Nodes.HazardKnownTick[node] <= Tick;

    /// <summary>Something everyone can see from afar (an explosion, a flare-up): every node believes it at once.</summary>
    private void SeeEverywhere(int zone, int need, float value)
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            Nodes.Believe(n, zone, need, value, Tick);
        }
    }

    private void KillResponders(int unit, int deaths)
    {
        if (deaths <= 0)
        {
            return;
        }

        deaths = Math.Min(deaths, Units.Members[unit]);
        Units.Members[unit] -= deaths;
        Metrics.DeathsResponder += deaths;
        if (Units.Members[unit] == 0)
        {
            LoseUnit(unit);
        }
    }
}
