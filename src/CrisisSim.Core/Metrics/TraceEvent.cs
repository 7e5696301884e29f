namespace CrisisSim.Core.Metrics;

/// <summary>Kinds of auditable event in one run's story.</summary>
public enum TraceKind : byte
{
    /// <summary>A message left its sender.</summary>
    MessageSent,

    /// <summary>A message was lost on its hop.</summary>
    MessageLost,

    /// <summary>A message waited in an inbox because the receiver was at capacity.</summary>
    MessageDelayed,

    /// <summary>A message was read and acted on.</summary>
    MessageRead,

    /// <summary>A message was read but not acted on for lack of trust.</summary>
    MessageDistrusted,

    /// <summary>An official release to the public.</summary>
    Broadcast,

    /// <summary>A node committed a unit to a need in a zone.</summary>
    TaskClaimed,

    /// <summary>A unit arrived and started work.</summary>
    TaskStarted,

    /// <summary>A unit finished (need met on site, stock exhausted, or unit lost).</summary>
    TaskFinished,

    /// <summary>An organisation's dispatch was not permitted.</summary>
    TaskRefused,

    /// <summary>The platform's verification desk caught a wrong post and removed it.</summary>
    PostRejected,

    /// <summary>Headquarters issued a tasking order: node, its target (other), zone, need, value = units the target should have there.</summary>
    OrderIssued,

    /// <summary>Headquarters issued a release order: node, its target (other), zone, need, value = units the target may keep there.</summary>
    ReleaseIssued,

    /// <summary>A unit was recalled from its task by a release order its node read (it becomes idle where it is).</summary>
    UnitRecalled,

    /// <summary>Headquarters requisitioned an organisation's relief stock: node, the organisation (other), value = kits.</summary>
    StockRequisitioned,

    /// <summary>A unit did not come where its node had committed it (actors.*.commitment_kept): its claim is withdrawn when it was due; zone, need, value = 1.</summary>
    CommitmentBroken,
}

/// <summary>One event of a run's story (a value type: recording it allocates nothing in the engine).</summary>
/// <param name="Tick">Tick of the event.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Node">Acting node (sender, reader, claimant).</param>
/// <param name="Other">Counterpart node (receiver), or -1.</param>
/// <param name="Unit">Unit involved, or -1.</param>
/// <param name="Zone">Zone concerned, or -1.</param>
/// <param name="Need">Need or task (a TaskKind value), or -1.</param>
/// <param name="Channel">Channel (a Communication.Channel value), or -1.</param>
/// <param name="Value">Value carried (need size, units), or 0.</param>
/// <param name="ObservedTick">Observation tick of the content, or -1.</param>
public readonly record struct TraceEvent(int Tick, TraceKind Kind, int Node, int Other, int Unit, int Zone, int Need, int Channel, double Value, int ObservedTick);

/// <summary>Receives trace events during a run (the CLI writes them to events.csv).</summary>
public interface ITraceSink
{
    /// <summary>Records one event.</summary>
    void Record(in TraceEvent e);
}
