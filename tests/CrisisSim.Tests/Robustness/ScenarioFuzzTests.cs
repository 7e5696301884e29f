using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// Mutation fuzzing of scenarios/tianjin-8-12.yaml: every mutant must either load or be refused with a
/// <see cref="ScenarioException"/> whose errors point into the file; a mutant that loads must run
/// (horizon capped at 3 h, population and units scaled down when large) without an exception, within a
/// time budget, keeping the invariants of <see cref="SimulationInvariants"/>. Mutants of the shipped
/// experiments must likewise be refused cleanly or expand into a design.
/// </summary>
public class ScenarioFuzzTests
{
    /// <summary>Mutants per run; CRISISSIM_FUZZ_MUTANTS overrides it for a longer campaign.</summary>
    private static readonly int s_mutants = EnvInt("CRISISSIM_FUZZ_MUTANTS", 4000);

    /// <summary>Seed of the mutation sequence; CRISISSIM_FUZZ_SEED overrides it for a different campaign.</summary>
    private static readonly int s_mutationSeed = EnvInt("CRISISSIM_FUZZ_SEED", 20150812);

    private const double HorizonCapH = 3;
    private const long MaxPeople = 200_000;
    private const long MaxUnits = 50_000;
    private const string Source = "mutant.yaml";
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(10);

    private enum Verdict
    {
        Rejected,
        Ran,
        TooLargeToRun,
        Crash,
        Hang,
    }

    private sealed record Outcome(Verdict Verdict, string? Phase = null, Exception? Error = null, string? Detail = null);

    [Test]
    public void TheMutatorIsDeterministic()
    {
        string text = Repo.BuiltInText;
        var a = new ScenarioMutator(s_mutationSeed).Generate(text, 200);
        var b = new ScenarioMutator(s_mutationSeed).Generate(text, 200);
        Assert.That(b.Select(m => m.Text), Is.EqualTo(a.Select(m => m.Text)));
        Assert.That(a.Select(m => m.Text).Distinct().Count(), Is.GreaterThan(190), "mutants differ from one another");
        Assert.That(a.SelectMany(m => m.Operators).Distinct(), Is.EquivalentTo(ScenarioMutator.OperatorNames), "every operator is used");
    }

    [Test]
    public void MutatedScenariosAreRejectedCleanlyOrRunWithoutCrashing()
    {
        var mutants = new ScenarioMutator(s_mutationSeed).Generate(Repo.BuiltInText, s_mutants);

        var outcomes = Fuzz(mutants, Try, "scenarios/tianjin-8-12.yaml", s_mutationSeed);

        Assert.That(outcomes.Count(o => o.Verdict == Verdict.Ran), Is.GreaterThan(s_mutants / 10), "a good share of mutants is accepted and run");
        Assert.That(outcomes.Count(o => o.Verdict == Verdict.Rejected), Is.GreaterThan(s_mutants / 10), "a good share of mutants is rejected");
    }

    [TestCase("governance-comparison.yaml")]
    [TestCase("legal-and-trust.yaml")]
    [TestCase("morris-levers.yaml")]
    public void MutatedExperimentsAreRejectedCleanlyOrExpandWithoutCrashing(string file)
    {
        string folder = Repo.PathOf("scenarios", "experiments");
        int seed = s_mutationSeed + file.Length;
        var mutants = new ScenarioMutator(seed).Generate(File.ReadAllText(Path.Combine(folder, file)), s_mutants / 16);

        var outcomes = Fuzz(mutants, m => TryExperiment(m, folder), "scenarios/experiments/" + file, seed);

        Assert.That(outcomes.Count(o => o.Verdict == Verdict.Ran), Is.GreaterThan(mutants.Count / 20), "a good share of mutants is accepted and expanded");
        Assert.That(outcomes.Count(o => o.Verdict == Verdict.Rejected), Is.GreaterThan(mutants.Count / 10), "a good share of mutants is rejected");
    }

    /// <summary>
    /// Tries every mutant (in parallel, each on its own thread with a time budget), prints a summary, and
    /// fails listing every crash or hang, grouped by exception and top stack frame.
    /// </summary>
    private static Outcome[] Fuzz(List<Mutant> mutants, Func<Mutant, Outcome> attempt, string original, int seed)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = new Outcome[mutants.Count];
        int hangs = 0;

        Parallel.For(0, mutants.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, state) =>
        {
            if (Volatile.Read(ref hangs) >= 3)
            {
                state.Stop(); // each hung mutant keeps a thread busy for the rest of the test run
                return;
            }

            // A dedicated thread per mutant, so a hang is detected whatever the thread pool is doing.
            var task = Task.Factory.StartNew(() => attempt(mutants[i]), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (task.Wait(s_budget))
            {
                outcomes[i] = task.Result;
            }
            else
            {
                Interlocked.Increment(ref hangs);
                outcomes[i] = new Outcome(Verdict.Hang, "load or run", Detail: $"no answer within {s_budget.TotalSeconds} s");
            }
        });

        var summary = new StringBuilder();
        int done = outcomes.Count(o => o is not null);
        summary.AppendLine(CultureInfo.InvariantCulture, $"{original}: {done} of {mutants.Count} mutants in {clock.Elapsed.TotalSeconds:0.0} s (mutation seed {seed}; Ran = loaded and run, or for experiments expanded):");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"  {verdict}: {outcomes.Count(o => o?.Verdict == verdict)}");
        }

        foreach (int i in Enumerable.Range(0, mutants.Count).Where(i => outcomes[i]?.Verdict == Verdict.TooLargeToRun).Take(5))
        {
            summary.AppendLine(CultureInfo.InvariantCulture, $"  too large to run (people > {MaxPeople} or units > {MaxUnits} even at scale 0.001): mutant {i}: {mutants[i].Description}");
        }

        summary.AppendLine("by operator (mutants using it: rejected / accepted):");
        foreach (string op in ScenarioMutator.OperatorNames)
        {
            var withOp = Enumerable.Range(0, mutants.Count).Where(i => outcomes[i] is not null && mutants[i].Operators.Contains(op)).ToArray();
            int rejected = withOp.Count(i => outcomes[i].Verdict == Verdict.Rejected);
            summary.AppendLine(CultureInfo.InvariantCulture, $"  {op,-20} {rejected,5} / {withOp.Length - rejected,5}");
        }

        TestContext.Out.WriteLine(summary.ToString());

        var failures = Enumerable.Range(0, mutants.Count)
            .Where(i => outcomes[i] is { Verdict: Verdict.Crash or Verdict.Hang })
            .ToArray();
        var report = new StringBuilder();
        foreach (var group in failures.GroupBy(i => Signature(outcomes[i])))
        {
            int first = group.First();
            var o = outcomes[first];
            report.AppendLine(CultureInfo.InvariantCulture, $"--- {group.Count()} mutant(s): {group.Key}");
            report.AppendLine(CultureInfo.InvariantCulture, $"first: mutant {first}: {mutants[first].Description}");
            if (o.Detail is not null)
            {
                report.AppendLine(o.Detail);
            }

            if (o.Error is not null)
            {
                report.AppendLine(string.Join(Environment.NewLine, o.Error.ToString().Split('\n').Take(12)));
            }
        }

        if (failures.Length > 0)
        {
            TestContext.Out.WriteLine(report.ToString());
        }

        Assert.That(failures, Is.Empty, $"{failures.Length} mutant(s) crashed or hung:{Environment.NewLine}{report}{Environment.NewLine}{summary}");
        Assert.That(done, Is.EqualTo(mutants.Count), "every mutant was tried");
        return outcomes;
    }

    /// <summary>Parses, checks and expands one experiment mutant the way <c>crisissim sweep --dry-run</c> does, without running it.</summary>
    private static Outcome TryExperiment(Mutant mutant, string folder)
    {
        try
        {
            var exp = CrisisSim.Cli.ExperimentSource.FromText(mutant.Text, Source, folder, allowLarge: false);
            if (exp.Runs.Count == 0 || exp.Points.Count == 0)
            {
                return new Outcome(Verdict.Crash, "expand", Detail: "an accepted experiment has no runs");
            }

            _ = exp.Points.Select(exp.FactorValues).Count();
            return new Outcome(Verdict.Ran);
        }
        catch (ScenarioException ex)
        {
            // Errors may point into the experiment or, for a fixed value, arm or level, into the scenario it is checked against.
            bool wellFormed = ex.Errors.Count > 0 && ex.Errors.All(e => e.Message.Length > 0 && e.Position.Line >= 0 && e.Position.Column >= 0);
            return wellFormed ? new Outcome(Verdict.Rejected) : new Outcome(Verdict.Crash, "experiment: error report", ex, "badly formed error");
        }
        catch (Exception ex)
        {
            return new Outcome(Verdict.Crash, "experiment", ex);
        }
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;

    /// <summary>Loads one mutant and, when it is accepted, runs it capped; classifies what happened.</summary>
    private static Outcome Try(Mutant mutant)
    {
        LoadedScenario loaded;
        try
        {
            loaded = ScenarioLoader.Load(mutant.Text, Source);
        }
        catch (ScenarioException ex)
        {
            string? bad = CheckErrors(ex, mutant.Text);
            return bad is null ? new Outcome(Verdict.Rejected) : new Outcome(Verdict.Crash, "load: error report", ex, bad);
        }
        catch (Exception ex)
        {
            return new Outcome(Verdict.Crash, "load", ex);
        }

        var s = loaded.Scenario;
        string[] caps;
        try
        {
            caps = Caps(s);
        }
        catch (Exception ex)
        {
            return new Outcome(Verdict.Crash, "caps", ex);
        }

        if (caps.Length == 0)
        {
            return new Outcome(Verdict.TooLargeToRun);
        }

        try
        {
            loaded = ScenarioLoader.Load(mutant.Text, Source, caps);
        }
        catch (Exception ex)
        {
            // Lowering the horizon and the scale of an accepted scenario must keep it valid.
            return new Outcome(Verdict.Crash, "load with caps", ex, "caps: " + string.Join(' ', caps));
        }

        try
        {
            var sim = new Simulation(loaded.Scenario, (ulong)mutant.Index + 1);
            SimulationInvariants.RunChecked(sim);
            return new Outcome(Verdict.Ran);
        }
        catch (Exception ex)
        {
            return new Outcome(Verdict.Crash, "run", ex, "caps: " + string.Join(' ', caps));
        }
    }

    /// <summary>Overrides capping the horizon and scaling down people and units; empty when the run would still be too large.</summary>
    private static string[] Caps(Scenario s)
    {
        double scale = s.Population.Scale;
        double people = s.Zones.Sum(z => Math.Round(z.Residents * scale));
        double units = s.Actors.Sum(a => Math.Round(a.Units * scale) + (a.Convergence ? Math.Round(a.ConvergencePool * scale) : 0));
        double factor = Math.Min(1, Math.Min(MaxPeople / Math.Max(1, people), MaxUnits / Math.Max(1, units)));
        double capped = factor < 1 ? Math.Max(0.001, scale * factor * 0.99) : scale; // 0.99: rounding per zone and actor may add a little
        double cappedPeople = s.Zones.Sum(z => Math.Round(z.Residents * capped));
        double cappedUnits = s.Actors.Sum(a => Math.Round(a.Units * capped) + (a.Convergence ? Math.Round(a.ConvergencePool * capped) : 0));
        if (cappedPeople > MaxPeople || cappedUnits > MaxUnits)
        {
            return [];
        }

        var caps = new List<string> { "time.horizon_h=" + Math.Min(s.Time.HorizonH, HorizonCapH).ToString("R", CultureInfo.InvariantCulture) };
        if (factor < 1)
        {
            caps.Add("population.scale=" + capped.ToString("R", CultureInfo.InvariantCulture));
        }

        return [.. caps];
    }

    /// <summary>Null when every error is well formed: a message and a position inside the file (or the document start).</summary>
    private static string? CheckErrors(ScenarioException ex, string text)
    {
        if (ex.Errors.Count == 0)
        {
            return "a ScenarioException with no errors";
        }

        int lines = 1 + text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029'); // YAML line breaks, generously
        foreach (var e in ex.Errors)
        {
            var p = e.Position;
            if (string.IsNullOrWhiteSpace(e.Message) || p.Source != Source || p.Line < 1 || p.Line > lines + 1 || p.Column < 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"badly placed or empty error: {p.Source}:{p.Line}:{p.Column} (file has {lines} lines): '{e.KeyPath}': '{e.Message}'");
            }
        }

        return null;
    }

    private static string Signature(Outcome o)
    {
        if (o.Error is null)
        {
            return $"{o.Verdict} in {o.Phase}";
        }

        string top = o.Error.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("CrisisSim.Core", StringComparison.Ordinal) || l.Contains("YamlDotNet", StringComparison.Ordinal))
            ?? o.Error.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        int paren = top.IndexOf(" in ", StringComparison.Ordinal);
        if (paren > 0)
        {
            top = top[..paren];
        }

        return o.Error is ScenarioException ? $"{o.Verdict} in {o.Phase}: {o.Detail?.Split(':')[0]}" : $"{o.Verdict} in {o.Phase}: {o.Error.GetType().Name} {top}";
    }
}
