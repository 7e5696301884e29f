namespace CrisisSim.Core.Communication;

/// <summary>
/// A communication rule: who sends what to whom. Implemented by structs and used as the type argument of
/// <see cref="CommunicationPhase{TRule}"/>, so each rule's decisions are compiled into the phase (no virtual calls in
/// the tick). The <see cref="Messenger"/> does the carrying (channels, delay, loss, cost, the platform).
/// Register a new rule in <see cref="CommunicationRules"/>.
/// </summary>
internal interface ICommunicationRule
{
    /// <summary>Which nodes read the platform (none, unless the rule has one).</summary>
    bool[] PlatformReaders(Actors.Nodes nodes);

    /// <summary>
    /// Actor node <paramref name="node"/> shares its own information <paramref name="m"/> (a need its units saw, a claim,
    /// the chemicals' identity), created on the hierarchy going up.
    /// </summary>
    void ShareOwn(Messenger c, int node, ref Message m);

    /// <summary>Headquarters passes <paramref name="m"/> to integrated organisation <paramref name="n"/>, which it concerns.</summary>
    void ToOrganisation(Messenger c, int n, in Message m);

    /// <summary>Headquarters has read <paramref name="m"/> (from below or directly): it passes it on to those it concerns.</summary>
    void Distribute(Messenger c, in Message m);

    /// <summary>Node <paramref name="node"/> has read <paramref name="m"/> (not from the platform): where it goes next.</summary>
    void Route(Messenger c, int node, in Message m);
}
