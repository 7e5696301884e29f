using System.Globalization;
using System.Text;
using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;
using CrisisSim.Core.Randomness;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace CrisisSim.Tests.Validation;

/// <summary>What one replicate run produced: final metrics, every tick's record and a few per-tick probes.</summary>
internal sealed class RunObservation
{
    public required RunMetrics Metrics { get; init; }

    public required TickRecord[] Ticks { get; init; }

    /// <summary>(zone, need, tick) triples with a positive true rescue, medical or shelter need.</summary>
    public double NeedTicks { get; init; }

    /// <summary>Of those, the triples where at least one unit was working on, or travelling to, that need in that zone.</summary>
    public double CoveredNeedTicks { get; init; }

    /// <summary>Kits held at hospital zones at the end of the tick ending at 24 h (NaN if the horizon is shorter).</summary>
    public double HospitalKitsAt24 { get; init; } = double.NaN;

    /// <summary>Kits held at shelter zones at the same time.</summary>
    public double ShelterKitsAt24 { get; init; } = double.NaN;

    /// <summary>Share of (zone, need, tick) triples with a need that some unit covered.</summary>
    public double Coverage => NeedTicks == 0 ? 1 : CoveredNeedTicks / NeedTicks;

    /// <summary>Hours per tick.</summary>
    public double Dt => Ticks[0].TimeH;

    /// <summary>Σ over ticks ending in (from, to] of <paramref name="value"/> × dt.</summary>
    public double HoursIn(double from, double to, Func<TickRecord, double> value)
    {
        double sum = 0;
        foreach (var t in Ticks)
        {
            if (t.TimeH > from + 1e-9 && t.TimeH <= to + 1e-9)
            {
                sum += value(t);
            }
        }

        return sum * Dt;
    }
}

/// <summary>Whether the model is currently expected to show a criterion (the honest status in docs/validation-facts.md).</summary>
internal enum Expect
{
    Reproduced,
    NotReproduced,
}

/// <summary>A one-sided test result.</summary>
/// <param name="Estimate">The mean difference, slope or mean tested.</param>
/// <param name="T">t statistic.</param>
/// <param name="P">One-sided p in the direction of the criterion.</param>
/// <param name="N">Replicates (pairs).</param>
internal readonly record struct OneSided(double Estimate, double T, double P, int N)
{
    public bool Significant => P < Validation.Alpha;

    public override string ToString() => Validation.Inv($"{Validation.Num(Estimate)} (t = {Validation.Num(T)}, one-sided p = {Validation.P(P)}, n = {N})");
}

/// <summary>Runs replicates with common random numbers and tests stylised facts on them.</summary>
internal static class Validation
{
    /// <summary>Significance level of every criterion.</summary>
    public const double Alpha = 0.05;

    /// <summary>Master seed of the replicate seeds (replicate r uses DeriveReplicateSeed(master, r) in every arm).</summary>
    public const ulong MasterSeed = 2015;

    /// <summary>
    /// Runs <paramref name="replicates"/> replicates of the built-in scenario with <paramref name="overrides"/>. In the
    /// full suite (category Validation) replicate r runs at accepted set r mod S of the fit's posterior
    /// (<see cref="FitPosterior"/>), the set's values first and the fact's overrides on top, so every arm of a fact meets
    /// the same set at the same replicate and each criterion is tested across the posterior, not at one point; there
    /// are then at least as many replicates as sets, so every set is used.
    /// </summary>
    public static RunObservation[] Run(IEnumerable<string> overrides, int replicates, ulong masterSeed = MasterSeed)
    {
        string[] own = [.. overrides];
        var sample = FitPosterior.ForThisTest;
        Scenario[] scenarios = sample is null
            ? [Repo.BuiltIn(own)]
            : [.. Enumerable.Range(0, sample.Sets.Count).Select(s => Repo.BuiltIn([.. sample.Overrides(s), .. own]))];
        replicates = Math.Max(replicates, scenarios.Length); // across the posterior, at least one replicate at every set
        var result = new RunObservation[replicates];
        Parallel.For(
            0,
            replicates,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            r => result[r] = Observe(scenarios[r % scenarios.Length], RandomStreams.DeriveReplicateSeed(masterSeed, r)));
        return result;
    }

    /// <summary>Runs every arm (common overrides first, then the arm's) with the same replicate seeds.</summary>
    public static RunObservation[][] Arms(string[] common, int replicates, params string[][] arms) =>
        [.. arms.Select(a => Run([.. common, .. a], replicates))];

    /// <summary>One run with per-tick probes.</summary>
    public static RunObservation Observe(Scenario scenario, ulong seed)
    {
        var sim = new Simulation(scenario, seed);
        var ticks = new List<TickRecord>(sim.TickCount);
        double needTicks = 0, covered = 0, hospitalKits = double.NaN, shelterKits = double.NaN;
        int zones = sim.ZoneIds.Length;
        var committed = new bool[zones * 8];
        (PersonState State, TaskKind Task)[] needs =
        [
            (PersonState.Trapped, TaskKind.Rescue),
            (PersonState.Injured, TaskKind.Medical),
            (PersonState.Displaced, TaskKind.Shelter),
        ];
        int tick24 = (int)Math.Round(24 / sim.TickHours) - 1;
        var metrics = sim.Run(s =>
        {
            ticks.Add(s.Current);
            Array.Clear(committed);
            var u = s.Units;
            for (int i = 0; i < u.Capacity; i++)
            {
                if (u.State[i] is UnitState.Working or UnitState.Travelling)
                {
                    committed[(u.Target[i] * 8) + (int)u.Task[i]] = true;
                }
            }

            for (int z = 0; z < zones; z++)
            {
                foreach (var (state, task) in needs)
                {
                    if (s.People.CountIn(z, state) > 0)
                    {
                        needTicks++;
                        if (committed[(z * 8) + (int)task])
                        {
                            covered++;
                        }
                    }
                }
            }

            if (s.Current.Tick == tick24)
            {
                hospitalKits = 0;
                shelterKits = 0;
                for (int z = 0; z < zones; z++)
                {
                    if (s.Zones.Kind[z] == ZoneKind.Hospital)
                    {
                        hospitalKits += s.Zones.Kits[z];
                    }
                    else if (s.Zones.Kind[z] == ZoneKind.Shelter)
                    {
                        shelterKits += s.Zones.Kits[z];
                    }
                }
            }
        });

        return new RunObservation
        {
            Metrics = metrics,
            Ticks = [.. ticks],
            NeedTicks = needTicks,
            CoveredNeedTicks = covered,
            HospitalKitsAt24 = hospitalKits,
            ShelterKitsAt24 = shelterKits,
        };
    }

    /// <summary>Values of <paramref name="metric"/> over the replicates of one arm.</summary>
    public static double[] Of(this RunObservation[] arm, Func<RunObservation, double> metric) => [.. arm.Select(metric)];

    /// <summary>Values of a runs.csv metric over the replicates of one arm.</summary>
    public static double[] Of(this RunObservation[] arm, Func<RunMetrics, double> metric) => [.. arm.Select(o => metric(o.Metrics))];

    /// <summary>Element-wise a − b.</summary>
    public static double[] Minus(this double[] a, double[] b) => [.. a.Zip(b, (x, y) => x - y)];

    /// <summary>Paired one-sided t-test that a exceeds b (pairs share a replicate seed).</summary>
    public static OneSided Greater(double[] a, double[] b) => MeanAbove(a.Minus(b), 0);

    /// <summary>One-sample one-sided t-test that the mean of x exceeds mu.</summary>
    public static OneSided MeanAbove(double[] x, double mu)
    {
        double mean = x.Mean();
        double sd = x.StandardDeviation();
        double diff = mean - mu;
        double t = sd > 0 ? diff / (sd / Math.Sqrt(x.Length)) : diff > 0 ? double.PositiveInfinity : diff < 0 ? double.NegativeInfinity : 0;
        double p = double.IsPositiveInfinity(t) ? 0 : double.IsNegativeInfinity(t) ? 1 : 1 - StudentT.CDF(0, 1, x.Length - 1, t);
        return new OneSided(mean, t, p, x.Length);
    }

    /// <summary>One-sample one-sided t-test that the mean of x is below mu.</summary>
    public static OneSided MeanBelow(double[] x, double mu)
    {
        var r = MeanAbove([.. x.Select(v => -v)], -mu);
        return r with { Estimate = -r.Estimate, T = -r.T };
    }

    /// <summary>
    /// Monotone trend test over common random numbers: for each replicate, the least-squares slope of the
    /// metric on the level; then a one-sided one-sample t-test that the mean slope is positive.
    /// <paramref name="byLevel"/>[level][replicate].
    /// </summary>
    public static OneSided SlopeUp(double[] levels, double[][] byLevel) => MeanAbove(Slopes(levels, byLevel), 0);

    /// <summary>As <see cref="SlopeUp"/>, that the mean slope is negative.</summary>
    public static OneSided SlopeDown(double[] levels, double[][] byLevel) => MeanBelow(Slopes(levels, byLevel), 0);

    /// <summary>Per-replicate least-squares slopes.</summary>
    public static double[] Slopes(double[] levels, double[][] byLevel)
    {
        int n = byLevel[0].Length;
        double xm = levels.Mean();
        double sxx = levels.Sum(x => (x - xm) * (x - xm));
        var slopes = new double[n];
        for (int r = 0; r < n; r++)
        {
            double ym = 0;
            for (int l = 0; l < levels.Length; l++)
            {
                ym += byLevel[l][r];
            }

            ym /= levels.Length;
            double sxy = 0;
            for (int l = 0; l < levels.Length; l++)
            {
                sxy += (levels[l] - xm) * (byLevel[l][r] - ym);
            }

            slopes[r] = sxy / sxx;
        }

        return slopes;
    }

    /// <summary>Means per level, formatted "level: mean" for a report.</summary>
    public static string MeansByLevel(double[] levels, double[][] byLevel) =>
        string.Join("; ", levels.Select((x, i) => Inv($"{Num(x)}: {Num(byLevel[i].Mean())}")));

    /// <summary>Number formatting for reports (invariant culture, 4 significant figures).</summary>
    public static string Num(double x) =>
        double.IsInfinity(x) ? (x > 0 ? "+inf" : "-inf")
        : Math.Abs(x) >= 1000 ? x.ToString("#,0", CultureInfo.InvariantCulture)
        : x.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>p-value formatting.</summary>
    public static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Invariant-culture interpolation.</summary>
    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Collects the criteria of one stylised fact and concludes honestly: a criterion expected to hold that
/// fails is a test failure (a regression); a criterion documented as not reproduced makes the test
/// inconclusive with its numbers; a documented "not reproduced" that now holds fails too, so that
/// docs/validation-facts.md is updated rather than left stale.
/// </summary>
internal sealed class FactCheck(string fact, string experiment)
{
    private readonly List<(string Criterion, bool Holds, Expect Expected, string Numbers)> _criteria = [];
    private readonly List<string> _notes = [];

    /// <summary>Adds a criterion with its test result.</summary>
    public FactCheck Criterion(string criterion, OneSided test, Expect expected, string? detail = null) =>
        Criterion(criterion, test.Significant, expected, detail is null ? test.ToString() : detail + "; " + test);

    /// <summary>Adds a criterion judged otherwise (e.g. a sign or an argmin).</summary>
    public FactCheck Criterion(string criterion, bool holds, Expect expected, string numbers)
    {
        _criteria.Add((criterion, holds, expected, numbers));
        return this;
    }

    /// <summary>Adds informational numbers (not judged).</summary>
    public FactCheck Note(string note)
    {
        _notes.Add(note);
        return this;
    }

    /// <summary>Writes the report and asserts.</summary>
    public void Conclude()
    {
        var sb = new StringBuilder();
        sb.Append("FACT ").AppendLine(fact);
        sb.Append("  experiment: ").AppendLine(experiment);
        if (FitPosterior.ForThisTest is { } sample)
        {
            sb.Append("  parameters: across ").Append(sample.Sets.Count.ToString(CultureInfo.InvariantCulture))
              .AppendLine(" accepted sets of the fit (validation.md §3; replicate r at set r mod the sets, at least one replicate a set)");
        }

        foreach (var (criterion, holds, expected, numbers) in _criteria)
        {
            string status = holds ? "HOLDS" : "does not hold";
            sb.Append("  [").Append(status).Append(", documented as ").Append(expected == Expect.Reproduced ? "reproduced" : "not reproduced").Append("] ")
              .Append(criterion).Append(": ").AppendLine(numbers);
        }

        foreach (string note in _notes)
        {
            sb.Append("  note: ").AppendLine(note);
        }

        bool all = _criteria.All(c => c.Holds);
        bool none = !_criteria.Exists(c => c.Holds);
        sb.Append("  verdict: ").AppendLine(all ? "reproduced" : none ? "not reproduced" : "partly reproduced");
        string report = sb.ToString();
        TestContext.Out.WriteLine(report);

        var regressions = _criteria.Where(c => c.Expected == Expect.Reproduced && !c.Holds).ToList();
        var changed = _criteria.Where(c => c.Expected == Expect.NotReproduced && c.Holds).ToList();
        if (regressions.Count > 0)
        {
            Assert.Fail("Criteria documented as reproduced no longer hold: " + string.Join("; ", regressions.Select(c => c.Criterion)) + Environment.NewLine + report);
        }

        if (changed.Count > 0)
        {
            Assert.Fail("Criteria documented as NOT reproduced now hold; update docs/validation-facts.md and the expectation in the test: " + string.Join("; ", changed.Select(c => c.Criterion)) + Environment.NewLine + report);
        }

        if (_criteria.Exists(c => c.Expected == Expect.NotReproduced))
        {
            Assert.Inconclusive("Documented as not (fully) reproduced by the model: " + string.Join("; ", _criteria.Where(c => !c.Holds).Select(c => c.Criterion)) + Environment.NewLine + report);
        }
    }
}

/// <summary>
/// The accepted parameter sets of the pre-registered fit (docs/validation.md §3), committed in
/// scenarios/posterior/tianjin-abc: the full validation suite tests each fact across them; the fast subset in the
/// default test command runs at the scenario's hand-set point.
/// </summary>
internal static class FitPosterior
{
    private static readonly Lazy<PosteriorSample?> s_sample = new(() =>
    {
        string dir = Repo.PathOf("scenarios", "posterior", "tianjin-abc");
        return File.Exists(Path.Combine(dir, "calibration.json")) ? CrisisSim.Cli.PosteriorSource.ReadFolder(dir, take: null) : null;
    });

    /// <summary>The sets, in the full suite (a test of category Validation) once the fit is committed; null otherwise.</summary>
    public static PosteriorSample? ForThisTest =>
        TestContext.CurrentContext.Test.Properties["Category"].Contains("Validation") ? s_sample.Value : null;
}
