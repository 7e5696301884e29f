namespace CrisisSim.Core.Communication;

/// <summary>
/// Co-governance by the chain of command: integrated (registered) organisations report to the district command like
/// departments, and headquarters reaches them through the district command — one hop more than a department.
/// </summary>
internal readonly struct HierarchicalRule : ICommunicationRule
{
    public bool[] PlatformReaders(Actors.Nodes nodes) => new bool[nodes.Count];

    public void ShareOwn(Messenger c, int node, ref Message m)
    {
        if (c.Network.Integrated[node])
        {
            c.SendUpTheChain(ref m, node);
        }
    }

    public void ToOrganisation(Messenger c, int n, in Message m) =>
        c.Relay(in m, Channel.Hierarchy, Direction.Down, Actors.Nodes.DistrictCommand, n);

    public void Distribute(Messenger c, in Message m) => c.DistributeDown(this, in m);

    public void Route(Messenger c, int node, in Message m) => c.RouteByCommand(this, node, in m);
}
