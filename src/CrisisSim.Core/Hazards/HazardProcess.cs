using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// The running state and rules of one hazard kind in one run, advanced first in every tick by <see cref="HazardPhase"/>
/// (in catalog order). What the kinds share lives here: striking a zone's unaffected people with shares of outcomes.
/// </summary>
internal abstract class HazardProcess(RunState run) : Phase(run)
{
    /// <summary>This tick's rules of the hazard.</summary>
    public abstract void Advance();

    /// <summary>
    /// Hours a person trapped by this hazard survives if not freed: the rubble survival curve at the person's frailty
    /// (a kind whose trapped die otherwise overrides it).
    /// </summary>
    protected virtual double TrappedHours(int person) => Run.Survival.DeathTime(HarmPhase.Frailty(person, HarmPhase.FrailtyTrapped));

    /// <summary>
    /// Each unaffected person in <paramref name="zone"/> draws once from <paramref name="rng"/> and is killed, trapped,
    /// seriously or lightly injured, or displaced with the given probabilities (their sum at most 1; the rest are
    /// unharmed). People are walked from the end of the bucket, so a swap-remove only moves a visited person.
    /// </summary>
    protected void Strike(ref Xoshiro256StarStar rng, int zone, double killed, double trapped, double serious, double minor, double displaced)
    {
        trapped += killed;
        serious += trapped;
        minor += serious;
        displaced += minor;
        if (displaced <= 0)
        {
            return;
        }

        var harm = HarmPhase;
        var people = People;
        for (int i = people.BucketSize(zone, Residents.Bucket.Unaffected) - 1; i >= 0; i--)
        {
            int p = people.BucketMember(zone, Residents.Bucket.Unaffected, i);
            double u = rng.NextDouble();
            if (u < killed)
            {
                people.Move(p, PersonState.Dead, zone, Tick);
                Metrics.DeathsCivilian++;
            }
            else if (u < trapped)
            {
                people.Move(p, PersonState.Trapped, zone, Tick);
                people.DeadlineTick[p] = harm.DeadlineFrom(Tick, TrappedHours(p));
            }
            else if (u < serious)
            {
                harm.Injure(p, zone, serious: true, HarmPhase.FrailtySerious);
            }
            else if (u < minor)
            {
                harm.Injure(p, zone, serious: false, HarmPhase.FrailtySerious);
            }
            else if (u < displaced)
            {
                people.Move(p, PersonState.Displaced, zone, Tick);
            }
        }
    }
}
