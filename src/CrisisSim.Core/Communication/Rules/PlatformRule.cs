namespace CrisisSim.Core.Communication;

/// <summary>
/// Co-governance by a shared information platform: every integrated node — departments and registered organisations —
/// posts what it learns and reads the others' posts from its one attention budget; departments also keep the chain of
/// command, and headquarters posts what only it hears (the public's calls). Nothing read on the platform is relayed.
/// </summary>
internal readonly struct PlatformRule : ICommunicationRule
{
    public bool[] PlatformReaders(Actors.Nodes nodes)
    {
        var readers = new bool[nodes.Count];
        for (int n = 0; n < nodes.Count; n++)
        {
            readers[n] = nodes.Integrated[n];
        }

        return readers;
    }

    public void ShareOwn(Messenger c, int node, ref Message m)
    {
        if (c.Network.Traits[node].UnderCommand)
        {
            c.SendUpTheChain(ref m, node);
        }

        if (c.Network.Integrated[node])
        {
            var post = m; // the same report (misstated or not) goes on the platform
            c.Post(node, ref post);
        }
    }

    public void ToOrganisation(Messenger c, int n, in Message m)
    {
        // Organisations read the platform: headquarters sends them nothing directly.
    }

    public void Distribute(Messenger c, in Message m)
    {
        c.DistributeDown(this, in m);
        if (m.Origin < 0)
        {
            var post = m; // what only headquarters hears (emergency calls) is posted for everyone
            c.Post(Actors.Nodes.Headquarters, ref post);
        }
    }

    public void Route(Messenger c, int node, in Message m) => c.RouteByCommand(this, node, in m);
}
