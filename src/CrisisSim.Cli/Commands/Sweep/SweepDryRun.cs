using System.Diagnostics;
using System.Globalization;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary><c>sweep --dry-run</c>: the design's size, arms, factors and fixed values, and a run-time estimate from one probe run.</summary>
internal static class SweepDryRun
{
    /// <summary>Prints the plan to <paramref name="output"/>; nothing is written to disk.</summary>
    public static void Print(TextWriter output, LoadedExperiment exp, SweepOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = exp.Spec.Design;
        output.WriteLine($"experiment   {exp.Spec.Name} ({exp.Spec.Source})");
        output.WriteLine($"scenario     {exp.ScenarioSource} (hash {exp.ScenarioHash})");
        // Counts only: the run list is never materialised here; the probe builds only the runs it times.
        output.WriteLine(string.Create(inv, $"design       {d.Kind}: {exp.PointCount} points × {exp.Spec.Replicates} replicates = {exp.RunCount} runs (master seed {exp.Spec.MasterSeed})"));
        foreach (var arm in d.Arms)
        {
            output.WriteLine($"arm          {arm.Name}: {string.Join(", ", arm.Assignments.Select(a => $"{a.Key}={a.Value}"))}");
        }

        foreach (var f in d.Factors)
        {
            output.WriteLine($"factor       {f.Path}: {d.Type.Describe(f)}");
        }

        foreach (var (k, v) in exp.Spec.Fixed)
        {
            output.WriteLine($"fixed        {k}={v}");
        }

        if (exp.Spec.Posterior is { Sample: { } sample } posterior)
        {
            output.WriteLine(string.Create(inv, $"over         {sample.Sets.Count} accepted sets of {posterior.From} ({PosteriorSpec.Column}; parameters {string.Join(", ", sample.Paths)})"));
        }

        output.WriteLine(Estimate(exp, o.Threads));
        output.WriteLine("dry run: nothing was written");
    }

    /// <summary>Seconds of probing after the warm-up run, at most.</summary>
    private const double ProbeBudget = 3;

    /// <summary>Probe runs spread over the design, at most.</summary>
    private const int ProbeRuns = 6;

    /// <summary>
    /// The run-time estimate from a short timed probe run as the sweep runs them (one <see cref="RunExecutor"/>, which
    /// parses each point's scenario once and reuses a finished simulation): one warm-up run (start-up and JIT compilation,
    /// not counted), then up to <see cref="ProbeRuns"/> points spread evenly over the design (so a design whose runs grow in
    /// cost along a factor is sampled along it), each timed on its second replicate when there is one (its scenario then
    /// parsed, as it is for all but a point's first run) within about <see cref="ProbeBudget"/> s; their mean time, times
    /// the runs, over the threads.
    /// </summary>
    private static string Estimate(LoadedExperiment exp, int threads)
    {
        using var executor = new RunExecutor(exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, 0);
        var warmup = executor.Execute(exp.Runs[0]);
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        int probes = (int)Math.Min(ProbeRuns, exp.PointCount);
        for (int k = 0; k < probes && (k == 0 || total.Elapsed.TotalSeconds < ProbeBudget); k++)
        {
            long index = k * exp.PointCount / probes;
            if (index + exp.PointCount < exp.RunCount)
            {
                executor.Execute(exp.Runs[(int)index]); // its point's first run: parses the scenario, as the sweep does once per point
                index += exp.PointCount;
            }

            var clock = Stopwatch.StartNew();
            executor.Execute(exp.Runs[(int)index]);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        double perRun = times.Average();
        double estimate = perRun * exp.RunCount / Math.Max(1, Math.Min(threads, Environment.ProcessorCount));
        return string.Create(CultureInfo.InvariantCulture,
            $"estimate     {perRun:0.000} s per run (mean of {times.Count} probe run{(times.Count == 1 ? "" : "s")} spread over the design, after one warm-up run{(warmup.Succeeded ? "" : ", which failed: " + warmup.Error)}), about {Duration(estimate)} on {threads} thread(s)");
    }

    private static string Duration(double seconds) => seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s")
        : seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h");
}
