using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Population;

/// <summary>
/// Phase 6, harm and unmet need: responders exposed in burning or contaminated zones, deaths of the trapped and the
/// seriously injured whose time ran out, consumption of kits in shelters, and the hours of unmet need. Also how a
/// person is harmed: each person's frailty is a counter-based draw (run seed, person, purpose), so the same person
/// has the same fate in every governance arm.
/// </summary>
internal sealed class HarmPhase(RunState run) : Phase(run)
{
    /// <summary>Purposes of the per-person frailty draws (the counter's second key).</summary>
    public const int FrailtyTrapped = 0;
    public const int FrailtySerious = 1;
    public const int FreedInjured = 2;
    public const int FreedSerious = 3;
    public const int FrailtyFreedSerious = 4;

    private readonly ulong _frailtySeed = RandomStreams.DeriveSeed(run.Seed, RandomStreams.Population);

    public void Apply()
    {
        ExposeResponders();
        DieWaiting(Residents.Bucket.Trapped);
        DieWaiting(Residents.Bucket.InjuredSerious);
        Run.Casualties?.Harm(Tick); // the injured on the way to hospital: their deadlines run on
        ConsumeAndCountUnmetNeed();
    }

    /// <summary>Person <paramref name="person"/>'s uniform draw for <paramref name="purpose"/>.</summary>
    public double Frailty(int person, int purpose) => CounterRandom.Uniform(_frailtySeed, person, purpose);

    /// <summary>Injures a person; a serious injury kills after an exponential time with median population.serious_untreated_median_survival_h.</summary>
    public void Injure(int person, int zone, bool serious, int frailtyPurpose)
    {
        People.Serious[person] = serious;
        People.Move(person, PersonState.Injured, zone, Tick);
        if (serious)
        {
            People.DeadlineTick[person] = DeadlineFrom(Tick, ExponentialHours(person, frailtyPurpose, Parameters.Population.SeriousUntreatedMedianSurvivalH));
        }
        else
        {
            People.DeadlineTick[person] = int.MaxValue;
        }
    }

    /// <summary>Person <paramref name="person"/>'s survival time from their frailty draw for <paramref name="purpose"/>: exponential with median <paramref name="median"/> hours.</summary>
    public double ExponentialHours(int person, int purpose, double median) => -median / Math.Log(2) * Math.Log(Frailty(person, purpose));

    /// <summary>The tick of death <paramref name="hours"/> after <paramref name="tick"/> (never, when not finite or beyond 10^7 h).</summary>
    public int DeadlineFrom(int tick, double hours) =>
        double.IsFinite(hours) && hours < 1e7 ? tick + Math.Max(1, DurationTicks(hours)) : int.MaxValue;

    /// <summary><paramref name="deaths"/> members of unit <paramref name="unit"/> die; a unit with none left is lost.</summary>
    public void KillResponders(int unit, int deaths)
    {
        if (deaths <= 0)
        {
            return;
        }

        deaths = Math.Min(deaths, Units.Members[unit]);
        Units.Members[unit] -= deaths;
        Metrics.DeathsResponder += deaths;
        RecordPhase.NoteResponderDeaths(Units.Zone[unit], deaths);
        if (Units.Members[unit] == 0)
        {
            WorkPhase.LoseUnit(unit);
        }
    }

    /// <summary>Responders working in a burning or contaminated zone die at a rate that is higher when their dispatcher does not know the chemicals.</summary>
    private void ExposeResponders()
    {
        var risk = Parameters.Hazard.ResponderRisk;
        for (int u = 0; u < UnitCount; u++)
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
            double p = risk.DeathRatePerH * level * (Knows(owner) ? 1 : risk.UninformedMultiplier) * Dt;
            KillResponders(u, Nodes.Rng[owner].Binomial(Units.Members[u], Math.Min(1, p)));
        }
    }

    private void DieWaiting(Residents.Bucket bucket)
    {
        int tick = Tick;
        for (int z = 0; z < ZoneCount; z++)
        {
            for (int i = People.BucketSize(z, bucket) - 1; i >= 0; i--)
            {
                int p = People.BucketMember(z, bucket, i);
                if (People.DeadlineTick[p] <= tick)
                {
                    People.Move(p, PersonState.Dead, z, Tick);
                    Metrics.DeathsCivilian++;
                }
            }
        }
    }

    private void ConsumeAndCountUnmetNeed()
    {
        double perPersonTick = Parameters.Population.KitsPerPersonDay / 24.0 * Dt;
        double informationGap = 0;
        for (int z = 0; z < ZoneCount; z++)
        {
            int trapped = People.BucketSize(z, Residents.Bucket.Trapped);
            int injured = People.BucketSize(z, Residents.Bucket.InjuredSerious) + People.BucketSize(z, Residents.Bucket.InjuredMinor);
            int displaced = People.BucketSize(z, Residents.Bucket.Displaced);
            Metrics.UnmetRescueHours += trapped * Dt;
            Metrics.UnmetMedicalHours += injured * Dt;
            Metrics.UnmetShelterHours += displaced * Dt;

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
                    Metrics.UnmetSuppliesHours += sheltered * (1 - (Zones.Kits[z] / want)) * Dt;
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
        if (HazardPhase.OnsetTick >= 0 && !PublicPhase.Informed)
        {
            Metrics.UnmetInformationHours += informationGap * Dt;
        }

        for (int u = 0; u < UnitCount; u++)
        {
            if (Units.State[u] == UnitState.Idle && Nodes.Traits[Units.Owner[u]].CountsAsVolunteers)
            {
                Metrics.IdleVolunteerHours += Units.Members[u] * Dt;
            }
        }
    }
}
