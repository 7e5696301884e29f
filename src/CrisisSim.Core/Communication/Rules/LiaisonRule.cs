namespace CrisisSim.Core.Communication;

/// <summary>
/// Co-governance by liaison: headquarters and each integrated organisation exchange information directly, on the
/// liaison channel (its own delay, loss and capacity); departments keep the chain of command.
/// </summary>
internal readonly struct LiaisonRule : ICommunicationRule
{
    public bool[] PlatformReaders(Actors.Nodes nodes) => new bool[nodes.Count];

    public void ShareOwn(Messenger c, int node, ref Message m)
    {
        if (c.Network.Traits[node].UnderCommand)
        {
            c.SendUpTheChain(ref m, node);
        }
        else if (c.Network.Integrated[node])
        {
            c.SendByLiaison(ref m, node);
        }
    }

    public void ToOrganisation(Messenger c, int n, in Message m) =>
        c.Relay(in m, Channel.Liaison, Direction.Direct, n, -1);

    public void Distribute(Messenger c, in Message m) => c.DistributeDown(this, in m);

    public void Route(Messenger c, int node, in Message m) => c.RouteByCommand(this, node, in m);
}
