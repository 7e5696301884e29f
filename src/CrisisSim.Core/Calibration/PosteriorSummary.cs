using CrisisSim.Core.Analysis;

namespace CrisisSim.Core.Calibration;

/// <summary>One parameter's prior range and its posterior (the accepted sets): median and the 5–95 % range (NaN when none was accepted).</summary>
/// <param name="Prior">The prior.</param>
/// <param name="Median">Median over the accepted sets.</param>
/// <param name="P05">5th percentile over the accepted sets.</param>
/// <param name="P95">95th percentile over the accepted sets.</param>
public sealed record ParameterPosterior(Prior Prior, double Median, double P05, double P95);

/// <summary>A held-out target checked over the accepted sets: the share whose replicate mean lies in its band (NaN when none was accepted).</summary>
/// <param name="Target">The target.</param>
/// <param name="ShareInBand">Share of the accepted sets inside the band.</param>
public sealed record HeldOutCheck(Target Target, double ShareInBand);

/// <summary>A fit target checked over every draw: the share of the sets whose replicate mean lies in its band, so a target that (almost) never is shows which one keeps sets out.</summary>
/// <param name="Target">The target.</param>
/// <param name="ShareInBand">Share of all draws inside the band.</param>
public sealed record FitCheck(Target Target, double ShareInBand);

/// <summary>What a calibration's summary reports: the acceptance rate, each parameter's posterior, each target's check.</summary>
/// <param name="Draws">Parameter sets drawn.</param>
/// <param name="Accepted">Parameter sets accepted.</param>
/// <param name="Parameters">Each prior's posterior, in prior order.</param>
/// <param name="HeldOut">Each held-out target's check, in target order.</param>
public sealed record PosteriorSummary(int Draws, int Accepted, IReadOnlyList<ParameterPosterior> Parameters, IReadOnlyList<HeldOutCheck> HeldOut)
{
    /// <summary>Each fit target's check over every draw, in target order.</summary>
    public IReadOnlyList<FitCheck> Fit { get; init; } = [];

    /// <summary>Accepted over drawn.</summary>
    public double AcceptanceRate => (double)Accepted / Draws;

    /// <summary>Summarises <paramref name="result"/> (quantiles of type 7, as everywhere in the project).</summary>
    public static PosteriorSummary Of(CalibrationResult result)
    {
        var accepted = result.Accepted;
        var parameters = result.Priors.Select((p, j) =>
        {
            var v = accepted.Select(d => d.Values[j]).ToList();
            return v.Count == 0
                ? new ParameterPosterior(p, double.NaN, double.NaN, double.NaN)
                : new ParameterPosterior(p, Quantiles.Of(v, 0.5), Quantiles.Of(v, 0.05), Quantiles.Of(v, 0.95));
        }).ToList();
        var heldOut = result.Targets.Select((t, k) => (t, k)).Where(x => x.t.Use == TargetUse.HeldOut)
            .Select(x => new HeldOutCheck(x.t, accepted.Count == 0 ? double.NaN : (double)accepted.Count(d => x.t.Contains(d.Means[x.k])) / accepted.Count))
            .ToList();
        var fit = result.Targets.Select((t, k) => (t, k)).Where(x => x.t.Use == TargetUse.Fit)
            .Select(x => new FitCheck(x.t, (double)result.Draws.Count(d => x.t.Contains(d.Means[x.k])) / result.Draws.Count))
            .ToList();
        return new PosteriorSummary(result.Draws.Count, accepted.Count, parameters, heldOut) { Fit = fit };
    }
}
