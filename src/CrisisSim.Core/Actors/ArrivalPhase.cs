using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Phases 3 and 4: units arrive on their schedule (and procured stock on its), and units on the road reach their
/// target. An organisation's first unit to arrive starts its authorisation clock and brings what it believes from
/// the media.
/// </summary>
internal sealed class ArrivalPhase : Phase
{
    /// <summary>
    /// Need (in task units) an organisation assumes at a fully visible zone before it has seen it: a media-driven
    /// guess (assumption), scaled by the zone's visibility; it is why unguided volunteers pile up at visible sites.
    /// </summary>
    public const double PriorNeedAtFullVisibility = 20;

    public ArrivalPhase(RunState run)
        : base(run)
    {
        for (int n = 0; n < Nodes.Count; n++)
        {
            if (!Nodes.NeedsAuthorisation[n])
            {
                Nodes.AuthorisedTick[n] = 0; // authorised everywhere from the start
            }

            double lag = Nodes.IsActor(n) ? Parameters.Actors[n - Nodes.FirstActor].ProcurementLagH : 0;
            Nodes.ProcuredTick[n] = Nodes.ProcuredKits[n] > 0 ? TicksFor(lag) : int.MaxValue;
        }
    }

    /// <summary>
    /// Phase 3: units that are done leave (their duty is over, or their organisation has nothing left to give);
    /// scheduled units become present; procured kits arrive.
    /// </summary>
    public void ArriveScheduled()
    {
        Depart();
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            // Scheduled units of a node are stored in arrival order: advance a cursor, touch nothing else.
            while (Roster.NextScheduled[n] < Roster.PoolStart[n] && Units.AvailableTick[Roster.NextScheduled[n]] <= Tick)
            {
                BecomePresent(Roster.NextScheduled[n]++);
            }

            if (Tick == Nodes.ProcuredTick[n])
            {
                Nodes.Stock[n] += Nodes.ProcuredKits[n];
                Nodes.ProcuredKits[n] = 0;
            }
        }
    }

    /// <summary>
    /// Idle units whose duty is over leave for good, and so do the idle units of an organisation outside the command
    /// whose only task is supplies once its stock is gone and nothing is being procured. A unit that leaves is Absent
    /// and never returns; it holds no claim (it is idle).
    /// </summary>
    private void Depart()
    {
        for (int u = 0; u < UnitCount; u++)
        {
            if (Units.State[u] != UnitState.Idle)
            {
                continue;
            }

            int owner = Units.Owner[u];
            if (Tick >= Units.DutyEndTick[u] || OutOfRelief(owner))
            {
                Units.State[u] = UnitState.Absent;
                Units.AvailableTick[u] = int.MaxValue;
                Metrics.UnitsDeparted++;
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> is an organisation with nothing but relief to give and no relief left to give.</summary>
    private bool OutOfRelief(int node) =>
        !Nodes.Traits[node].UnderCommand && Nodes.TaskMask[node] == (1 << (int)TaskKind.Supplies) && Nodes.Stock[node] <= 0 && Nodes.ProcuredKits[node] <= 0;

    /// <summary>
    /// Phase 4: trips move on to the road they are on now; units bringing the injured to hospital whose trip ends hand
    /// them over there (Population/CasualtyTransport.cs); units whose trip ends this tick leave the road, look around
    /// afresh and start work.
    /// </summary>
    public void FinishTrips()
    {
        int tick = Tick;
        Roads.Advance(tick * Dt);
        Run.Casualties?.Arrive(tick, WorkPhase, ObservationPhase);
        for (int u = 0; u < UnitCount; u++)
        {
            if (Units.State[u] != UnitState.Travelling || Units.ArriveTick[u] > tick)
            {
                continue;
            }

            if (Units.NoShow[u])
            {
                BreakCommitment(u);
                continue;
            }

            Roads.Arrive(u);
            KeepCommitment(Units.Owner[u]);
            Units.Zone[u] = Units.Target[u];
            ObservationPhase.ForgetReports(u); // a unit arriving somewhere new reports everything it sees there, including "nothing"
            WorkPhase.StartWork(u);
        }
    }

    /// <summary>
    /// The unit that broke its commitment was due now: its claim is withdrawn and shared as usual, it is idle where it
    /// always was, and the command's trust in an integrated organisation loses governance.trust_loss of its distance to none.
    /// </summary>
    private void BreakCommitment(int u)
    {
        int node = Units.Owner[u];
        Units.NoShow[u] = false;
        DispatchPhase.ReleaseClaim(u);
        Emit(TraceKind.CommitmentBroken, node, -1, u, Units.Target[u], (int)Units.Task[u], -1, 1, -1);
        Units.State[u] = UnitState.Idle;
        Units.Target[u] = Units.Zone[u];
        Metrics.CommitmentsBroken++;
        if (CommandSeesCommitments(node))
        {
            Nodes.Experience(node, accurate: false, Parameters.Governance.CommitmentGain, Parameters.Governance.TrustLoss);
        }
    }

    /// <summary>A unit of <paramref name="node"/> arrived where it was committed: an integrated organisation's relationship gains governance.commitment_gain.</summary>
    private void KeepCommitment(int node)
    {
        double gain = Parameters.Governance.CommitmentGain;
        if (gain > 0 && CommandSeesCommitments(node))
        {
            Nodes.Experience(node, accurate: true, gain, Parameters.Governance.TrustLoss);
        }
    }

    /// <summary>Whether the command learns whether <paramref name="node"/>'s units come where they were committed: an organisation it integrates (assumption: through the claims shared with it and its own units on site).</summary>
    private bool CommandSeesCommitments(int node) => Nodes.Integrated[node] && !Nodes.Traits[node].UnderCommand;

    /// <summary>A unit (scheduled or converging) is on site and idle.</summary>
    public void BecomePresent(int unit)
    {
        Units.State[unit] = UnitState.Idle;
        int owner = Units.Owner[unit];
        double duty = Parameters.Actors[owner - Nodes.FirstActor].DutyH;
        Units.DutyEndTick[unit] = duty > 0 ? Tick + DurationTicks(duty) : int.MaxValue;
        if (Nodes.FirstArrivalTick[owner] == int.MaxValue)
        {
            Nodes.FirstArrivalTick[owner] = Tick;
            if (Nodes.NeedsAuthorisation[owner] && Nodes.Integrated[owner])
            {
                Nodes.AuthorisedTick[owner] = Tick + DurationTicks(Parameters.Governance.Legal.AuthorisationDelayH);
            }

            SeedPrior(owner);
        }
    }

    /// <summary>
    /// What an arriving organisation believes before it has seen anything: the need it hears of in the
    /// media, proportional to a zone's visibility.
    /// </summary>
    private void SeedPrior(int node)
    {
        if (!Nodes.Traits[node].GuessesFromMedia)
        {
            return;
        }

        for (int z = 0; z < ZoneCount; z++)
        {
            if (Zones.Visibility[z] <= 0)
            {
                continue;
            }

            for (int t = 0; t < Nodes.NeedCount; t++)
            {
                if (Nodes.Does(node, (TaskKind)t) && TaskTraits.Of((TaskKind)t).IsExpectedIn(Zones.Kind[z]) && Nodes.BeliefTick[Nodes.BeliefIndex(node, z, t)] < 0)
                {
                    Nodes.Believe(node, z, t, (float)(Zones.Visibility[z] * PriorNeedAtFullVisibility), 0);
                }
            }
        }
    }
}
