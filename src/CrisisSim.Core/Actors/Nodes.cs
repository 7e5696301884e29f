using CrisisSim.Core.Communication;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// The deciding agents: headquarters, district command, each department and each organisation.
/// Each holds beliefs — value and age of every need in every zone, and the claims it knows others hold —
/// built only from its own units' observation and the messages it has read. Decisions use beliefs,
/// never the truth. Stored as flat arrays indexed [node, zone, need] so the tick allocates nothing.
/// </summary>
public sealed class Nodes
{
    /// <summary>Number of needs (the field task kinds fire…blood).</summary>
    public const int NeedCount = 7;

    /// <summary>Index of the headquarters node.</summary>
    public const int Headquarters = 0;

    /// <summary>Index of the district command node.</summary>
    public const int DistrictCommand = 1;

    /// <summary>
    /// Index of the first actor's node: nodes 0 and 1 are the command (headquarters, district command), which own no
    /// units; actor i of the scenario is node <c>FirstActor + i</c>.
    /// </summary>
    public const int FirstActor = 2;

    /// <summary>
    /// Initial inbox slots of a command node or coordinator at population.scale 1: every report, call and claim
    /// converges on them (with semi-official bodies reporting up the chain and orders going down, the district command
    /// held 1,000 waiting messages in a default run), and a ring that grows during the steady tick allocates.
    /// </summary>
    private const int CommandInboxSlots = 2048;

    private readonly int _zones;

    /// <summary>
    /// Creates the two command nodes, one node per actor, then the coordinators the scenario's communication rule adds
    /// (e.g. the cluster rule's cluster leads: command staff without units of their own, under command).
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="runSeed">The run seed.</param>
    /// <param name="recycle">Optional nodes of a finished run with as many nodes and zones, whose inboxes and claim arrays are reset and reused.</param>
    public Nodes(Scenario scenario, ulong runSeed, Nodes? recycle = null)
    {
        _zones = scenario.Zones.Count;
        var actors = scenario.Actors;
        Ids = IdsOf(scenario);
        ActorEnd = FirstActor + actors.Count;
        Count = Ids.Length;
        Sector = new Sector[Count];
        Traits = new SectorTraits[Count];
        Integrated = new bool[Count];
        TaskMask = new int[Count];
        NeedsAuthorisation = new bool[Count];
        AuthorisedTick = new int[Count];
        FirstArrivalTick = new int[Count];
        Stock = new double[Count];
        ProcuredKits = new double[Count];
        ProcuredTick = new int[Count];
        HazardKnownTick = new int[Count];
        CoordinationDueH = new double[Count];
        Rng = new Xoshiro256StarStar[Count];
        Inbox = new MessageRing[Count];
        BeliefValue = new float[Count * _zones * NeedCount];
        BeliefTick = new int[Count * _zones * NeedCount];
        BeliefSource = new int[Count * _zones * NeedCount];
        BeliefMisstated = new bool[Count * _zones * NeedCount];
        Located = new bool[Count * _zones];
        Trust = new double[Count];
        bool reuse = recycle is not null && recycle.Count == Count && recycle._zones == _zones;
        ClaimUnits = reuse ? recycle!.ClaimUnits : new float[Count * Count * _zones * NeedCount];
        ClaimTick = reuse ? recycle!.ClaimTick : new int[Count * Count * _zones * NeedCount];
        Array.Clear(ClaimUnits);
        OthersClaims = new float[Count * _zones * NeedCount];
        Array.Fill(BeliefTick, -1);
        Array.Fill(BeliefSource, -1);
        Array.Fill(Trust, scenario.Governance.Trust);
        Array.Fill(ClaimTick, -1);
        Array.Fill(HazardKnownTick, int.MaxValue);
        Array.Fill(AuthorisedTick, int.MaxValue);
        Array.Fill(FirstArrivalTick, int.MaxValue);
        Broadcaster = -1;

        for (int n = 0; n < FirstActor; n++)
        {
            Sector[n] = Scenarios.Sector.Government;
            Integrated[n] = true;
            Rng[n] = RandomStreams.Create(runSeed, "node:" + Ids[n]);
            // Every report and call converges on the two command nodes, so their inboxes are sized with the city.
            Inbox[n] = MessageRing.Reuse(reuse ? recycle!.Inbox[n] : null, MessageRing.SizedForScale(CommandInboxSlots, scenario.Population.Scale));
        }

        bool co = scenario.Governance.Mode == GovernanceMode.CoGovernance;
        for (int i = 0; i < actors.Count; i++)
        {
            var a = actors[i];
            int n = FirstActor + i;
            Sector[n] = a.Sector;
            Traits[n] = SectorTraits.Effective(a.Sector, scenario.Governance.Organisations);
            bool registered = a.Registered || (a.Convergence && scenario.Governance.RegisterVolunteers); // the hub registers those who converge
            Integrated[n] = Traits[n].UnderCommand || (co && registered);
            // Outside the command an organisation is never authorised for cordoned zones (police turn it back); an
            // integrated one is, at once or after the legal delay.
            NeedsAuthorisation[n] = Traits[n].AsksPermission && (a.NeedsAuthorisation || !Integrated[n]);
            Stock[n] = a.StockKits * scenario.Population.CapacityScale;
            ProcuredKits[n] = a.ProcuredKits * scenario.Population.CapacityScale;
            foreach (var t in a.Tasks)
            {
                TaskMask[n] |= 1 << (int)t;
                if (t == TaskKind.Information)
                {
                    Broadcaster = n;
                }
            }

            Rng[n] = RandomStreams.Create(runSeed, "actor:" + a.Id);
            // Orders, distributions and claims reach a department in proportion to the city's size, like the command's.
            Inbox[n] = MessageRing.Reuse(reuse ? recycle!.Inbox[n] : null, MessageRing.SizedForScale(256, scenario.Population.Scale));
        }

        for (int n = ActorEnd; n < Count; n++)
        {
            Sector[n] = Scenarios.Sector.Government;
            Integrated[n] = true;
            Rng[n] = RandomStreams.Create(runSeed, "node:" + Ids[n]);
            Inbox[n] = MessageRing.Reuse(reuse ? recycle!.Inbox[n] : null, MessageRing.SizedForScale(CommandInboxSlots, scenario.Population.Scale));
        }

        for (int n = 0; n < Count; n++)
        {
            if (n < FirstActor || n >= ActorEnd)
            {
                Traits[n] = SectorTraits.Of(Sector[n]);
            }
        }
    }

    /// <summary>
    /// The ids of a run's nodes, in node order: headquarters, district command, the actors, then the coordinators of
    /// the scenario's communication rule (events.csv names nodes by these).
    /// </summary>
    public static string[] IdsOf(Scenario scenario) =>
        ["headquarters", "district_command", .. scenario.Actors.Select(a => a.Id), .. Communication.CommunicationRules.Coordinators(scenario)];

    /// <summary>Number of nodes.</summary>
    public int Count { get; }

    /// <summary>Node ids ("headquarters", "district_command", then actor ids).</summary>
    public string[] Ids { get; }

    /// <summary>End of the actor nodes (exclusive): nodes FirstActor to ActorEnd own units; coordinators follow.</summary>
    public int ActorEnd { get; }

    /// <summary>Sector of each node, as the scenario says (the engine asks <see cref="Traits"/>).</summary>
    public Sector[] Sector { get; }

    /// <summary>How each node behaves: its sector's traits as governance.organisations treats it; the engine asks these, never the sector.</summary>
    public SectorTraits[] Traits { get; }

    /// <summary>Whether the node takes part in the government's communication (government, or an organisation integrated under co-governance).</summary>
    public bool[] Integrated { get; }

    /// <summary>Bit mask of the tasks the node's units do.</summary>
    public int[] TaskMask { get; }

    /// <summary>Whether the node needs authorisation for cordoned zones.</summary>
    public bool[] NeedsAuthorisation { get; }

    /// <summary>Tick from which the node may work in cordoned zones.</summary>
    public int[] AuthorisedTick { get; }

    /// <summary>Tick its first unit arrived.</summary>
    public int[] FirstArrivalTick { get; }

    /// <summary>Kits held (relief stock).</summary>
    public double[] Stock { get; }

    /// <summary>Kits being procured.</summary>
    public double[] ProcuredKits { get; }

    /// <summary>Tick procured kits arrive.</summary>
    public int[] ProcuredTick { get; }

    /// <summary>Tick from which the node knows the chemicals' identity (int.MaxValue: not known).</summary>
    public int[] HazardKnownTick { get; }

    /// <summary>Staff-hours of coordination a node has spent and not yet taken from its units' field work.</summary>
    public double[] CoordinationDueH { get; }

    /// <summary>Each node's random stream (decisions and trust).</summary>
    public Xoshiro256StarStar[] Rng { get; }

    /// <summary>Messages delivered and waiting to be processed.</summary>
    public MessageRing[] Inbox { get; }


    /// <summary>The official broadcaster, or -1.</summary>
    public int Broadcaster { get; }

    /// <summary>Believed value of need [node, zone, need].</summary>
    public float[] BeliefValue { get; }

    /// <summary>Observation tick of that belief (-1: nothing known).</summary>
    public int[] BeliefTick { get; }

    /// <summary>
    /// The organisation whose relationship with the government that belief tests, or -1: set when the belief came
    /// from the other sector (an organisation's report read by the government, or the government's read by an
    /// organisation), cleared when the node acts on it and its unit sees the truth, or when its own units observe.
    /// </summary>
    public int[] BeliefSource { get; }

    /// <summary>Whether that belief came from a misstated report (what a unit on site finds out).</summary>
    public bool[] BeliefMisstated { get; }

    /// <summary>
    /// Per node and zone [node, zone]: whether the node knows where the trapped people there are, from a report that said
    /// so (a call from the public, or a report from a node that knew); its rescue units then search at full pace
    /// (population.unlocated_rescue_factor).
    /// </summary>
    public bool[] Located { get; }

    /// <summary>Whether node <paramref name="node"/> knows where the trapped in <paramref name="zone"/> are.</summary>
    public bool IsLocated(int node, int zone) => Located[(node * _zones) + zone];

    /// <summary>Node <paramref name="node"/> learns where the trapped in <paramref name="zone"/> are.</summary>
    public void Locate(int node, int zone) => Located[(node * _zones) + zone] = true;

    /// <summary>
    /// Trust in the relationship between the government and each organisation node (0–1; the government's nodes hold
    /// governance.trust and do not change): it gates acting on the other's information and sharing one's own, and
    /// changes with experience (<see cref="Experience"/>).
    /// </summary>
    public double[] Trust { get; }

    /// <summary>
    /// The organisation of the relationship between nodes <paramref name="a"/> and <paramref name="b"/>: the one outside
    /// the command when exactly one of them is under it; -1 when they are on the same side (or either is the public).
    /// </summary>
    public int Relationship(int a, int b)
    {
        if (a < 0 || b < 0 || Traits[a].UnderCommand == Traits[b].UnderCommand)
        {
            return -1;
        }

        return Traits[a].UnderCommand ? b : a;
    }

    /// <summary>
    /// The relationship with organisation <paramref name="organisation"/> learns from one report acted on: an accurate
    /// one closes <paramref name="gain"/> of the distance to full trust, a misstated one <paramref name="loss"/> of the
    /// distance to none.
    /// </summary>
    public void Experience(int organisation, bool accurate, double gain, double loss)
    {
        double t = Trust[organisation];
        Trust[organisation] = accurate ? t + (gain * (1 - t)) : t - (loss * t);
    }

    /// <summary>Units believed committed [observer, owner, zone, need].</summary>
    public float[] ClaimUnits { get; }

    /// <summary>
    /// Per observer, zone and need [observer, zone, need]: the units it believes the other deciding nodes have committed,
    /// the sum of its <see cref="ClaimUnits"/> over every other owner, kept up to date by <see cref="BelieveClaim"/>
    /// (claims are whole numbers of units, so the running sum is exact).
    /// </summary>
    public float[] OthersClaims { get; }

    /// <summary>Observation tick of that claim.</summary>
    public int[] ClaimTick { get; }

    /// <summary>Whether node <paramref name="node"/> is an actor's (owns units), not the command's or a coordinator's.</summary>
    public bool IsActor(int node) => node >= FirstActor && node < ActorEnd;

    /// <summary>Whether node <paramref name="node"/> does task <paramref name="task"/>.</summary>
    public bool Does(int node, TaskKind task) => (TaskMask[node] & (1 << (int)task)) != 0;

    /// <summary>Index into the belief arrays.</summary>
    public int BeliefIndex(int node, int zone, int need) => (((node * _zones) + zone) * NeedCount) + need;

    /// <summary>Index into the claim arrays.</summary>
    public int ClaimIndex(int observer, int owner, int zone, int need) => (((((observer * Count) + owner) * _zones) + zone) * NeedCount) + need;

    /// <summary>
    /// Updates a belief if the observation is at least as new as what the node holds; returns whether it changed.
    /// <paramref name="source"/> and <paramref name="misstated"/> say whose relationship it tests (see <see cref="BeliefSource"/>).
    /// </summary>
    public bool Believe(int node, int zone, int need, float value, int observedTick, int source = -1, bool misstated = false)
    {
        int i = BeliefIndex(node, zone, need);
        if (observedTick < BeliefTick[i])
        {
            return false;
        }

        bool changed = BeliefTick[i] < 0 || BeliefValue[i] != value;
        BeliefValue[i] = value;
        BeliefTick[i] = observedTick;
        BeliefSource[i] = source;
        BeliefMisstated[i] = misstated;
        return changed;
    }

    /// <summary>Updates a known claim if at least as new.</summary>
    public void BelieveClaim(int observer, int owner, int zone, int need, float units, int observedTick)
    {
        int i = ClaimIndex(observer, owner, zone, need);
        if (observedTick >= ClaimTick[i])
        {
            if (owner != observer && owner >= FirstActor)
            {
                OthersClaims[BeliefIndex(observer, zone, need)] += units - ClaimUnits[i];
            }

            ClaimUnits[i] = units;
            ClaimTick[i] = observedTick;
        }
    }
}
