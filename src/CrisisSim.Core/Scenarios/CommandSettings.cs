using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// What headquarters does besides relaying: it plans (tasking orders down the chain of command), opens an on-site
/// command post, and requisitions relief stock. In every governance mode, for the nodes it commands.
/// </summary>
public sealed class CommandSettings
{
    /// <summary>Whether headquarters plans and sends tasking orders.</summary>
    [Param("planning", "Whether headquarters plans: at every situation meeting it compares, from its own beliefs, each need with the units it believes committed, and orders the nodes it commands to send units to the largest uncovered needs and to release units where it believes claims exceed the need; false: headquarters only relays (the behaviour before issue 14, requirement 3)", Source = "sources.md §1.6: the Youth League hub worked \"under the unified deployment of the city emergency command\"; §5.1.4: the single-government baseline was a straw man")]
    public bool Planning { get; set; } = true;

    /// <summary>Hours between situation meetings.</summary>
    [Param("planning_interval_h", "Hours between two situation meetings of headquarters (meeting k is held at k × this value after the first call); each meeting plans on the beliefs headquarters holds then", Unit = "h", Min = 0.1, Max = 336, Source = "assumption: an hourly situation meeting of the city command")]
    public double PlanningIntervalH { get; set; } = 1;

    /// <summary>Hours from the picture to the orders.</summary>
    [Param("planning_time_h", "Hours from a meeting's picture to the issue of its orders (staff work); the orders then travel the chain of command", Unit = "h", Min = 0, Max = 48, Source = "assumption: half an hour of staff work per meeting")]
    public double PlanningTimeH { get; set; } = 0.5;

    /// <summary>Assignment decisions per hour.</summary>
    [Param("assignments_per_h", "Tasking orders (assignments and releases) headquarters can decide per hour of meetings; a meeting decides this × planning_interval_h, the fraction carried to the next meeting, so the count does not depend on the tick length", Unit = "orders/h", Min = 0, Max = 100_000, Source = "assumption: 20 an hour, one order every three minutes")]
    public double AssignmentsPerH { get; set; } = 20;

    /// <summary>When the on-site command post opens.</summary>
    [Param("post_opens_h", "Hours after the first call at which the on-site (forward) command post opens; from then on a hop between an actor's node and the district command takes post_delay_h instead of communication.hierarchy.delay_h (the district command sits with the field commanders). A value beyond the horizon: no post", Unit = "h", Min = 0, Max = 100_000, Source = "assumption: a forward command post near the site within the first night (sources.md §1 records none)")]
    public double PostOpensH { get; set; } = 3;

    /// <summary>Delay of a hop at the command post.</summary>
    [Param("post_delay_h", "Delay of a hop between an actor's node and the district command once the command post is open (loss, capacity and cost stay those of communication.hierarchy)", Unit = "h", Min = 0, Max = 48, Source = "assumption: a field commander walks over to the post (a quarter of an hour)")]
    public double PostDelayH { get; set; } = 0.25;

    /// <summary>Government relief stock below which headquarters requisitions.</summary>
    [Param("requisition_below_kits", "When headquarters believes supplies are needed somewhere and the relief stock of the nodes it commands that deliver supplies is below this, it requisitions the stock of every organisation outside command that has arrived (once per organisation per run); 0: never", Unit = "kits", Min = 0, Max = 100_000_000, Source = "PRC Emergency Response Law (2007), arts. 12 and 52 (requisition of property for the response, returned or compensated); the threshold is an assumption (a third of civil affairs' 15,000 kits)")]
    public double RequisitionBelowKits { get; set; } = 5000;

    /// <summary>Hours for requisitioned kits to reach the government's store.</summary>
    [Param("requisition_lag_h", "Hours from a requisition to the kits being in the stock of the government's first supplies node (they leave the organisation's stock at once)", Unit = "h", Min = 0, Max = 336, Source = "assumption: two hours to load and move a warehouse's stock")]
    public double RequisitionLagH { get; set; } = 2;
}

/// <summary>Counterfactual treatment of the organisation sector (<c>governance.organisations</c>).</summary>
public enum OrganisationsSetting
{
    /// <summary>Organisations act as the governance mode says (outside command, or integrated under co-governance).</summary>
    [YamlName("independent")] Independent,

    /// <summary>No organisation's unit ever arrives (convergence included): the government alone.</summary>
    [YamlName("absent")] Absent,

    /// <summary>Every organisation is under command as if it were a semi-official body: no permission, reports up the chain, receives orders.</summary>
    [YamlName("absorbed")] Absorbed,
}
