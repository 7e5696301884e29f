using CrisisSim.Core.Analysis;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// A kind of experimental design (factorial, lhs, morris, sobol, …): everything that differs between kinds lives
/// in its implementation, so the loader, the builder and the CLI never ask which kind a design is. An instance from
/// <see cref="DesignCatalog.All"/> carries default settings; <see cref="Configure"/> returns one carrying the
/// settings of an experiment file. Adding a kind is its own file plus one line in <see cref="DesignCatalog"/>.
/// </summary>
public interface IDesignType
{
    /// <summary>
    /// The value of <c>design.kind</c> that selects this type; also the <c>design_kind</c> of sweep.json and the
    /// name shown by validate, dry runs and reports. Lower case; never change it (stored sweeps name it).
    /// </summary>
    string Name { get; }

    /// <summary>
    /// The keys of the design section this type reads besides kind, factors and arms, in the order they are checked.
    /// Every type's keys are allowed (and range-checked) in every design section; only this type's required ones
    /// must be given when it is chosen.
    /// </summary>
    IReadOnlyList<DesignSetting> Settings { get; }

    /// <summary>
    /// This type with the settings read from a design section (each already range-checked); checks that span
    /// settings add positioned errors to <paramref name="errors"/>.
    /// </summary>
    IDesignType Configure(DesignSettings settings, List<ScenarioError> errors);

    /// <summary>
    /// Reads one entry of <c>design.factors</c> (<paramref name="spelling"/>: <paramref name="value"/>) in the form
    /// this type takes (<see cref="FactorReader"/> has the two forms in use); null after adding an error.
    /// </summary>
    Factor? ReadFactor(string spelling, YamlTreeNode value, List<ScenarioError> errors);

    /// <summary>Whether <c>design.arms</c> is accepted, each arm crossed with every combination of the factors.</summary>
    bool CrossesArms { get; }

    /// <summary>The error reported at <c>design.factors</c> when the section gives no factor (and no arm).</summary>
    string NeedsFactors { get; }

    /// <summary>
    /// The number of points, by arithmetic alone (never by expanding); checked arithmetic, so an overflow throws
    /// (<see cref="DesignBuilder.CountPoints"/> reports it as <see cref="long.MaxValue"/>).
    /// </summary>
    long CountPoints(DesignSpec design);

    /// <summary>
    /// How many values the points of a design of <paramref name="points"/> points (at most
    /// <see cref="DesignBuilder.MaxPoints"/>) hold in memory at once; 0 when each point is computed from its index.
    /// Refused above <see cref="DesignBuilder.MaxSampledCells"/>.
    /// </summary>
    long HeldValues(DesignSpec design, long points);

    /// <summary>
    /// The <paramref name="count"/> points, computed when read. Random draws come only from the "design" stream of
    /// <paramref name="masterSeed"/>, in an order that must never change: it defines every sweep's points.
    /// </summary>
    IReadOnlyList<DesignPoint> Points(DesignSpec design, int count, ulong masterSeed);

    /// <summary>The values of a factor that the check against the scenario tries (all of them, or a range's ends).</summary>
    IEnumerable<string> CheckedValues(Factor factor);

    /// <summary>A factor's levels or range as the dry run prints them.</summary>
    string Describe(Factor factor);

    /// <summary>
    /// Whether runs fall into groups of equal factor values (and arms), so that the sweep's closing comparison and
    /// <c>compare.baseline</c> apply; a sampled design has no such groups.
    /// </summary>
    bool ComparesGroups { get; }

    /// <summary>The analysis <c>crisissim sensitivity</c> applies to this type's point layout; null when none does.</summary>
    SensitivityMethod? Sensitivity { get; }
}
