using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// The explosion kind (hazard.explosions, hazard.fire, hazard.toxic): explosions, flare-ups, fire growth and spread,
/// and the identification of the chemicals (by a monitoring unit, or by disclosure of the records). Residents' blast
/// outcomes come from the hazard stream alone, so they are the same person by person in every governance arm.
/// </summary>
internal sealed class ExplosionHazard : HazardProcess
{
    /// <summary>Fire intensity above which a zone's fire spreads to cordoned neighbours (assumption: a fire past its midpoint of growth).</summary>
    public const double SpreadAboveIntensity = 0.5;

    private Xoshiro256StarStar _rng;
    private readonly int _disclosureTick;

    public ExplosionHazard(RunState run)
        : base(run)
    {
        _rng = RandomStreams.Create(run.Seed, RandomStreams.Hazard);
        var hazard = Parameters.Hazard;
        _disclosureTick = hazard.Toxic.Present ? TicksFor(Math.Min(hazard.Toxic.DisclosedAtH, 1e7)) : int.MaxValue;
        if (hazard.Fire.Origin.Length > 0)
        {
            int origin = Array.IndexOf(run.ZoneIds, hazard.Fire.Origin);
            Zones.Fire[origin] = hazard.Fire.InitialIntensity;
            // The first call: the fire service (every government node doing fire) learns of the fire at time 0.
            for (int n = 0; n < Nodes.Count; n++)
            {
                if (Nodes.Does(n, TaskKind.Fire) && Nodes.Traits[n].UnderCommand)
                {
                    Nodes.Believe(n, origin, (int)TaskKind.Fire, (float)Zones.Fire[origin], 0);
                }
            }

            Nodes.Believe(Nodes.Headquarters, origin, (int)TaskKind.Fire, (float)Zones.Fire[origin], 0);
        }

        if (!hazard.Toxic.Present)
        {
            Array.Fill(Nodes.HazardKnownTick, 0); // no chemicals: nothing to be uninformed about
            Metrics.HazardKnownAtDispatchH = 0;
        }
    }

    /// <summary>Whether the chemicals' identity is known to anyone (the truth, not a belief).</summary>
    public bool Identified { get; private set; }

    public override void Advance()
    {
        var hazard = Parameters.Hazard;
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
                int z = Array.IndexOf(Run.ZoneIds, f.Zone);
                Zones.Fire[z] = Math.Max(Zones.Fire[z], f.Intensity);
                SeeEverywhere(z, (int)TaskKind.Fire, (float)Zones.Fire[z]);
            }
        }

        GrowAndSpreadFire();

        if (!Identified && Tick >= _disclosureTick)
        {
            Identify(-1);
        }
    }

    private void Explode(ExplosionSettings e)
    {
        int epicentre = Array.IndexOf(Run.ZoneIds, e.Zone);
        HazardPhase.MarkOnset();

        for (int z = 0; z < ZoneCount; z++)
        {
            var b = Parameters.Zones[z].Blast;
            HitResidents(z, b, e.Strength);
            double responderShare = b.RespondersKilled * e.Strength;
            if (responderShare <= 0)
            {
                continue;
            }

            for (int u = 0; u < UnitCount; u++)
            {
                var state = Units.State[u];
                if ((state == UnitState.Idle || state == UnitState.Working) && Units.Zone[u] == z)
                {
                    int owner = Units.Owner[u];
                    double share = responderShare * (Knows(owner) ? Parameters.Hazard.ResponderRisk.InformedBlastExposure : 1);
                    // Responders' casualties come from their own actor's stream: which units stand in the blast differs
                    // between governance arms, and must not shift the residents' draws from the hazard stream.
                    HarmPhase.KillResponders(u, Units.Members[u] == 0 ? 0 : Nodes.Rng[owner].Binomial(Units.Members[u], share));
                }
            }
        }

        Zones.Fire[epicentre] = 1;
        SeeEverywhere(epicentre, (int)TaskKind.Fire, 1);
        PublicPhase.HearOfDisaster();
    }

    private void HitResidents(int zone, BlastEffects b, double strength) =>
        Strike(ref _rng, zone, b.Killed * strength, b.Trapped * strength, b.Serious * strength, b.Minor * strength, b.Displaced * strength);

    private void GrowAndSpreadFire()
    {
        var fire = Parameters.Hazard.Fire;
        for (int z = 0; z < ZoneCount; z++)
        {
            double f = Zones.Fire[z];
            if (f <= 0)
            {
                continue;
            }

            f += fire.GrowthPerH * f * (1 - f) * Dt;
            if (f > SpreadAboveIntensity)
            {
                for (int k = Zones.NeighbourStart[z]; k < Zones.NeighbourStart[z + 1]; k++)
                {
                    int nb = Zones.Neighbours[k];
                    if (Zones.Cordoned[nb])
                    {
                        Zones.Fire[nb] = Math.Min(1, Zones.Fire[nb] + (fire.SpreadPerH * f * Dt));
                    }
                }
            }

            Zones.Fire[z] = Math.Min(1, f);
        }
    }

    /// <summary>The chemicals are identified: by a monitoring unit of node <paramref name="finder"/>, or (-1) by disclosure of records.</summary>
    public void Identify(int finder)
    {
        Identified = true;
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (n == finder || (finder < 0 && Nodes.Does(n, TaskKind.Monitoring)))
            {
                RecordPhase.NoteHazardKnown(n);
                Comms.ShareOwn(n, Communication.MessageKind.HazardIdentified, 0, (int)TaskKind.Monitoring, 1);
            }
        }

        if (finder < 0 && Nodes.HazardKnownTick[Nodes.Headquarters] == int.MaxValue && !AnyMonitoringNode())
        {
            RecordPhase.NoteHazardKnown(Nodes.Headquarters);
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

    /// <summary>Something everyone can see from afar (an explosion, a flare-up): every node believes it at once.</summary>
    private void SeeEverywhere(int zone, int need, float value)
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            Nodes.Believe(n, zone, need, value, Tick);
        }
    }
}
