using System.Globalization;
using System.Security.Cryptography;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Calibration;

namespace CrisisSim.Cli.Commands.Calibration;

/// <summary>
/// The files of a calibration, written into an output folder's staging area (the folder appears whole or not at all):
/// draws.csv (every set: draw, each prior's value, each target's replicate mean, accepted 0/1), posterior.csv (the
/// accepted rows only) and calibration.json (what produced them). The CSVs hold no timestamps, so the same file gives
/// the same bytes whatever the thread count.
/// </summary>
internal static class CalibrationFiles
{
    /// <summary>The header of draws.csv and posterior.csv.</summary>
    public static IReadOnlyList<string> Header(CalibrationResult r) =>
        ["draw", .. r.Priors.Select(p => p.Path), .. r.Targets.Select(t => t.Id), "accepted"];

    /// <summary>Writes the three files into <paramref name="folder"/>'s staging area.</summary>
    public static void Write(OutputFolder folder, LoadedCalibration c, CalibrationResult r, TimeSpan elapsed)
    {
        Table(folder.File(FileNames.CalibrationDraws), r, r.Draws);
        Table(folder.File(FileNames.Posterior), r, r.Accepted);
        var inv = CultureInfo.InvariantCulture;
        Provenance.Write(folder.File(FileNames.CalibrationManifest), new Dictionary<string, object?>
        {
            ["calibration"] = Path.GetFullPath(c.Path),
            ["calibration_name"] = c.Spec.Name,
            ["calibration_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(c.Path))),
            ["scenario"] = c.ScenarioSource,
            ["scenario_hash"] = c.ScenarioHash,
            ["master_seed"] = c.Spec.MasterSeed.ToString(inv),
            ["method"] = "abc-rejection",
            ["draws"] = r.Draws.Count,
            ["replicates"] = r.Replicates,
            ["runs"] = (long)r.Draws.Count * r.Replicates,
            ["accepted"] = r.Accepted.Count,
            ["failed_draws"] = r.Failed,
            ["fixed"] = c.Spec.FixedOverrides,
            ["priors"] = r.Priors.Select(p => new Dictionary<string, object> { ["path"] = p.Path, ["kind"] = Prior.KeyOf(p.Kind), ["lo"] = p.Lo, ["hi"] = p.Hi }).ToList(),
            ["targets"] = r.Targets.Select(Json).ToList(),
            ["elapsed_s"] = Math.Round(elapsed.TotalSeconds, 1),
        });
    }

    /// <summary>A target in calibration.json: a one-sided band's missing end is null (JSON has no infinity), as is the hour of a quantity read at none.</summary>
    private static Dictionary<string, object?> Json(Target t) => new()
    {
        ["id"] = t.Id,
        ["quantity"] = t.Quantity,
        ["at_h"] = t.AtH,
        ["lo"] = double.IsFinite(t.Lo) ? t.Lo : null,
        ["hi"] = double.IsFinite(t.Hi) ? t.Hi : null,
        ["use"] = t.Use == TargetUse.Fit ? "fit" : "held_out",
    };

    private static void Table(string path, CalibrationResult r, IReadOnlyList<CalibrationDraw> rows)
    {
        using var table = new CsvTable(path, Header(r));
        foreach (var d in rows)
        {
            table.Integer(d.Index);
            foreach (double v in d.Values)
            {
                table.Number(v);
            }

            foreach (double m in d.Means)
            {
                if (double.IsNaN(m))
                {
                    table.Text(""); // a set with a failed run has no mean
                }
                else
                {
                    table.Number(m);
                }
            }

            table.Integer(d.Accepted ? 1 : 0);
            table.EndRow();
        }

        table.Flush();
    }
}
