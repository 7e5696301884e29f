using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Calibration;

/// <summary>The shape of a prior: uniform on its range, or uniform in the logarithm (each factor of ten equally likely).</summary>
public enum PriorKind
{
    /// <summary>U(lo, hi): every value of the range equally likely.</summary>
    Uniform,

    /// <summary>LU(lo, hi): log(value) uniform on (log lo, log hi); lo must be above 0.</summary>
    LogUniform,
}

/// <summary>The prior of one uncertain scenario parameter, independent of the others.</summary>
/// <param name="Path">The scenario path, as for --set, in its normal form: the draws.csv column.</param>
/// <param name="Kind">Uniform or log-uniform.</param>
/// <param name="Lo">Lower end of the range (above 0 for a log-uniform prior).</param>
/// <param name="Hi">Upper end of the range, above <paramref name="Lo"/>.</param>
/// <param name="Position">Where the prior is declared (default when not from a file).</param>
public sealed record Prior(string Path, PriorKind Kind, double Lo, double Hi, SourcePosition Position = default)
{
    /// <summary>The YAML key of each kind.</summary>
    public static string KeyOf(PriorKind kind) => kind == PriorKind.Uniform ? "uniform" : "log_uniform";

    /// <summary>The value at quantile <paramref name="u"/> in (0, 1) of the prior (its inverse distribution function).</summary>
    public double At(double u) => Kind == PriorKind.Uniform
        ? Lo + (u * (Hi - Lo))
        : Math.Exp(Math.Log(Lo) + (u * (Math.Log(Hi) - Math.Log(Lo))));
}

/// <summary>Whether a target decides acceptance or is only checked over the accepted sets.</summary>
public enum TargetUse
{
    /// <summary>Used to accept: a set is kept only when its replicate mean lies in the band.</summary>
    Fit,

    /// <summary>Held out: computed and reported for every set, never used to accept one.</summary>
    HeldOut,
}

/// <summary>
/// One target of the calibration: a quantity of a run (<see cref="RunQuantities"/>), at an hour for some, whose
/// replicate mean should lie in a band: two-sided, or one-sided with the other end infinite.
/// </summary>
/// <param name="Id">The target's id: its key in the file, its column in draws.csv and posterior.csv, and what messages name.</param>
/// <param name="Lo">Lower end of the band (inclusive; negative infinity for <c>at_most</c>).</param>
/// <param name="Hi">Upper end of the band (inclusive; positive infinity for <c>at_least</c>).</param>
/// <param name="Use">Fit or held out.</param>
/// <param name="Position">Where the target is declared (default when not from a file).</param>
public sealed record Target(string Id, double Lo, double Hi, TargetUse Use = TargetUse.Fit, SourcePosition Position = default)
{
    /// <summary>The quantity it measures (a name in <see cref="RunQuantities"/>); the id unless the file says otherwise.</summary>
    public string Quantity { get; init; } = Id;

    /// <summary>The hour the quantity is read at, for a quantity that needs one; null otherwise.</summary>
    public double? AtH { get; init; }

    /// <summary>Where <c>at_h</c> is written (default when not given or not from a file).</summary>
    public SourcePosition HourPosition { get; init; }

    /// <summary>Whether <paramref name="mean"/> lies in the band (a failed set's NaN never does).</summary>
    public bool Contains(double mean) => mean >= Lo && mean <= Hi;

    /// <summary>The band as people write it: "in [lo, hi]", "&gt;= lo" or "&lt;= hi", each end formatted by <paramref name="format"/>.</summary>
    public string Band(Func<double, string> format) =>
        double.IsNegativeInfinity(Lo) ? "<= " + format(Hi) : double.IsPositiveInfinity(Hi) ? ">= " + format(Lo) : $"in [{format(Lo)}, {format(Hi)}]";
}
