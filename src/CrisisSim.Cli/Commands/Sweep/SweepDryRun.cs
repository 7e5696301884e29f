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
        // Counts only: the run list is never materialised here; the probe builds run 0 alone.
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

        var clock = Stopwatch.StartNew();
        var probe = RunExecution.Execute(exp.Runs[0], exp.ScenarioText, exp.ScenarioSource, exp.FixedOverrides, 0);
        double perRun = clock.Elapsed.TotalSeconds;
        double estimate = perRun * exp.RunCount / Math.Min(o.Threads, Environment.ProcessorCount);
        output.WriteLine(string.Create(inv, $"estimate     {perRun:0.00} s per run (one probe run{(probe.Succeeded ? "" : ", which failed: " + probe.Error)}), about {estimate:0} s on {o.Threads} thread(s)"));
        output.WriteLine("dry run: nothing was written");
    }
}
