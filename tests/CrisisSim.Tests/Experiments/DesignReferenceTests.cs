using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisSim.Cli;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Experiments;

/// <summary>
/// What every design kind produces is pinned in <c>design-reference.txt</c> (recorded at acae909, before the design
/// kinds became types, issue 13): the points, run seeds and design hash of factorial, lhs, morris and sobol designs;
/// the positioned errors of every design-section mistake; the dry-run's description of factors; and the
/// sensitivity indices of a small morris and sobol sweep. The reference outputs only cover factorial designs, so a
/// refactoring of the sampled designs would otherwise go unchecked. A change meant to alter these records them again
/// with <c>CRISISSIM_RECORD_DESIGNS=1 dotnet test --filter DesignReference</c>, in a commit that says why.
/// </summary>
public class DesignReferenceTests
{
    private const string Head = "name: e\nmaster_seed: 11\nreplicates: 2\n";

    private static readonly (string Name, string Text)[] s_points =
    [
        ("factorial-arms-lists-ranges", Head + "design:\n  kind: factorial\n  arms:\n    a: {governance.mode: co-governance}\n    b: {governance.mode: single-government}\n  factors:\n    governance.trust: [0.3, 0.6]\n    governance.legal.authorisation_delay_h: {min: 0, max: 6, step: 2.5}\n    zones.ring_3km.residents: {min: 100, max: 104, step: 0.7}\n"),
        ("lhs-whole-and-real", Head + "design:\n  kind: lhs\n  samples: 37\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    zones.ring_3km.residents: {min: 100, max: 5000}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n"),
        ("lhs-other-seed", Head.Replace("11", "424242", StringComparison.Ordinal) + "design:\n  kind: lhs\n  samples: 5\n  factors:\n    governance.trust: {min: 0, max: 1}\n"),
        ("morris-default-levels", Head + "design:\n  kind: morris\n  trajectories: 6\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    zones.ring_3km.residents: {min: 100, max: 5000}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n"),
        ("morris-six-levels", Head + "design:\n  kind: morris\n  trajectories: 4\n  levels: 6\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    governance.responsibility_clarity: {min: 0.5, max: 1}\n"),
        ("sobol", Head + "design:\n  kind: sobol\n  samples: 9\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    zones.ring_3km.residents: {min: 100, max: 5000}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n"),
    ];

    private static readonly (string Name, string Text, bool AllowLarge)[] s_errors =
    [
        ("no-design", Head, false),
        ("design-not-a-mapping", Head + "design: [1]\n", false),
        ("no-kind", Head + "design:\n  factors: {governance.trust: [0.3]}\n", false),
        ("unknown-kind", Head + "design:\n  kind: sobl\n  factors: {governance.trust: [0.3]}\n", false),
        ("kind-not-a-scalar", Head + "design:\n  kind: [lhs]\n  factors: {governance.trust: [0.3]}\n", false),
        ("unknown-design-key", Head + "design:\n  kind: lhs\n  sample: 4\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("lhs-without-samples", Head + "design:\n  kind: lhs\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("sobol-without-samples", Head + "design:\n  kind: sobol\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("morris-without-trajectories", Head + "design:\n  kind: morris\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("settings-out-of-range", Head + "design:\n  kind: lhs\n  samples: 1\n  trajectories: x\n  levels: 101\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("other-kinds-settings-are-checked", Head + "design:\n  kind: factorial\n  samples: 1_000_001\n  trajectories: 1\n  levels: 1\n  factors: {governance.trust: [0.3]}\n", false),
        ("morris-odd-levels", Head + "design:\n  kind: morris\n  trajectories: 3\n  levels: 5\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("morris-odd-levels-and-lists", Head + "design:\n  kind: morris\n  trajectories: 1\n  levels: 3\n  arms: {a: {governance.trust: 0.2}}\n  factors: {governance.trust: [0.1, 0.2], communication.hierarchy.delay_h: 3}\n", false),
        ("lhs-list", Head + "design:\n  kind: lhs\n  samples: 4\n  factors: {governance.trust: [0.3, 0.6]}\n", false),
        ("sobol-scalar-factor", Head + "design:\n  kind: sobol\n  samples: 4\n  factors: {governance.trust: 0.3}\n", false),
        ("factorial-scalar-factor", Head + "design:\n  kind: factorial\n  factors: {governance.trust: 0.3}\n", false),
        ("factorial-range-without-step", Head + "design:\n  kind: factorial\n  factors: {governance.trust: {min: 0, max: 1}}\n", false),
        ("factorial-step-zero-min-above-max", Head + "design:\n  kind: factorial\n  factors: {governance.trust: {min: 1, max: 0, step: 0}}\n", false),
        ("factorial-tiny-step", Head + "design:\n  kind: factorial\n  factors: {governance.trust: {min: 0, max: 1, step: 1e-9}}\n", false),
        ("range-keys", Head + "design:\n  kind: lhs\n  samples: 3\n  factors: {governance.trust: {min: x, mx: 1, step: 0.1}}\n", false),
        ("empty-level-list", Head + "design:\n  kind: factorial\n  factors: {governance.trust: [], governance.responsibility_clarity: [[0.1], 0.2]}\n", false),
        ("arms-in-lhs", Head + "design:\n  kind: lhs\n  samples: 3\n  arms: {a: {governance.trust: 0.2}}\n  factors: {communication.hierarchy.delay_h: {min: 0.5, max: 2}}\n", false),
        ("arms-not-a-mapping", Head + "design:\n  kind: factorial\n  arms: [a]\n  factors: {governance.trust: [0.3]}\n", false),
        ("factorial-without-factors", Head + "design:\n  kind: factorial\n", false),
        ("sobol-without-factors", Head + "design:\n  kind: sobol\n  samples: 3\n  factors: {}\n", false),
        ("factors-not-a-mapping", Head + "design:\n  kind: morris\n  trajectories: 3\n  factors: [governance.trust]\n", false),
        ("range-of-a-text-parameter", Head + "design:\n  kind: lhs\n  samples: 3\n  factors: {governance.mode: {min: 0, max: 1}}\n", false),
        ("lhs-range-ends-invalid", Head + "design:\n  kind: lhs\n  samples: 3\n  factors: {governance.trust: {min: -0.5, max: 1.5}}\n", false),
        ("factorial-range-ends-invalid", Head + "design:\n  kind: factorial\n  factors: {governance.trust: {min: -0.5, max: 1.7, step: 0.5}}\n", false),
        ("factorial-too-many-runs", Head + "design:\n  kind: factorial\n  factors:\n    governance.trust: {min: 0, max: 1, step: 0.001}\n    governance.responsibility_clarity: {min: 0, max: 1, step: 0.001}\n", false),
        ("morris-too-many-runs", Head + "design:\n  kind: morris\n  trajectories: 100000\n  factors:\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"    a{i}.x: {{min: 0, max: 1}}\n")), false),
        ("morris-too-many-cells", "name: e\nreplicates: 1\ndesign:\n  kind: morris\n  trajectories: 100000\n  factors:\n" + string.Concat(Enumerable.Range(0, 14).Select(i => $"    a{i}.x: {{min: 0, max: 1}}\n")), true),
        ("baseline-of-a-sampled-design", Head + "design:\n  kind: sobol\n  samples: 3\n  factors: {governance.trust: {min: 0, max: 1}}\ncompare: {baseline: '0.5'}\n", false),
        ("baseline-not-a-level", Head + "design:\n  kind: factorial\n  factors: {governance.trust: {min: 0.1, max: 0.9, step: 0.2}}\ncompare: {baseline: '0.4'}\n", false),
    ];

    private static readonly (string Name, string Text)[] s_dryRuns =
    [
        ("factorial", s_points[0].Text),
        ("lhs", s_points[1].Text),
        ("morris", s_points[4].Text),
        ("sobol", s_points[5].Text),
    ];

    private const string Quick = "fixed: {time.horizon_h: 12, population.scale: 0.2}\n";

    private static readonly (string Name, string Text)[] s_sensitivity =
    [
        ("morris", "name: m\nmaster_seed: 3\nreplicates: 1\n" + Quick + "design:\n  kind: morris\n  trajectories: 3\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n"),
        ("sobol", "name: s\nmaster_seed: 3\nreplicates: 1\n" + Quick + "design:\n  kind: sobol\n  samples: 3\n  factors:\n    governance.trust: {min: 0.3, max: 0.9}\n    communication.hierarchy.delay_h: {min: 0.5, max: 2}\n"),
        ("factorial", "name: f\nmaster_seed: 3\nreplicates: 1\n" + Quick + "design:\n  kind: factorial\n  factors:\n    governance.trust: [0.3]\n"),
    ];

    [Test]
    public void EveryDesignKindKeepsItsRecordedPointsErrorsDescriptionsAndIndices()
    {
        string path = Repo.PathOf("tests", "CrisisSim.Tests", "Experiments", "design-reference.txt");
        string actual = Record();
        if (Environment.GetEnvironmentVariable("CRISISSIM_RECORD_DESIGNS") == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Pass("recorded " + path);
        }

        var expected = File.ReadAllLines(path);
        var lines = actual.Split('\n')[..^1];
        Assert.That(lines, Has.Length.EqualTo(expected.Length), "the record has as many lines as the reference");
        for (int i = 0; i < Math.Min(lines.Length, expected.Length); i++)
        {
            Assert.That(lines[i], Is.EqualTo(expected[i]), $"line {i + 1} of design-reference.txt");
        }
    }

    private static string Record()
    {
        var sb = new StringBuilder();
        sb.Append("## points: count, sha-256 of every point and run, design hash, then the first two points\n");
        foreach (var (name, text) in s_points)
        {
            var exp = ExperimentSource.FromText(text, name + ".yaml", ".", allowLarge: false);
            var all = new StringBuilder();
            foreach (var p in exp.Points)
            {
                all.Append(p.PointId).Append('|').Append(p.Arm).Append('|').AppendJoin('\t', p.Values).Append('|').AppendJoin('\t', p.Overrides).Append('\n');
            }

            foreach (var r in exp.Runs)
            {
                all.Append(r.RunId).Append(' ').Append(r.Point.PointId).Append(' ').Append(r.Replicate).Append(' ').Append(r.Seed).Append('\n');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{name}: {exp.Points.Count} points, {exp.Runs.Count} runs, {Sha(all.ToString())}, design hash {exp.DesignHash}\n");
            foreach (var p in exp.Points.Take(2))
            {
                sb.Append("  ").AppendJoin(' ', p.Overrides).Append('\n');
            }
        }

        sb.Append("## errors\n");
        foreach (var (name, text, allowLarge) in s_errors)
        {
            sb.Append("### ").Append(name).Append('\n');
            try
            {
                ExperimentSource.FromText(text, "e.yaml", ".", allowLarge);
                sb.Append("(accepted)\n");
            }
            catch (ScenarioException ex)
            {
                foreach (var e in ex.Errors)
                {
                    sb.Append(e).Append('\n');
                }
            }
        }

        using var tmp = new TempDir();
        sb.Append("## dry runs (without the estimate), then validate\n");
        foreach (var (name, text) in s_dryRuns)
        {
            File.WriteAllText(tmp[name + ".yaml"], text);
            var r = CliRunner.Run("sweep", tmp[name + ".yaml"], "--dry-run");
            sb.Append("### ").Append(name).Append(' ').Append(r.ExitCode).Append('\n');
            foreach (string line in r.Stdout.Split('\n').Where(l => l.StartsWith("design", StringComparison.Ordinal) || l.StartsWith("factor", StringComparison.Ordinal) || l.StartsWith("arm", StringComparison.Ordinal)))
            {
                sb.Append(line.TrimEnd('\r')).Append('\n');
            }

            sb.Append(CliRunner.Run("validate", tmp[name + ".yaml"]).Stdout.Replace(tmp.Path, "TMP", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
        }

        sb.Append("## sensitivity: exit code, stdout without the folder, sha-256 of runs.csv and sensitivity.csv\n");
        foreach (var (name, text) in s_sensitivity)
        {
            File.WriteAllText(tmp[name + "-s.yaml"], text);
            string dir = tmp[name + "-out"];
            var sweep = CliRunner.Run("sweep", tmp[name + "-s.yaml"], "--out", dir);
            var r = CliRunner.Run("sensitivity", dir, "--bootstrap", "50");
            sb.Append("### ").Append(name).Append(' ').Append(sweep.ExitCode).Append(' ').Append(r.ExitCode).Append('\n');
            sb.Append((r.Stdout + r.Stderr).Replace(tmp.Path, "TMP", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal));
            sb.Append("runs.csv ").Append(Sha(File.ReadAllText(Path.Combine(dir, "runs.csv")))).Append('\n');
            string sens = Path.Combine(dir, "sensitivity.csv");
            sb.Append("sensitivity.csv ").Append(File.Exists(sens) ? Sha(File.ReadAllText(sens)) : "(none)").Append('\n');
        }

        return sb.ToString();
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
