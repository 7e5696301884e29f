using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Population;

/// <summary>
/// Phase 2, the public: attention that fades after the explosions, rumour that grows while official information is
/// stale, self-evacuation driven by rumour, unsolicited donations and volunteers converging, both driven by attention.
/// </summary>
internal sealed class PublicPhase(RunState run) : Phase(run)
{
    private Xoshiro256StarStar _rng = RandomStreams.Create(run.Seed, RandomStreams.Public);
    private readonly DonationConvoys? _convoys = DonationConvoys.For(run.Parameters, run.Roads, run.Metrics, run.Roster.Units.Capacity);
    private int _lastReleaseTick = -1;

    /// <summary>Share of the public believing a rumour (0–1).</summary>
    public double Rumour { get; private set; }

    /// <summary>The public's attention to the crisis (1 at the first explosion, halving every attention_half_life_h).</summary>
    public double Attention { get; private set; }

    /// <summary>
    /// Whether the last official release is recent enough to hold rumour back: up to and including the tick at which it
    /// goes stale, so that with releases every rumour_staleness_h the public is never uninformed for a tick between
    /// two releases (the release comes after the public's update in the tick).
    /// </summary>
    public bool Informed =>
        _lastReleaseTick >= 0 && (Tick - _lastReleaseTick) * Dt <= Parameters.Public.RumourStalenessH + 1e-9;

    /// <summary>An official release reached the public this tick.</summary>
    public void HearOfficialRelease() => _lastReleaseTick = Tick;

    /// <summary>The disaster strikes (an explosion, a shock, water trapping people): it seeds the rumour (a share of the public at once believes the worst).</summary>
    public void HearOfDisaster() => Rumour = Math.Max(Rumour, Parameters.Public.RumourSeed);

    public void Update()
    {
        _convoys?.Arrive(Tick, WorkPhase);
        int onset = HazardPhase.OnsetTick;
        if (onset < 0)
        {
            return; // before the disaster strikes a fire is a local incident: no public reaction
        }

        var pub = Parameters.Public;
        Attention = Math.Pow(0.5, (Tick - onset) * Dt / pub.AttentionHalfLifeH);
        double rumour = Rumour;
        if (Informed)
        {
            rumour -= pub.RumourDecayPerH * rumour * Dt;
        }
        else
        {
            rumour += pub.RumourGrowthPerH * rumour * (1 - rumour) * Dt;
        }

        Rumour = rumour = Math.Clamp(rumour, 0, 1);
        Metrics.RumourPeak = Math.Max(Metrics.RumourPeak, rumour);
        double drive = Attention * (1 + (pub.RumourGain * rumour));

        SelfEvacuate(pub.SelfEvacuationPerH * rumour * Dt);
        Donate(pub.DonatedKitsPerH * Parameters.Population.CapacityScale * drive * Dt);
        Converge(pub.ConvergencePerH * drive * Dt);
    }

    private void SelfEvacuate(double share)
    {
        if (share <= 0)
        {
            return;
        }

        for (int z = 0; z < ZoneCount; z++)
        {
            if (!Zones.BlastExposed[z])
            {
                continue;
            }

            int leaving = _rng.Binomial(People.BucketSize(z, Residents.Bucket.Unaffected), share);
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
        for (int z = 0; z < ZoneCount; z++)
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

        for (int z = 0; z < ZoneCount; z++)
        {
            if (Zones.StorageKits[z] > 0 && Zones.Visibility[z] > 0)
            {
                double share = kits * Zones.Visibility[z] / totalVisibility;
                if (_convoys is null || !_convoys.Send(z, share, Tick, Dt)) // by road, the public drives it there on the units' roads
                {
                    WorkPhase.Store(z, share);
                }
            }
        }
    }

    /// <summary>
    /// How many of actor <paramref name="n"/>'s converging units may still come this tick: unlimited, unless
    /// public.turn_back_above_idle is set and its members count as volunteers, when those arriving are turned back
    /// while that many of its units are already idle (volunteers told not to come without a task: Lushan 2013).
    /// </summary>
    private int RoomForVolunteers(int n)
    {
        int cap = Parameters.Public.TurnBackAboveIdle;
        if (cap <= 0 || !Nodes.Traits[n].CountsAsVolunteers)
        {
            return int.MaxValue;
        }

        int idle = 0;
        for (int u = Roster.Start[n]; u < Roster.NextPooled[n]; u++)
        {
            if (Units.State[u] == UnitState.Idle)
            {
                idle++;
            }
        }

        return Math.Max(0, cap - idle);
    }

    private void Converge(double rate)
    {
        for (int n = Actors.Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            int remaining = Roster.PoolEnd[n] - Roster.NextPooled[n];
            if (remaining <= 0)
            {
                continue;
            }

            int arriving = _rng.Binomial(remaining, Math.Min(1, rate));
            int room = RoomForVolunteers(n);
            for (int i = 0; i < arriving; i++)
            {
                int u = Roster.NextPooled[n]++;
                if (i >= room)
                {
                    Metrics.VolunteersTurnedBack++; // told at the staging area that enough are waiting: they go home, and never come back
                    continue;
                }

                Units.AvailableTick[u] = Tick;
                ArrivalPhase.BecomePresent(u);
            }
        }
    }
}
