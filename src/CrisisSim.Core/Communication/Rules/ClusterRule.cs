using CrisisSim.Core.Actors;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Communication;

/// <summary>
/// Co-governance by clusters, after the UN's cluster approach (one lead per sector of the response) and the working
/// groups of a Chinese emergency headquarters: one coordinator each for rescue, health (medical care and blood),
/// shelter and supplies. Every integrated actor — department or registered organisation — reports what it learns of
/// a cluster's need, and its claims on it, to that cluster's coordinator, on the cluster channel
/// (communication.cluster); the coordinator passes it to every other integrated actor it concerns and up to
/// headquarters. What headquarters learns of a cluster's need elsewhere (the public's calls) it passes to the
/// coordinator, which passes it on. Fire, monitoring and the chemicals stay with the chain of command (departments)
/// and liaison (organisations). Coordinators are command staff: they own no units, read at the cluster channel's
/// capacity, and judge reports from organisations by the relationship's trust, like any crossing between sectors; what
/// they pass to an organisation goes as far as the relationship's willingness to share.
/// </summary>
internal readonly struct ClusterRule : ICommunicationRule
{
    /// <summary>The coordinators' node ids, in cluster order.</summary>
    public static readonly string[] Coordinators = ["cluster:rescue", "cluster:health", "cluster:shelter", "cluster:supplies"];

    /// <summary>The cluster of each need (task kind), or -1 for the needs the chain of command keeps.</summary>
    private static readonly int[] s_clusterOf = BuildClusters();

    public bool[] PlatformReaders(Nodes nodes) => new bool[nodes.Count];

    public void ShareOwn(Messenger c, int node, ref Message m)
    {
        var nodes = c.Network;
        int cluster = ClusterOf(in m);
        if (cluster >= 0 && nodes.Integrated[node])
        {
            m.Channel = Channel.Cluster;
            c.Send(ref m, node, nodes.ActorEnd + cluster, -1);
        }
        else if (nodes.Traits[node].UnderCommand)
        {
            c.SendUpTheChain(ref m, node);
        }
        else if (nodes.Integrated[node])
        {
            c.SendByLiaison(ref m, node);
        }
    }

    public void ToOrganisation(Messenger c, int n, in Message m) =>
        c.Relay(in m, Channel.Liaison, Direction.Direct, n, -1);

    public void Distribute(Messenger c, in Message m)
    {
        int cluster = ClusterOf(in m);
        if (cluster < 0)
        {
            c.DistributeDown(this, in m);
            return;
        }

        int coordinator = c.Network.ActorEnd + cluster;
        if (m.From != coordinator)
        {
            c.Relay(in m, Channel.Cluster, Direction.Down, coordinator, -1); // learned elsewhere: the cluster passes it on
        }
    }

    public void Route(Messenger c, int node, in Message m)
    {
        var nodes = c.Network;
        if (node < nodes.ActorEnd)
        {
            c.RouteByCommand(this, node, in m);
            return;
        }

        // A coordinator: to every integrated actor the message concerns, and what came from a member up to headquarters.
        for (int n = Nodes.FirstActor; n < nodes.ActorEnd; n++)
        {
            if (n != m.From && nodes.Integrated[n] && c.Concerns(n, in m) && (nodes.Traits[n].UnderCommand || c.WillingToShare(n)))
            {
                c.Relay(in m, Channel.Cluster, Direction.Down, n, n); // to an organisation, as far as the relationship's trust goes
            }
        }

        if (m.From != Nodes.Headquarters)
        {
            c.Relay(in m, Channel.Cluster, Direction.Up, Nodes.Headquarters, -1);
        }
    }

    private static int ClusterOf(in Message m) => m.Kind == MessageKind.HazardIdentified ? -1 : s_clusterOf[m.Need];

    private static int[] BuildClusters()
    {
        var clusters = new int[Nodes.NeedCount];
        Array.Fill(clusters, -1);
        clusters[(int)TaskKind.Rescue] = 0;
        clusters[(int)TaskKind.Medical] = 1;
        clusters[(int)TaskKind.Blood] = 1;
        clusters[(int)TaskKind.Shelter] = 2;
        clusters[(int)TaskKind.Supplies] = 3;
        return clusters;
    }
}
