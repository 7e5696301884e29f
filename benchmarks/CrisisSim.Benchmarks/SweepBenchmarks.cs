using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Randomness;

namespace CrisisSim.Benchmarks;

/// <summary>
/// Sweep throughput: one operation is <see cref="SweepRunner.Run"/> over <see cref="Runs"/> runs of the built-in
/// scenario at its 72 h horizon (432 ticks; replicate seeds from master seed 1) — the size of the README's main job —
/// each executed by
/// a <see cref="RunExecutor"/> exactly as <c>crisissim sweep</c> does (the design point's scenario parsed once, each
/// worker reusing its finished run's arrays, no tick recording), on <see cref="Threads"/> worker threads; the consumer
/// only counts outcomes (no CSV). <see cref="SweepFreshRuns"/> is the same with every run parsed and allocated afresh
/// (<see cref="RunExecution.Execute"/>), as sweeps ran before the executor, for comparison.
/// The extra columns give runs per second and the parallel efficiency (rate at N threads / (N × rate at 1 thread),
/// within the same job), each from the medians and from the mins.
/// Two jobs (1 launch, 2 warm-up, 8 measured iterations each): <see cref="DefaultGcJob"/>, the runtime's defaults as
/// <c>crisissim sweep</c> runs; and <see cref="LargeGen0Job"/>, the same with a 64 MB gen-0 budget and a 16 MB
/// large-object threshold (DOTNET_GCgen0size, DOTNET_GCLOHThreshold), so each run's arrays die young in gen 0 instead of
/// triggering gen-2 collections that stop every worker (docs/performance.md, "Sweeps").
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[Config(typeof(SweepConfig))]
public class SweepBenchmarks
{
    /// <summary>Runs per sweep (one benchmark operation).</summary>
    public const int Runs = 80;

    /// <summary>Id of the job with the runtime's default GC settings.</summary>
    public const string DefaultGcJob = "default-gc";

    /// <summary>Id of the job with a 64 MB gen-0 budget and a 16 MB large-object threshold.</summary>
    public const string LargeGen0Job = "gen0-64MB-loh-16MB";

    private string _scenarioText = "";
    private string _scenarioSource = "";
    private RunSpec[] _runs = [];
    private readonly string[] _fixed = [];

    /// <summary>Worker threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Reads the scenario, builds the runs and warms the JIT up with whole runs (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _scenarioSource = RepoPaths.BuiltInScenario;
        _scenarioText = File.ReadAllText(_scenarioSource);
        var point = new DesignPoint(0, "", [], []);
        _runs = Enumerable.Range(0, Runs).Select(r => new RunSpec(r, point, r, RandomStreams.DeriveReplicateSeed(1, r))).ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 4 || clock.ElapsedMilliseconds < 1000; i++)
        {
            Check(RunExecution.Execute(_runs[i % Runs], _scenarioText, _scenarioSource, _fixed, 0));
        }
    }

    /// <summary>One sweep of <see cref="Runs"/> runs on <see cref="Threads"/> threads.</summary>
    [Benchmark]
    public int Sweep()
    {
        using var executor = new RunExecutor(_scenarioText, _scenarioSource, _fixed, 0);
        return SweepWith(executor.Execute);
    }

    [Benchmark]
    public int SweepFreshRuns() => SweepWith(run => RunExecution.Execute(run, _scenarioText, _scenarioSource, _fixed, 0));

    private int SweepWith(Func<RunSpec, RunOutcome> execute)
    {
        int ok = 0;
        int consumed = SweepRunner.Run(
            _runs,
            execute,
            Threads,
            outcome =>
            {
                Check(outcome);
                ok++;
            },
            CancellationToken.None);
        return consumed == Runs && ok == Runs ? ok : throw new InvalidOperationException($"only {ok} of {Runs} runs consumed");
    }

    private static void Check(RunOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("run failed: " + outcome.Error);
        }
    }

    /// <summary>The two jobs, and the runs-per-second and parallel-efficiency columns.</summary>
    private sealed class SweepConfig : ManualConfig
    {
        public SweepConfig()
        {
            var job = Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(8);
            AddJob(job.WithId(DefaultGcJob));
            AddJob(job.WithEnvironmentVariables(
                    new EnvironmentVariable("DOTNET_GCgen0size", "0x4000000"),
                    new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x1000000"))
                .WithId(LargeGen0Job));
            AddColumn(new RunsPerSecondColumn(fromMin: false), new RunsPerSecondColumn(fromMin: true), new EfficiencyColumn(fromMin: false), new EfficiencyColumn(fromMin: true));
        }
    }

    /// <summary>Runs per second: <see cref="Runs"/> / (median or min time of one sweep).</summary>
    private sealed class RunsPerSecondColumn(bool fromMin) : IColumn
    {
        public string Id => nameof(RunsPerSecondColumn) + (fromMin ? "Min" : "Median");

        public string ColumnName => fromMin ? "Runs/s (min)" : "Runs/s (median)";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => fromMin ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Runs per second: {Runs} / ({(fromMin ? "min" : "median")} time per sweep)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? rate = Rate(summary, benchmarkCase, fromMin);
            return rate is null ? "-" : rate.Value.ToString("F1", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    /// <summary>Parallel efficiency: rate at N threads / (N × rate at 1 thread), both from medians (or both from mins).</summary>
    private sealed class EfficiencyColumn(bool fromMin) : IColumn
    {
        public string Id => nameof(EfficiencyColumn) + (fromMin ? "Min" : "Median");

        public string ColumnName => fromMin ? "Efficiency (min)" : "Efficiency (median)";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => fromMin ? 3 : 2;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => fromMin
            ? "Runs/s (min) at N threads / (N × runs/s (min) at 1 thread)"
            : "Runs/s (median) at N threads / (N × runs/s (median) at 1 thread)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            int threads = ThreadsOf(benchmarkCase);
            var single = summary.BenchmarksCases.FirstOrDefault(c => ThreadsOf(c) == 1 && c.Job.Id == benchmarkCase.Job.Id
                && c.Descriptor.WorkloadMethod.Name == benchmarkCase.Descriptor.WorkloadMethod.Name);
            double? rate = Rate(summary, benchmarkCase, fromMin);
            double? baseRate = single is null ? null : Rate(summary, single, fromMin);
            return rate is null || baseRate is null || threads <= 0
                ? "-"
                : (rate.Value / (threads * baseRate.Value)).ToString("P1", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    private static int ThreadsOf(BenchmarkCase c) =>
        c.Parameters.Items.FirstOrDefault(p => p.Name == nameof(Threads))?.Value is int t ? t : 0;

    private static double? Rate(Summary summary, BenchmarkCase c, bool fromMin)
    {
        var stats = summary[c]?.ResultStatistics;
        if (stats is null)
        {
            return null;
        }

        double ns = fromMin ? stats.Min : stats.Median;
        return ns > 0 ? Runs / (ns / 1e9) : null;
    }
}
