namespace CrisisSim.Core.Communication;

/// <summary>What a message says.</summary>
public enum MessageKind : byte
{
    /// <summary>An observed need: value of a need in a zone at an observation time.</summary>
    NeedReport = 0,

    /// <summary>A claim: how many units the owner has committed to a need in a zone.</summary>
    Claim = 1,

    /// <summary>The chemicals have been identified.</summary>
    HazardIdentified = 2,

    /// <summary>A tasking order from headquarters to its target: have this many units on the need in the zone (send idle ones).</summary>
    Order = 3,

    /// <summary>A release order from headquarters to its target: keep at most this many units on the need in the zone.</summary>
    Release = 4,
}

/// <summary>
/// The channel a message travels on; each has its own delay, loss and cost. Its name in events.csv is its name here in
/// lower case. (A unit's radio to its own node is immediate and is not a channel.)
/// </summary>
public enum Channel : byte
{
    /// <summary>A hop of the chain of command.</summary>
    Hierarchy,

    /// <summary>Bilateral liaison between headquarters and an organisation.</summary>
    Liaison,

    /// <summary>A post on the shared platform.</summary>
    Platform,

    /// <summary>An official broadcast.</summary>
    Broadcast,

    /// <summary>An emergency call from the public to the district command.</summary>
    Call,

    /// <summary>A hop between an actor and its cluster's coordinator, or between a coordinator and headquarters.</summary>
    Cluster,
}

/// <summary>Direction of a message in the chain of command.</summary>
public enum Direction : byte
{
    /// <summary>Towards headquarters.</summary>
    Up = 0,

    /// <summary>From headquarters to a node.</summary>
    Down = 1,

    /// <summary>Point to point (liaison, platform).</summary>
    Direct = 2,
}

/// <summary>A message in flight or in an inbox. A plain struct: messages live in preallocated rings and never allocate.</summary>
public struct Message
{
    /// <summary>What it says.</summary>
    public MessageKind Kind;

    /// <summary>Channel it travels on.</summary>
    public Channel Channel;

    /// <summary>Direction in the chain of command.</summary>
    public Direction Direction;

    /// <summary>The need (a <see cref="Scenarios.TaskKind"/> value).</summary>
    public byte Need;

    /// <summary>Zone the content is about.</summary>
    public int Zone;

    /// <summary>Node that first produced the content (observer, claimant, or -1 for the public).</summary>
    public int Origin;

    /// <summary>Node sending this hop.</summary>
    public int From;

    /// <summary>Node receiving this hop.</summary>
    public int To;

    /// <summary>Final destination for downward messages (-1 otherwise).</summary>
    public int Target;

    /// <summary>The value: need size or units committed.</summary>
    public float Value;

    /// <summary>Tick at which the content was observed.</summary>
    public int ObservedTick;

    /// <summary>Tick at which it becomes deliverable.</summary>
    public int DeliverTick;

    /// <summary>Whether it has already been logged as waiting in an inbox.</summary>
    public bool Queued;

    /// <summary>Whether the sender misstated the value its units saw (actors.*.report_error); readers cannot tell.</summary>
    public bool Misstated;

    /// <summary>
    /// Whether a report of trapped people says where they are: a call from the public does, and so does a report from a
    /// node that knew where they were when it made it (population.unlocated_rescue_factor, <see cref="Actors.Nodes.Located"/>).
    /// </summary>
    public bool Located;
}
