using System.Globalization;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Cli.Output;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>The 2x2 decomposition (compare.interaction): the two effects, the second with the first held, and the interaction.</summary>
public class InteractionTests
{
    private static readonly InteractionSpec s_spec = new("single", "single-platform", "co", "co-platform");

    [Test]
    public void TheDecompositionRecoversKnownEffectsPairedByReplicate()
    {
        // deaths = replicate's own level + 2 if platform + 3 if co-governance + 0.5 if both, plus a replicate-specific
        // wobble on the interaction term only, so the paired differences of the main effects are exact.
        var header = new[] { "run_id", "arm", "replicate", "status", "deaths_civilian" };
        var rows = new List<string[]>();
        int id = 0;
        for (int r = 0; r < 6; r++)
        {
            double level = 50 + (7 * r);
            double wobble = r % 2 == 0 ? 0.1 : -0.1;
            foreach (var (arm, platform, co) in new[] { ("single", 0, 0), ("single-platform", 1, 0), ("co", 0, 1), ("co-platform", 1, 1) })
            {
                double deaths = level + (2 * platform) + (3 * co) + (platform * co * (0.5 + wobble));
                rows.Add([Inv(id++), arm, Inv(r), "ok", deaths.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        rows.Add([Inv(id++), "co", "6", "ok", "1000"]); // a replicate without all four arms is not paired
        var result = Interaction.Compute(new ResultTable(header, rows), "arm", s_spec, ["deaths_civilian"]);
        var byEffect = result.ToDictionary(r => r.Effect);
        Assert.Multiple(() =>
        {
            Assert.That(result.Select(r => r.Effect), Is.EqualTo(Interaction.Effects));
            Assert.That(byEffect["first"].Paired.MeanDifference, Is.EqualTo(2).Within(1e-12));
            Assert.That(byEffect["second"].Paired.MeanDifference, Is.EqualTo(3).Within(1e-12));
            Assert.That(byEffect["second_with_first"].Paired.MeanDifference, Is.EqualTo(3.5).Within(1e-12));
            Assert.That(byEffect["interaction"].Paired.MeanDifference, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(byEffect["interaction"].Paired.Pairs, Is.EqualTo(6));
            Assert.That(byEffect["interaction"].Paired.CiLow, Is.GreaterThan(0.3), "the wobble is small: the interaction is clearly positive");
            Assert.That(byEffect["interaction"].Contrast, Is.EqualTo("(co-platform − co) − (single-platform − single)"));
        });
    }

    [Test]
    public void AReplicateWithAnEmptyCellIsLeftOutNotSpreadOverTheEffects()
    {
        var header = new[] { "run_id", "arm", "replicate", "status", "deaths_civilian" };
        var rows = new List<string[]>();
        for (int r = 0; r < 5; r++)
        {
            foreach (var (arm, v) in new[] { ("single", 10), ("single-platform", 8), ("co", 9), ("co-platform", 6) })
            {
                rows.Add([Inv(rows.Count), arm, Inv(r), "ok", r == 2 && arm == "co" ? "" : Inv(v + r)]);
            }
        }

        var first = Interaction.Compute(new ResultTable(header, rows), "arm", s_spec, ["deaths_civilian"]).First(x => x.Effect == "first");
        Assert.That(first.Paired.Pairs, Is.EqualTo(4));
        Assert.That(first.Paired.MeanDifference, Is.EqualTo(-2).Within(1e-12));
    }

    [Test]
    public void AStratumWithoutAllFourArmsIsAnError()
    {
        var header = new[] { "run_id", "arm", "replicate", "status", "deaths_civilian" };
        List<string[]> rows = [["0", "single", "0", "ok", "1"], ["1", "single-platform", "0", "ok", "1"], ["2", "co", "0", "ok", "1"], ["3", "co-platform", "1", "ok", "1"]];
        var ex = Assert.Throws<AnalysisException>(() => Interaction.Compute(new ResultTable(header, rows), "arm", s_spec, ["deaths_civilian"]))!;
        Assert.That(ex.Message, Does.Contain("no replicate has successful runs of all four arms"));
    }

    [Test]
    public void AnExperimentNamesTheFourArmsOfItsTwoByTwo()
    {
        var spec = ExperimentLoader.Parse(Experiment("{neither: a, first: b, second: c, both: d}"), "e.yaml");
        Assert.That(spec.Compare!.Interaction, Is.EqualTo(new InteractionSpec("a", "b", "c", "d")));
    }

    [TestCase("{neither: a, first: b, second: c, both: dd}", "compare.interaction.both", "'dd' is not an arm; did you mean 'd'?")]
    [TestCase("{neither: a, first: b, second: c, both: a}", "compare.interaction", "the four arms of a 2x2 must differ")]
    [TestCase("{neither: a, first: b, second: c, all: d}", "compare.interaction", "unknown key 'all'")]
    [TestCase("[a, b, c, d]", "compare.interaction", "expected a mapping with the keys neither, first, second, both")]
    public void AWrongTwoByTwoIsAClearError(string interaction, string path, string fragment)
    {
        var ex = Assert.Throws<ScenarioException>(() => ExperimentLoader.Parse(Experiment(interaction), "e.yaml"))!;
        Assert.That(ex.Errors.Select(e => $"{e.KeyPath}: {e.Message}"), Has.Some.StartsWith(path).And.Some.Contains(fragment));
    }

    [Test]
    public void CompareDecomposesATwoByTwoOfAFinishedSweep()
    {
        using var tmp = new TempDir();
        var header = ResultFiles.RunsHeader(["arm"]);
        int deaths = header.ToList().IndexOf("deaths_civilian");
        int status = header.ToList().IndexOf("status");
        var csv = new System.Text.StringBuilder(string.Join(",", header)).Append('\n');
        int id = 0;
        for (int rep = 0; rep < 8; rep++)
        {
            foreach (var (arm, value) in new[] { ("single", 50.0), ("single-platform", 48.0), ("co", 49.0), ("co-platform", 46.0 + (rep % 2 * 0.2)) })
            {
                var cells = Enumerable.Repeat("0", header.Count).ToArray();
                cells[0] = Inv(id++);
                cells[2] = Inv(rep);
                cells[5] = arm;
                cells[deaths] = (value + rep).ToString(CultureInfo.InvariantCulture);
                cells[status] = "ok";
                cells[^1] = "";
                csv.Append(string.Join(",", cells)).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(tmp.Path, "runs.csv"), csv.ToString());
        var ok = CliRunner.Run("compare", tmp.Path, "--metric", "deaths_civilian", "--interaction", "single,single-platform,co,co-platform", "--out", Path.Combine(tmp.Path, "c"));
        Assert.That(ok.ExitCode, Is.Zero, ok.Stderr);
        var rows = RunsTableFile.Read(Path.Combine(tmp.Path, "c", "interaction.csv"));
        double Diff(string effect) => double.Parse(rows.Rows.Single(r => r[rows.Column("effect")] == effect)[rows.Column("diff_mean")], CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(Diff("first"), Is.EqualTo(-2).Within(1e-9));
            Assert.That(Diff("second_with_first"), Is.EqualTo(-1.9).Within(1e-9), "co-platform − single-platform: −2 + 0.1 on average");
            Assert.That(Diff("interaction"), Is.EqualTo(-0.9).Within(1e-9), "(−3 + 0.1) − (−2)");
            Assert.That(ok.Stdout, Does.Contain("(co-platform − co) − (single-platform − single)"));
        });

        var misspelt = CliRunner.Run("compare", tmp.Path, "--interaction", "single,single-platfrom,co,co-platform", "--out", Path.Combine(tmp.Path, "d"));
        Assert.Multiple(() =>
        {
            Assert.That(misspelt.ExitCode, Is.EqualTo(2));
            Assert.That(misspelt.Stderr, Does.Contain("'single-platfrom' is not an arm of this sweep; did you mean 'single-platform'?"));
            Assert.That(Directory.Exists(Path.Combine(tmp.Path, "d")), Is.False, "nothing written");
        });
    }

    private static string Inv(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Experiment(string interaction) =>
        "name: x\nscenario: built-in\nreplicates: 2\ndesign:\n  kind: factorial\n  arms:\n"
        + "    a: {governance.mode: single-government}\n    b: {governance.mode: single-government, communication.platform.members: government}\n"
        + "    c: {governance.mode: co-governance, governance.communication: hierarchical}\n    d: {governance.mode: co-governance, governance.communication: platform}\n"
        + "compare:\n  interaction: " + interaction + "\n";
}
