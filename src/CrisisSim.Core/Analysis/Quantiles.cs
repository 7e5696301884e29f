namespace CrisisSim.Core.Analysis;

/// <summary>Quantiles, computed one way everywhere: linear interpolation between order statistics (type 7, R's default).</summary>
public static class Quantiles
{
    /// <summary>The <paramref name="q"/>-quantile of <paramref name="sorted"/> (ascending, not empty).</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q)
    {
        double pos = q * (sorted.Count - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The <paramref name="q"/>-quantile of <paramref name="values"/> in any order; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : OfSorted(sorted, q);
    }
}
