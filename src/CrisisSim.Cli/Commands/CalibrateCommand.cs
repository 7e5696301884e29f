using System.CommandLine;
using System.Diagnostics;
using CrisisSim.Cli.Commands.Calibration;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Calibration;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim calibrate FILE --out DIR [--threads N] [--force] [--dry-run]</c>: calibration by approximate Bayesian
/// computation (rejection). Draws parameter sets from the file's priors, runs each over replicates in parallel, and
/// accepts the sets whose fit targets' replicate means all lie in their bands; writes draws.csv, posterior.csv and
/// calibration.json, and prints the acceptance rate and each parameter's posterior. Bad input: exit 2, nothing written.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Calibration file (YAML): scenario, master seed, draws, replicates, priors, targets" };
        var outDir = new Option<string>("--out") { Description = "Output folder (absent or empty, or earlier results with --force)", Required = true };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores); results do not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder of earlier results" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and print the number of runs; run nothing" };
        var command = new Command("calibrate", "Calibrate by approximate Bayesian computation (rejection): draw from the priors, keep the sets inside the targets' bands")
        {
            file, outDir, threads, force, dryRun,
        };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(file)!, parse.GetValue(outDir)!, parse.GetValue(threads), parse.GetValue(force), parse.GetValue(dryRun)));
        return command;
    }

    private static int Execute(CommandOutput io, string path, string outDir, int threads, bool force, bool dryRun)
    {
        if (threads < 1)
        {
            throw new CliException($"--threads {threads}: expected 1 or more");
        }

        var c = LoadedCalibration.Load(path);
        if (dryRun)
        {
            io.Out.WriteLine($"{path}: ok — {c.Describe()}; nothing run");
            return ExitCodes.Success;
        }

        using var folder = OutputFolder.Begin(outDir, force, c.Inputs);
        io.Error.WriteLine($"calibrating: {c.Describe()} on {threads} threads");
        var clock = Stopwatch.StartNew();
        using var model = new CalibrationModel(c.ScenarioText, c.ScenarioSource, c.Spec.FixedOverrides, c.Spec.Targets);
        var result = AbcRejection.Run(c.Spec.Priors, c.Spec.Targets, c.Spec.MasterSeed, c.Spec.Draws, c.Spec.Replicates, model.Run, threads);
        CalibrationFiles.Write(folder, c, result, clock.Elapsed);
        folder.Commit();
        CalibrationSummary.Print(io.Out, PosteriorSummary.Of(result), folder.Target);
        io.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Spec.Runs} runs in {clock.Elapsed.TotalSeconds:F1} s"));
        if (result.Failed > 0)
        {
            io.Error.WriteLine($"{result.Failed} parameter set(s) had a failed run and were rejected; the first: {result.Draws.First(d => d.Error is not null).Error}");
            return ExitCodes.WorkFailed;
        }

        return ExitCodes.Success;
    }
}
