using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim run [SCENARIO] [--seed N] [--set PATH=VALUE]... [--out DIR] [--trace] [--force]</c>: one run.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario file (YAML); omit for the built-in Tianjin 8·12 scenario", Arity = ArgumentArity.ZeroOrOne };
        var seed = new Option<ulong>("--seed")
        {
            Description = $"Run seed (every random stream derives from it): decimal, as {FileNames.Runs}'s seed, or 0x and hex digits, as its seed_hex",
            DefaultValueFactory = _ => 1,
            CustomParser = ParseSeed,
        };
        var set = new Option<string[]>("--set") { Description = "Override a scenario value: PATH=VALUE (repeatable), e.g. governance.mode=co-governance", AllowMultipleArgumentsPerToken = false };
        set.CompletionSources.Add(Completion.CompletionValues.ParameterPaths);
        var outDir = new Option<string?>("--out") { Description = $"Output folder (default: a new folder under ./{FileNames.DefaultRoot})" };
        var trace = new Option<bool>("--trace") { Description = $"Also write {FileNames.Events} (every message and task event of the run), {FileNames.Zones}, {FileNames.Units} and {FileNames.Map} (what crisissim view plays back)" };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var command = new Command("run", $"Run one scenario and write {FileNames.Runs}, {FileNames.Ticks} and {FileNames.Provenance}") { scenario, seed, set, outDir, trace, force };
        command.SetAction(parse => Execute(
            CommandOutput.Of(parse),
            parse.GetValue(scenario),
            parse.GetValue(seed),
            parse.GetValue(set) ?? [],
            parse.GetValue(outDir),
            parse.GetValue(trace),
            parse.GetValue(force)));
        return command;
    }

    private static ulong ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (SeedText.TryParse(text, out ulong seed))
        {
            return seed;
        }

        result.AddError($"--seed {text}: expected {SeedText.Expected}");
        return 0;
    }

    private static int Execute(CommandOutput io, string? path, ulong seed, string[] overrides, string? outDir, bool trace, bool force)
    {
        var (loaded, source) = ScenarioSource.Load(path, overrides);
        io.Warn(loaded.Warnings);
        var s = loaded.Scenario;
        string target = outDir ?? DefaultFolder(seed);
        using var folder = OutputFolder.Begin(target, force, path is null ? [] : [path]);
        using var signals = new StopSignals(); // before the first file exists: a stop then always leaves --out as it was
        var factorPaths = overrides.Select(o => ParameterPath.Normalise(o[..o.IndexOf('=', StringComparison.Ordinal)])).ToList();
        var factorValues = overrides.Select(o => o[(o.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;

        RunMetricsResult result;
        using (var ticks = new CsvTable(folder.File(FileNames.Ticks), ResultFiles.TicksHeader))
        using (var traced = trace ? TraceFiles.Open(folder.File, s) : null)
        {
            var sim = new Simulation(s, seed, traced?.Events);
            traced?.WriteMap(sim, s);
            try
            {
                var metrics = sim.Run(x =>
                {
                    signals.Token.ThrowIfCancellationRequested();
                    ResultFiles.WriteTick(ticks, 0, x.Current);
                    traced?.WriteTick(x);
                });
                result = new RunMetricsResult(metrics, sim.TickCount, traced?.Events.Count ?? 0);
            }
            catch (OperationCanceledException)
            {
                // The staging folder is removed when `folder` is disposed: --out stays as it was.
                io.Error.WriteLine($"interrupted by {signals.Name} at tick {sim.Tick} of {sim.TickCount}; nothing was written to {folder.Target}");
                return signals.ExitCode;
            }
        }

        using (var runs = new CsvTable(folder.File(FileNames.Runs), ResultFiles.RunsHeader(factorPaths)))
        {
            ResultFiles.WriteRun(runs, 0, 0, 0, seed, factorValues, result.Metrics, "ok", "");
        }

        WriteProvenance(folder.File(FileNames.Provenance), loaded, source, seed, overrides, result.Ticks, started, clock);
        folder.Commit();
        PrintSummary(io.Out, s, source, seed, result, folder.Target, trace);
        return ExitCodes.Success;
    }

    /// <summary>provenance.json of a run: what produced runs.csv and ticks.csv, and when (timestamps live only here).</summary>
    private static void WriteProvenance(string path, LoadedScenario loaded, string source, ulong seed, string[] overrides, int ticks, DateTime started, Stopwatch clock)
    {
        var s = loaded.Scenario;
        Provenance.Write(path, new Dictionary<string, object?>
        {
            ["command"] = "run",
            ["scenario"] = source,
            ["scenario_name"] = s.Name,
            ["scenario_hash"] = loaded.Hash,
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["overrides"] = overrides,
            ["governance_mode"] = Core.Scenarios.Schema.SchemaCatalog.EnumName(s.Governance.Mode),
            ["governance_communication"] = Core.Scenarios.Schema.SchemaCatalog.EnumName(s.Governance.Communication),
            ["ticks"] = ticks,
            ["started_utc"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["elapsed_s"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        });
    }

    private static string DefaultFolder(ulong seed)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string baseName = Path.Combine(FileNames.DefaultRoot, $"run-{stamp}-seed{seed}");
        string name = baseName;
        for (int i = 2; Directory.Exists(name); i++)
        {
            name = $"{baseName}-{i}";
        }

        return name;
    }

    private static void PrintSummary(TextWriter output, Scenario s, string source, ulong seed, RunMetricsResult r, string folder, bool trace)
    {
        var m = r.Metrics;
        var inv = CultureInfo.InvariantCulture;
        string rule = s.Governance.Mode == GovernanceMode.CoGovernance ? $" ({Core.Scenarios.Schema.SchemaCatalog.EnumName(s.Governance.Communication)})" : "";
        output.WriteLine(string.Create(inv, $"{s.Name} — {source}, seed {seed}, {s.Time.HorizonH} h, governance {Core.Scenarios.Schema.SchemaCatalog.EnumName(s.Governance.Mode)}{rule}"));
        output.WriteLine(string.Create(inv, $"  deaths            {m.DeathsCivilian} civilians, {m.DeathsResponder} responders"));
        output.WriteLine(string.Create(inv, $"  rescued           {m.Rescued} (mean {m.RescueTimeMeanH:0.0} h, p90 {m.RescueTimeP90H:0.0} h trapped)"));
        output.WriteLine(string.Create(inv, $"  injured treated   {m.InjuredTreated}"));
        output.WriteLine(string.Create(inv, $"  unmet need        {m.UnmetNeedHours:0} person-hours (shelter {m.UnmetShelterHours:0}, water/food {m.UnmetSuppliesHours:0}, medical {m.UnmetMedicalHours:0}, rescue {m.UnmetRescueHours:0})"));
        output.WriteLine(string.Create(inv, $"  info latency      {m.InfoLatencyMeanH:0.00} h to headquarters; {m.ResponseLatencyMeanH:0.00} h to first response"));
        output.WriteLine(string.Create(inv, $"  messages          {m.MessagesSent} sent, {m.MessagesLost} lost; rumour peak {m.RumourPeak:0.00}"));
        output.WriteLine($"  wrote             {Path.Combine(folder, FileNames.Runs)}, {FileNames.Ticks} ({r.Ticks} rows), {FileNames.Provenance}" + (trace ? string.Create(inv, $", {FileNames.Events} ({r.Events} events), {FileNames.Zones}, {FileNames.Units}, {FileNames.Map}") : ""));
    }

    private sealed record RunMetricsResult(Core.Metrics.RunMetrics Metrics, int Ticks, long Events);
}
