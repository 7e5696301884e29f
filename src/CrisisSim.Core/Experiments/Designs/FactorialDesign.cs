using System.Globalization;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// <c>kind: factorial</c>: every combination of the factors' levels (lists, or ranges with a step), crossed with
/// the arms. Points are computed from their index (arms outermost, then factors in file order, the last varying
/// fastest), so nothing is stored and no random number is drawn.
/// </summary>
public sealed record FactorialDesign : IDesignType
{
    /// <inheritdoc/>
    public string Name => "factorial";

    /// <inheritdoc/>
    public IReadOnlyList<DesignSetting> Settings => [];

    /// <inheritdoc/>
    public bool CrossesArms => true;

    /// <inheritdoc/>
    public string NeedsFactors => "a factorial design needs at least one factor or arm";

    /// <inheritdoc/>
    public bool ComparesGroups => true;

    /// <inheritdoc/>
    public SensitivityMethod? Sensitivity => null;

    /// <inheritdoc/>
    public IDesignType Configure(DesignSettings settings, List<ScenarioError> errors) => this;

    /// <inheritdoc/>
    public Factor? ReadFactor(string spelling, YamlTreeNode value, List<ScenarioError> errors) => FactorReader.Grid(spelling, value, errors);

    /// <inheritdoc/>
    public long CountPoints(DesignSpec design) =>
        design.Factors.Aggregate((long)Math.Max(1, design.Arms.Count), (n, f) => checked(n * FactorLevels.Count(f)));

    /// <inheritdoc/>
    public long HeldValues(DesignSpec design, long points) => 0;

    /// <inheritdoc/>
    public IReadOnlyList<DesignPoint> Points(DesignSpec design, int count, ulong masterSeed) => new FactorialPoints(design, count);

    /// <summary>Every listed level; a range's first and last level and its max (which the step may not reach).</summary>
    public IEnumerable<string> CheckedValues(Factor factor) => factor.Levels is not null ? factor.Levels
        : [FactorLevels.At(factor, 0), FactorLevels.At(factor, FactorLevels.Count(factor) - 1), DesignBuilder.Format(factor.Max, factor.WholeNumbers)];

    /// <inheritdoc/>
    public string Describe(Factor factor) => factor.Levels is not null ? string.Join(", ", factor.Levels)
        : string.Create(CultureInfo.InvariantCulture, $"{factor.Min} to {factor.Max} step {factor.Step} ({FactorLevels.Count(factor)} levels)");

    /// <summary>Factorial points by index: arms outermost, then factors in file order, the last varying fastest.</summary>
    private sealed class FactorialPoints(DesignSpec d, int count) : IReadOnlyList<DesignPoint>
    {
        private readonly long[] _counts = [.. d.Factors.Select(FactorLevels.Count)];
        private readonly IReadOnlyList<Arm> _arms = d.Arms.Count > 0 ? d.Arms : [new Arm("", [], default)];

        public int Count => count;

        public DesignPoint this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                long rest = index;
                var values = new string[_counts.Length];
                for (int f = _counts.Length - 1; f >= 0; f--)
                {
                    values[f] = FactorLevels.At(d.Factors[f], rest % _counts[f]);
                    rest /= _counts[f];
                }

                var arm = _arms[(int)rest];
                var overrides = arm.Assignments.Select(a => $"{a.Key}={a.Value}").ToList();
                for (int f = 0; f < values.Length; f++)
                {
                    overrides.Add($"{d.Factors[f].Path}={values[f]}");
                }

                return new DesignPoint(index, arm.Name, values, overrides);
            }
        }

        public IEnumerator<DesignPoint> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
