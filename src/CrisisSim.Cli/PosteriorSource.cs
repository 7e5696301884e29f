using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli;

/// <summary>
/// Reads the accepted parameter sets an experiment's <c>over: {posterior: FOLDER}</c> names: the calibration's
/// calibration.json (which parameters were calibrated) and posterior.csv (their accepted values). Any problem is
/// reported at the line of over.posterior in the experiment file.
/// </summary>
internal static class PosteriorSource
{
    /// <summary><paramref name="spec"/> with its posterior's sets read from the folder it names (relative to <paramref name="baseDir"/>).</summary>
    public static ExperimentSpec Read(ExperimentSpec spec, string baseDir)
    {
        if (spec.Posterior is not { } posterior)
        {
            return spec;
        }

        try
        {
            string folder = ExperimentSource.Resolve(baseDir, posterior.From);
            return spec with { Posterior = posterior with { Sample = ReadFolder(folder, posterior.Take, posterior) } };
        }
        catch (Exception ex) when (ex is CliException or AnalysisException)
        {
            throw new ScenarioException(new ScenarioError(posterior.Position, "over.posterior",
                $"{ex.Message} (expected the --out folder of crisissim calibrate)"));
        }
    }

    /// <summary>
    /// The accepted sets in <paramref name="folder"/>, the --out folder of crisissim calibrate (the first
    /// <paramref name="take"/> when given); a missing or malformed file is a <see cref="CliException"/> or an
    /// <see cref="AnalysisException"/> naming it.
    /// </summary>
    public static PosteriorSample ReadFolder(string folder, int? take, PosteriorSpec? only = null)
    {
        if (ShippedFiles.IsShipped(folder))
        {
            string manifest = folder + "/" + FileNames.CalibrationManifest;
            var shippedPaths = PriorPaths(ShippedFiles.ReadData(folder, FileNames.CalibrationManifest), manifest);
            string name = folder + "/" + FileNames.Posterior;
            return PosteriorSample.FromTable(RunsTableFile.ReadText(ShippedFiles.ReadData(folder, FileNames.Posterior)), Carried(shippedPaths, manifest, only), name, take);
        }

        string file = Path.Combine(folder, FileNames.CalibrationManifest);
        var paths = Carried(CalibratedParameters(file), file, only);
        string csv = Path.Combine(folder, FileNames.Posterior);
        return PosteriorSample.FromTable(RunsTableFile.Read(csv), paths, csv, take);
    }

    private static IReadOnlyList<string> Carried(List<string> calibrated, string manifest, PosteriorSpec? only) =>
        only is null ? calibrated : only.Carried(calibrated, manifest);

    /// <summary>The paths of the calibration's priors, in column order.</summary>
    private static List<string> CalibratedParameters(string manifest)
    {
        if (!File.Exists(manifest))
        {
            throw new CliException($"{manifest}: no such file");
        }

        BoundedFile.RequireRegular(manifest);
        return PriorPaths(File.ReadAllText(manifest), manifest);
    }

    /// <summary>The paths of the priors in the calibration manifest <paramref name="json"/> (read from <paramref name="manifest"/>).</summary>
    private static List<string> PriorPaths(string json, string manifest)
    {
        try
        {
            var priors = JsonNode.Parse(json)?["priors"] as JsonArray;
            var paths = priors?.Select(p => p?["path"]?.GetValue<string>() ?? "").ToList();
            if (paths is null || paths.Count == 0 || paths.Any(p => p.Length == 0))
            {
                throw new CliException($"{manifest}: has no list of priors, each with a path");
            }

            return paths;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{manifest}: is not a calibration manifest ({ex.Message})");
        }
    }
}
