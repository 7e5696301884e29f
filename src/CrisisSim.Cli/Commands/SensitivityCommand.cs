using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Experiments.Designs;
using CrisisSim.Core.Metrics;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim sensitivity DIR [--metric NAME]... [--bootstrap B]</c>: Morris or Sobol indices per metric from a finished sweep.</summary>
public static class SensitivityCommand
{
    /// <summary>Most bootstrap resamples accepted (memory is 16 bytes × factors × resamples; 100,000 gives CIs far finer than needed).</summary>
    public const int MaxBootstrap = 100_000;

    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Folder of a finished morris or sobol sweep" };
        var metric = new Option<string[]>("--metric") { Description = "Metric(s) to analyse (default: every metric)" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for Sobol confidence intervals (10 to 100000)", DefaultValueFactory = _ => 1000 };
        var command = new Command("sensitivity", $"Compute Morris (mu*, sigma) or Sobol (first and total order, 95% bootstrap CI) indices per metric; writes {FileNames.Sensitivity}") { dir, metric, bootstrap };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(dir)!, parse.GetValue(metric) ?? [], parse.GetValue(bootstrap)));
        return command;
    }

    private static int Execute(CommandOutput io, string dir, string[] metrics, int bootstrap)
    {
        var (spec, points, table) = Load(dir, bootstrap);
        string[] names = metrics.Length > 0 ? metrics : [.. RunMetrics.Columns.Select(c => c.Name)];
        foreach (string m in names)
        {
            if (table.Column(m) < 0 || !RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"unknown metric '{m}'; {FileNames.Runs} has: {string.Join(", ", RunMetrics.Columns.Select(c => c.Name))}");
            }
        }

        int k = spec.Design.Factors.Count;
        string outPath = Path.Combine(dir, FileNames.Sensitivity);
        bool morris = spec.Design.Type.Sensitivity == SensitivityMethod.Morris;
        var header = morris
            ? new[] { "metric", "factor", "method", "mu_star", "mu", "sigma", "effects" }
            : new[] { "metric", "factor", "method", "s1", "s1_low", "s1_high", "st", "st_low", "st_high" };
        var report = new List<string>();
        OutputFile.AtomicWrite(outPath, tmp =>
        {
            using var csv = new CsvTable(tmp, header);
            foreach (string m in names)
            {
                var y = MeanByPoint(table, m, points.Count, table.Column("point_id"), table.Column("status"));
                report.Add(y.Any(double.IsNaN) ? $"{m}: skipped (a design point has no successful run)"
                    : morris ? WriteMorris(csv, m, spec, points, y)
                    : WriteSobol(csv, m, spec, y, bootstrap));
            }
        });
        io.Out.WriteLine($"{(morris ? "Morris" : "Sobol")} indices for {names.Length} metric(s), {k} factors, {points.Count} points × {spec.Replicates} replicates (factors most influential first):");
        foreach (string line in report)
        {
            io.Out.WriteLine("  " + line);
        }

        io.Out.WriteLine($"wrote {outPath}");
        return ExitCodes.Success;
    }

    /// <summary>The finished morris or sobol sweep in <paramref name="dir"/>: its experiment (from sweep.json), design points and runs.csv.</summary>
    private static (ExperimentSpec Spec, IReadOnlyList<DesignPoint> Points, ResultTable Runs) Load(string dir, int bootstrap)
    {
        string manifestPath = Path.Combine(dir, FileNames.SweepManifest);
        if (!File.Exists(manifestPath))
        {
            throw new CliException($"{dir}: no {FileNames.SweepManifest} here; give the --out folder of a sweep");
        }

        if (bootstrap < 10 || bootstrap > MaxBootstrap)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--bootstrap {bootstrap}: expected from 10 to {MaxBootstrap} resamples"));
        }

        var manifest = SweepManifest.Read(manifestPath);
        var spec = ExperimentLoader.Parse(manifest.ExperimentText, manifest.Experiment);
        if (spec.Design.Type.Sensitivity is null)
        {
            throw new CliException($"{dir}: this is a {spec.Design.Kind} sweep; sensitivity indices need a {DesignCatalog.Names(t => t.Sensitivity is not null, "or")} design");
        }

        string runsPath = Path.Combine(dir, FileNames.Runs);
        if (!File.Exists(runsPath))
        {
            throw new CliException($"{dir}: the sweep is not complete (no {FileNames.Runs} yet); finish it with crisissim sweep … --resume");
        }

        return (spec, DesignBuilder.Build(spec), RunsTableFile.Read(runsPath));
    }

    /// <summary>Writes the Morris rows of metric <paramref name="m"/>; returns its console line (factors by μ*).</summary>
    private static string WriteMorris(CsvTable csv, string m, ExperimentSpec spec, IReadOnlyList<DesignPoint> points, double[] y)
    {
        int k = spec.Design.Factors.Count;
        var x = points.Select(p => p.Values.Select((v, f) => Scale(v, spec.Design.Factors[f])).ToArray()).ToArray();
        var idx = Sensitivity.Morris(x, y, k);
        for (int f = 0; f < k; f++)
        {
            csv.Text(m);
            csv.Text(spec.Design.Factors[f].Path);
            csv.Text("morris");
            csv.Number(idx[f].MuStar);
            csv.Number(idx[f].Mu);
            csv.Number(idx[f].Sigma);
            csv.Integer(idx[f].Effects);
            csv.EndRow();
        }

        var ranked = Enumerable.Range(0, k).OrderByDescending(f => idx[f].MuStar).ToList();
        return $"{m}: " + string.Join("; ", ranked.Select(f => string.Create(CultureInfo.InvariantCulture, $"{spec.Design.Factors[f].Path} μ*={idx[f].MuStar:G4} σ={idx[f].Sigma:G4}")));
    }

    /// <summary>Writes the Sobol rows of metric <paramref name="m"/> (bootstrap seeded by the master seed); returns its console line (factors by ST).</summary>
    private static string WriteSobol(CsvTable csv, string m, ExperimentSpec spec, double[] y, int bootstrap)
    {
        int k = spec.Design.Factors.Count;
        var idx = Sensitivity.Sobol(y, k, bootstrap, spec.MasterSeed);
        for (int f = 0; f < k; f++)
        {
            csv.Text(m);
            csv.Text(spec.Design.Factors[f].Path);
            csv.Text("sobol");
            csv.Number(idx[f].First);
            csv.Number(idx[f].FirstLow);
            csv.Number(idx[f].FirstHigh);
            csv.Number(idx[f].Total);
            csv.Number(idx[f].TotalLow);
            csv.Number(idx[f].TotalHigh);
            csv.EndRow();
        }

        var ranked = Enumerable.Range(0, k).OrderByDescending(f => idx[f].Total).ToList();
        return $"{m}: " + string.Join("; ", ranked.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{spec.Design.Factors[f].Path} S1={idx[f].First:0.00} [{idx[f].FirstLow:0.00}, {idx[f].FirstHigh:0.00}] ST={idx[f].Total:0.00} [{idx[f].TotalLow:0.00}, {idx[f].TotalHigh:0.00}]")));
    }

    private static double Scale(string value, Factor f) =>
        (ResultTable.Number(value) - f.Min) / (f.Max - f.Min);

    private static double[] MeanByPoint(ResultTable table, string metric, int points, int pointCol, int statusCol)
    {
        int col = table.Column(metric);
        var sum = new double[points];
        var count = new int[points];
        foreach (var row in table.Rows)
        {
            if (row[statusCol] != "ok")
            {
                continue;
            }

            int p = int.Parse(row[pointCol], CultureInfo.InvariantCulture);
            double v = ResultTable.Number(row[col]);
            if (p < points && double.IsFinite(v))
            {
                sum[p] += v;
                count[p]++;
            }
        }

        return [.. sum.Select((s, i) => count[i] == 0 ? double.NaN : s / count[i])];
    }
}
