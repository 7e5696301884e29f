using CrisisSim.Core.Randomness;

namespace CrisisSim.Core.Calibration;

/// <summary>One parameter set drawn from the priors, with the replicate mean of each target and whether it was accepted.</summary>
/// <param name="Index">The draw's index (0-based): its row in draws.csv.</param>
/// <param name="Values">The value of each prior's parameter, in prior order.</param>
/// <param name="Means">The replicate mean of each target, in target order (NaN when a run of the set failed or a quantity is undefined in one of its runs).</param>
/// <param name="Accepted">Whether every fit target's mean lies in its band (a NaN mean never does; a held-out target's never matters).</param>
/// <param name="Error">The first error of a failed run of the set, or null.</param>
public sealed record CalibrationDraw(int Index, IReadOnlyList<double> Values, IReadOnlyList<double> Means, bool Accepted, string? Error);

/// <summary>What a calibration produced: every draw in index order.</summary>
/// <param name="Priors">The priors, in column order.</param>
/// <param name="Targets">The targets, in column order.</param>
/// <param name="Replicates">Runs per parameter set.</param>
/// <param name="Draws">Every draw, in index order.</param>
public sealed record CalibrationResult(IReadOnlyList<Prior> Priors, IReadOnlyList<Target> Targets, int Replicates, IReadOnlyList<CalibrationDraw> Draws)
{
    /// <summary>The accepted draws, in index order: the posterior sample.</summary>
    public IReadOnlyList<CalibrationDraw> Accepted => [.. Draws.Where(d => d.Accepted)];

    /// <summary>Draws with a failed run.</summary>
    public int Failed => Draws.Count(d => d.Error is not null);
}

/// <summary>
/// Approximate Bayesian computation by rejection (Pritchard et al. 1999; Beaumont 2010): draw parameter sets from
/// independent priors, run each over replicates, keep the sets whose fit targets' replicate means all lie in their
/// bands. Generic over the model: it gets a function from (overrides, seed) to the metrics of one run, so a toy model
/// with a known posterior can test it. Every draw's values and every run's seed are fixed by (master seed, draw,
/// replicate) before anything is dispatched, and results are stored by index, so the outcome does not depend on the
/// number of threads.
/// </summary>
public static class AbcRejection
{
    /// <summary>The outputs of one run of the model with <c>overrides</c> (prior path, value) at <c>seed</c>, by target id.</summary>
    public delegate IReadOnlyDictionary<string, double> Model(IReadOnlyList<KeyValuePair<string, double>> overrides, ulong seed);

    /// <summary>The seed of draw <paramref name="draw"/>: its parameter values and its replicates' seeds derive from it.</summary>
    public static ulong DrawSeed(ulong masterSeed, int draw) => RandomStreams.DeriveSeed(masterSeed, "abc-draw-" + draw.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The parameter values of draw <paramref name="draw"/>: prior j at the counter-based uniform (draw seed, j).</summary>
    public static double[] ValuesOf(IReadOnlyList<Prior> priors, ulong masterSeed, int draw)
    {
        ulong seed = DrawSeed(masterSeed, draw);
        var values = new double[priors.Count];
        for (int j = 0; j < priors.Count; j++)
        {
            values[j] = priors[j].At(CounterRandom.Uniform(seed, j, 0));
        }

        return values;
    }

    /// <summary>The seed of replicate <paramref name="replicate"/> of draw <paramref name="draw"/> (independent noise for every set).</summary>
    public static ulong RunSeed(ulong masterSeed, int draw, int replicate) => RandomStreams.DeriveReplicateSeed(DrawSeed(masterSeed, draw), replicate);

    /// <summary>Draws <paramref name="draws"/> sets, runs each <paramref name="replicates"/> times on up to <paramref name="threads"/> threads, and accepts or rejects each.</summary>
    public static CalibrationResult Run(IReadOnlyList<Prior> priors, IReadOnlyList<Target> targets, ulong masterSeed, int draws, int replicates, Model model, int threads, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        var values = new double[draws][];
        for (int d = 0; d < draws; d++)
        {
            values[d] = ValuesOf(priors, masterSeed, d);
        }

        long runs = (long)draws * replicates;
        var outputs = new double[runs][];
        var errors = new string?[runs];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancel };
        Parallel.For(0L, runs, options, i =>
        {
            int d = (int)(i / replicates);
            int r = (int)(i % replicates);
            try
            {
                var overrides = priors.Select((p, j) => new KeyValuePair<string, double>(p.Path, values[d][j])).ToList();
                var metrics = model(overrides, RunSeed(masterSeed, d, r));
                outputs[i] = [.. targets.Select(t => metrics[t.Id])];
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                errors[i] = $"draw {d}, replicate {r}: {ex.GetType().Name}: {ex.Message}".Replace('\n', ' ');
            }
        });

        var result = new CalibrationDraw[draws];
        for (int d = 0; d < draws; d++)
        {
            result[d] = Judge(d, values[d], targets, outputs.AsSpan(d * replicates, replicates), errors.AsSpan(d * replicates, replicates));
        }

        return new CalibrationResult(priors, targets, replicates, result);
    }

    /// <summary>The replicate means of one set, summed in replicate order, and its verdict: accepted when every fit target's mean is in its band.</summary>
    private static CalibrationDraw Judge(int draw, double[] values, IReadOnlyList<Target> targets, ReadOnlySpan<double[]> outputs, ReadOnlySpan<string?> errors)
    {
        string? error = null;
        foreach (string? e in errors)
        {
            error ??= e;
        }

        var means = new double[targets.Count];
        for (int t = 0; t < targets.Count; t++)
        {
            double sum = 0;
            foreach (var o in outputs)
            {
                sum += o is null ? double.NaN : o[t];
            }

            means[t] = sum / outputs.Length;
        }

        bool accepted = error is null && Enumerable.Range(0, targets.Count).All(t => targets[t].Use == TargetUse.HeldOut || targets[t].Contains(means[t]));
        return new CalibrationDraw(draw, values, means, accepted, error);
    }
}
