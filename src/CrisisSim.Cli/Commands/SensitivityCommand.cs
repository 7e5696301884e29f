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
        metric.CompletionSources.Add(Completion.CompletionValues.RunMetrics);
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for Sobol confidence intervals (10 to 100000)", DefaultValueFactory = _ => 1000 };
        var minus = new Option<string?>("--minus")
        {
            Description = $"Folder of a second sweep of the same design and master seed (another arm, e.g. single government): analyse the paired difference DIR − MINUS at each point instead of DIR's level; writes {FileNames.SensitivityDifference} with the replicate-noise floor",
        };
        var command = new Command("sensitivity", $"Compute Morris (mu*, sigma) or Sobol (first and total order, 95% bootstrap CI) indices per metric; writes {FileNames.Sensitivity}") { dir, metric, bootstrap, minus };
        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(dir)!, parse.GetValue(metric) ?? [], parse.GetValue(bootstrap), parse.GetValue(minus)));
        return command;
    }

    private static int Execute(CommandOutput io, string dir, string[] metrics, int bootstrap, string? minus)
    {
        var (spec, points, table) = Load(dir, bootstrap);
        ResultTable? other = null;
        if (minus is not null)
        {
            var (otherSpec, otherPoints, otherTable) = Load(minus, bootstrap);
            RequireSameDesign(dir, spec, points, minus, otherSpec, otherPoints);
            other = otherTable;
        }

        string[] names = metrics.Length > 0 ? metrics : [.. RunMetrics.Columns.Select(c => c.Name)];
        foreach (string m in names)
        {
            if (table.Column(m) < 0 || !RunMetrics.Columns.Any(c => c.Name == m))
            {
                throw new CliException($"unknown metric '{m}'; {FileNames.Runs} has: {string.Join(", ", RunMetrics.Columns.Select(c => c.Name))}");
            }
        }

        int k = spec.Design.Factors.Count;
        string outPath = Path.Combine(dir, other is null ? FileNames.Sensitivity : FileNames.SensitivityDifference);
        bool morris = spec.Design.Type.Sensitivity == SensitivityMethod.Morris;
        string[] header = morris
            ? ["metric", "factor", "method", "mu_star", "mu", "sigma", "effects"]
            : ["metric", "factor", "method", "s1", "s1_low", "s1_high", "st", "st_low", "st_high"];
        if (other is not null)
        {
            header = [.. header, "minus", "noise_share"];
        }

        var report = new List<string>();
        OutputFile.AtomicWrite(outPath, tmp =>
        {
            using var csv = new CsvTable(tmp, header);
            foreach (string m in names)
            {
                report.Add(Analyse(csv, m, spec, points, table, other, minus, bootstrap));
            }
        });
        string what = other is null ? "" : $" of the paired difference {dir} − {minus}";
        io.Out.WriteLine($"{(morris ? "Morris" : "Sobol")} indices{what} for {names.Length} metric(s), {k} factors, {points.Count} points × {spec.Replicates} replicates (factors most influential first):");
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

    /// <summary>
    /// Writes the indices of metric <paramref name="m"/>: of its level at each point, or with <paramref name="other"/> of
    /// the paired difference from that sweep; returns its console line.
    /// </summary>
    private static string Analyse(CsvTable csv, string m, ExperimentSpec spec, IReadOnlyList<DesignPoint> points, ResultTable table, ResultTable? other, string? minus, int bootstrap)
    {
        double noise = double.NaN;
        double[] y;
        if (other is null)
        {
            y = MeanByPoint(table, m, points.Count, table.Column("point_id"), table.Column("status"));
        }
        else
        {
            var difference = PointDifference.Of(table, other, m, points.Count);
            (y, noise) = (difference.Means, difference.NoiseShare);
        }

        if (y.Any(double.IsNaN))
        {
            return $"{m}: skipped (a design point has no value: its runs failed{(other is null ? "" : " or have no pair")}, or the event never happened in them)";
        }

        (string Minus, double Noise)? extra = other is null ? null : (minus!, noise);
        bool morris = spec.Design.Type.Sensitivity == SensitivityMethod.Morris;
        return (morris ? WriteMorris(csv, m, spec, points, y, extra) : WriteSobol(csv, m, spec, y, bootstrap, extra))
            + (other is null ? "" : NoiseNote(noise));
    }

    /// <summary>The noise floor in words: indices of a difference cannot be told from replicate noise below it.</summary>
    private static string NoiseNote(double share) => double.IsFinite(share)
        ? string.Create(CultureInfo.InvariantCulture, $"; replicate noise is {share:P0} of the variance of the difference across points")
        : "; replicate noise not estimable (a point has one pair, or the difference does not vary)";

    /// <summary>
    /// The two sweeps of --minus must share the design (kind, factors, points, replicates and master seed), so that the
    /// runs of a point and replicate are the same draws in both and differ only in the sweeps' fixed settings.
    /// </summary>
    private static void RequireSameDesign(string dir, ExperimentSpec a, IReadOnlyList<DesignPoint> pa, string minus, ExperimentSpec b, IReadOnlyList<DesignPoint> pb)
    {
        string Factors(ExperimentSpec s) => string.Join("; ", s.Design.Factors.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Path} [{f.Min}, {f.Max}]")));
        string? problem = a.Design.Kind != b.Design.Kind ? $"design {a.Design.Kind} against {b.Design.Kind}"
            : Factors(a) != Factors(b) ? $"factors {Factors(a)} against {Factors(b)}"
            : a.MasterSeed != b.MasterSeed ? $"master seed {a.MasterSeed} against {b.MasterSeed}"
            : a.Replicates != b.Replicates ? $"{a.Replicates} replicates against {b.Replicates}"
            : pa.Count != pb.Count || pa.Zip(pb).Any(p => !p.First.Values.SequenceEqual(p.Second.Values)) ? "different design points"
            : null;
        if (problem is not null)
        {
            throw new CliException($"--minus {minus}: not a sweep of the same design as {dir} ({problem}); run the second arm from a copy of the experiment that changes only its fixed settings");
        }
    }

    /// <summary>Writes the Morris rows of metric <paramref name="m"/>; returns its console line (factors by μ*).</summary>
    private static string WriteMorris(CsvTable csv, string m, ExperimentSpec spec, IReadOnlyList<DesignPoint> points, double[] y, (string Minus, double Noise)? extra)
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
            WriteExtra(csv, extra);
            csv.EndRow();
        }

        var ranked = Enumerable.Range(0, k).OrderByDescending(f => idx[f].MuStar).ToList();
        return $"{m}: " + string.Join("; ", ranked.Select(f => string.Create(CultureInfo.InvariantCulture, $"{spec.Design.Factors[f].Path} μ*={idx[f].MuStar:G4} σ={idx[f].Sigma:G4}")));
    }

    /// <summary>Writes the Sobol rows of metric <paramref name="m"/> (bootstrap seeded by the master seed); returns its console line (factors by ST).</summary>
    private static string WriteSobol(CsvTable csv, string m, ExperimentSpec spec, double[] y, int bootstrap, (string Minus, double Noise)? extra)
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
            WriteExtra(csv, extra);
            csv.EndRow();
        }

        var ranked = Enumerable.Range(0, k).OrderByDescending(f => idx[f].Total).ToList();
        return $"{m}: " + string.Join("; ", ranked.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{spec.Design.Factors[f].Path} S1={idx[f].First:0.00} [{idx[f].FirstLow:0.00}, {idx[f].FirstHigh:0.00}] ST={idx[f].Total:0.00} [{idx[f].TotalLow:0.00}, {idx[f].TotalHigh:0.00}]")));
    }

    private static void WriteExtra(CsvTable csv, (string Minus, double Noise)? extra)
    {
        if (extra is { } e)
        {
            csv.Text(e.Minus);
            if (double.IsFinite(e.Noise))
            {
                csv.Number(e.Noise);
            }
            else
            {
                csv.Text("");
            }
        }
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
