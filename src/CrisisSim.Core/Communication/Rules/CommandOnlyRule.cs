namespace CrisisSim.Core.Communication;

/// <summary>
/// Single government: only the chain of command. Departments report to the district command, which reports to
/// headquarters, which passes information down to the departments it concerns. Organisations are outside it: they
/// act on their own units' observation and on official broadcasts.
/// </summary>
internal readonly struct CommandOnlyRule : ICommunicationRule
{
    public bool[] PlatformReaders(Actors.Nodes nodes) => new bool[nodes.Count];

    public void ShareOwn(Messenger c, int node, ref Message m)
    {
        if (c.Network.Traits[node].UnderCommand)
        {
            c.SendUpTheChain(ref m, node);
        }
    }

    public void ToOrganisation(Messenger c, int n, in Message m)
    {
    }

    public void Distribute(Messenger c, in Message m) => c.DistributeDown(this, in m);

    public void Route(Messenger c, int node, in Message m) => c.RouteByCommand(this, node, in m);
}
