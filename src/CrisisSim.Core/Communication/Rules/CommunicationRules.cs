using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Communication;

/// <summary>
/// The rule through which organisations are integrated under co-governance (<c>governance.communication</c>).
/// Each value is implemented by one <see cref="ICommunicationRule"/> struct, registered in <see cref="CommunicationRules"/>.
/// </summary>
public enum CommunicationRule
{
    /// <summary>Chain of command: organisations report to the district command like departments.</summary>
    [YamlName("hierarchical")] Hierarchical,

    /// <summary>Bilateral liaison between headquarters and each registered organisation, gated by trust.</summary>
    [YamlName("liaison")] Liaison,

    /// <summary>A shared information platform where every registered agent posts and reads.</summary>
    [YamlName("platform")] Platform,

    /// <summary>One coordinator per task cluster (rescue, health, shelter, supplies) to which departments and organisations report and from which they hear.</summary>
    [YamlName("cluster")] Cluster,
}

/// <summary>The catalog of communication rules: which rule a run uses, the phase built on it, and the nodes it adds.</summary>
internal static class CommunicationRules
{
    /// <summary>The communication phase of a run: the chain of command alone under single government, else the scenario's rule.</summary>
    public static ICommunicationPhase Create(RunState run, Simulation? recycle)
    {
        var governance = run.Parameters.Governance;
        if (governance.Mode == GovernanceMode.SingleGovernment)
        {
            return new CommunicationPhase<CommandOnlyRule>(run, recycle, default);
        }

        return governance.Communication switch
        {
            CommunicationRule.Hierarchical => new CommunicationPhase<HierarchicalRule>(run, recycle, default),
            CommunicationRule.Liaison => new CommunicationPhase<LiaisonRule>(run, recycle, default),
            CommunicationRule.Platform => new CommunicationPhase<PlatformRule>(run, recycle, default),
            CommunicationRule.Cluster => new CommunicationPhase<ClusterRule>(run, recycle, default),
            _ => throw new ArgumentOutOfRangeException(nameof(run), governance.Communication, "no such communication rule"),
        };
    }

    /// <summary>Ids of the coordinating nodes the scenario's rule adds after the actors (none for most rules).</summary>
    public static IReadOnlyList<string> Coordinators(Scenario scenario) =>
        scenario.Governance.Mode == GovernanceMode.CoGovernance && scenario.Governance.Communication == CommunicationRule.Cluster
            ? ClusterRule.Coordinators
            : [];
}
