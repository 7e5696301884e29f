using System.Globalization;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// A design that samples each factor's range {min, max}: the type draws a unit matrix in [0, 1]^k (one row a point)
/// from the "design" stream when a point is first read, and each value is min + u (max − min), rounded for a
/// whole-number parameter. No arms and no groups to compare. A new sampled type names itself, declares its
/// settings, counts its points and draws its matrix.
/// </summary>
public abstract record SampledDesign : IDesignType
{
    /// <summary>The sample count N, shared by the types that take one (lhs: the points; sobol: the base sample).</summary>
    public static DesignSetting SampleCount { get; } = new("samples", 2, 1_000_000, 0, Required: true);

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<DesignSetting> Settings { get; }

    /// <inheritdoc/>
    public bool CrossesArms => false;

    /// <inheritdoc/>
    public string NeedsFactors => "this design needs at least one factor with a range {min, max}";

    /// <inheritdoc/>
    public bool ComparesGroups => false;

    /// <inheritdoc/>
    public abstract SensitivityMethod? Sensitivity { get; }

    /// <inheritdoc/>
    public abstract IDesignType Configure(DesignSettings settings, List<ScenarioError> errors);

    /// <inheritdoc/>
    public Factor? ReadFactor(string spelling, YamlTreeNode value, List<ScenarioError> errors) => FactorReader.Range(spelling, value, errors);

    /// <inheritdoc/>
    public abstract long CountPoints(DesignSpec design);

    /// <summary>The unit matrix: 8 bytes a cell, points × factors cells.</summary>
    public long HeldValues(DesignSpec design, long points) => points * design.Factors.Count;

    /// <inheritdoc/>
    public IReadOnlyList<DesignPoint> Points(DesignSpec design, int count, ulong masterSeed)
    {
        var unit = new Lazy<double[][]>(() =>
        {
            var rng = RandomStreams.Create(masterSeed, "design");
            return UnitMatrix(design.Factors.Count, ref rng);
        });
        return new SampledPoints(design, count, unit);
    }

    /// <summary>The two ends of the range (a scenario value's valid range is an interval).</summary>
    public IEnumerable<string> CheckedValues(Factor factor) =>
        [DesignBuilder.Format(factor.Min, factor.WholeNumbers), DesignBuilder.Format(factor.Max, factor.WholeNumbers)];

    /// <inheritdoc/>
    public string Describe(Factor factor) => string.Create(CultureInfo.InvariantCulture, $"{factor.Min} to {factor.Max}");

    /// <summary>
    /// The points in [0, 1]^k, <see cref="CountPoints"/> rows of <paramref name="factors"/> columns, drawn from
    /// <paramref name="rng"/> (the "design" stream of the master seed) in a fixed order.
    /// </summary>
    protected abstract double[][] UnitMatrix(int factors, ref Xoshiro256StarStar rng);

    /// <summary>Points of a sampled design, scaled from the unit matrix when read.</summary>
    private sealed class SampledPoints(DesignSpec d, int count, Lazy<double[][]> unit) : IReadOnlyList<DesignPoint>
    {
        public int Count => count;

        public DesignPoint this[int index]
        {
            get
            {
                var row = unit.Value[index];
                var values = new string[d.Factors.Count];
                var overrides = new string[d.Factors.Count];
                for (int f = 0; f < values.Length; f++)
                {
                    var factor = d.Factors[f];
                    values[f] = DesignBuilder.Format(factor.Min + (row[f] * (factor.Max - factor.Min)), factor.WholeNumbers);
                    overrides[f] = $"{factor.Path}={values[f]}";
                }

                return new DesignPoint(index, "", values, overrides);
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
