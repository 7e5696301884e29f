using CrisisSim.Core.Analysis;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Experiments;

/// <summary>
/// An experiment over a calibration's posterior (<c>over: {posterior: FOLDER}</c>): every point at every accepted
/// set, seeds shared across arms within a set and independent across sets, the sets part of the design hash, and
/// every mistake refused at its line.
/// </summary>
public class PosteriorTests
{
    private const string Killed = "zones.blast_core.blast.killed";
    private const string Fire = "hazard.fire.suppression_per_unit_h";

    private const string Experiment = """
        name: over-posterior
        scenario: built-in
        master_seed: 7
        replicates: 2
        fixed: {time.horizon_h: 6, population.scale: 0.2}
        design:
          kind: factorial
          arms:
            single: {governance.mode: single-government}
            co: {governance.mode: co-governance}
        over:
          posterior: post
        """;

    private static PosteriorSample Sample(params (int Draw, double Killed, double Fire)[] sets) =>
        new([Killed, Fire], [.. sets.Select(s => new PosteriorSet(s.Draw, [s.Killed, s.Fire]))], "posterior.csv");

    private static ExperimentSpec WithSample(string text, PosteriorSample sample)
    {
        var spec = ExperimentLoader.Parse(text, "e.yaml");
        return spec with { Posterior = spec.Posterior! with { Sample = sample } };
    }

    private static LoadedExperiment Build(ExperimentSpec spec, string text = Experiment) =>
        ExperimentPlan.Build(spec, text, "e.yaml", Repo.BuiltInText, "tianjin-8-12.yaml", allowLarge: false);

    [Test]
    public void EveryPointRunsAtEverySetWithTheSetsValues()
    {
        var exp = Build(WithSample(Experiment, Sample((3, 0.1, 0.004), (8, 0.02, 0.01), (11, 0.15, 0.002))));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exp.FactorColumns, Is.EqualTo(new[] { "arm", PosteriorSpec.Column }));
            Assert.That(exp.PointCount, Is.EqualTo(6));
            Assert.That(exp.RunCount, Is.EqualTo(12));
            Assert.That(exp.Points.Select(p => exp.FactorValues(p)[1]), Is.EqualTo(new[] { "3", "8", "11", "3", "8", "11" }));
            Assert.That(exp.Points[4].Overrides, Is.EqualTo(new[] { "governance.mode=co-governance", Killed + "=0.02", Fire + "=0.01" }));
            Assert.That(exp.Points.Select(p => p.PointId), Is.EqualTo(Enumerable.Range(0, 6)));
        }
    }

    [Test]
    public void ArmsShareSeedsWithinASetAndSetsHaveTheirOwn()
    {
        var exp = Build(WithSample(Experiment, Sample((3, 0.1, 0.004), (8, 0.02, 0.01))));
        var seeds = exp.Runs.GroupBy(r => (exp.FactorValues(r.Point)[1], r.Replicate)).ToDictionary(g => g.Key, g => g.Select(r => r.Seed).Distinct().ToList());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(seeds.Values.All(s => s.Count == 1), "both arms of a set and replicate run at one seed");
            Assert.That(seeds.Values.Select(s => s[0]).Distinct().Count(), Is.EqualTo(4), "two sets × two replicates: four seeds");
        }
    }

    [Test]
    public void TheSetsArePartOfTheDesignHash()
    {
        string a = Build(WithSample(Experiment, Sample((3, 0.1, 0.004)))).DesignHash;
        string b = Build(WithSample(Experiment, Sample((3, 0.1, 0.0041)))).DesignHash;
        string c = Build(WithSample(Experiment, Sample((4, 0.1, 0.004)))).DesignHash;
        Assert.That(new[] { a, b, c }.Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void SetsCountTowardsTheSizeLimit()
    {
        string text = Experiment.Replace("replicates: 2", "replicates: 400000", StringComparison.Ordinal);
        var spec = WithSample(text, Sample((1, 0.1, 0.004), (2, 0.1, 0.004)));
        Assert.DoesNotThrow(() => ExperimentLoader.CheckSize(spec with { Posterior = null }, allowLarge: false));
        var ex = Assert.Throws<ScenarioException>(() => ExperimentLoader.CheckSize(spec, allowLarge: false))!;
        Assert.That(ex.Message, Does.Contain("4 points × 400000 replicates"));
    }

    [Test]
    public void AnArmThatSetsACalibratedParameterIsRefusedAtItsLine()
    {
        string text = Experiment.Replace("co: {governance.mode: co-governance}", "co: {governance.mode: co-governance, zones.blast_core.blast.killed: 0.08}", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioException>(() => Build(WithSample(text, Sample((3, 0.1, 0.004))), text))!;
        Assert.That(ex.Errors, Has.Count.EqualTo(1), string.Join("\n", ex.Errors));
        Assert.That(ex.Errors[0].Position.Line, Is.EqualTo(10));
        Assert.That(ex.Errors[0].Message, Does.Contain("calibrated parameter " + Killed));
    }

    [Test]
    public void ASetTheScenarioRefusesIsReportedAtTheOverLine()
    {
        var ex = Assert.Throws<ScenarioException>(() => Build(WithSample(Experiment, Sample((3, 0.1, 0.004), (9, 1.7, 0.004)))))!;
        Assert.That(ex.Errors[0].Position.Line, Is.EqualTo(12));
        Assert.That(ex.Errors[0].KeyPath, Does.Contain("draw 9"));
    }

    [TestCase("over: posterior", "expected a mapping")]
    [TestCase("over: {sets: 3}", "required key 'posterior'")]
    [TestCase("over: {posterior: p, sets: 0}", "sets")]
    [TestCase("over: {posterior: p, draws: 3}", "'draws'")]
    public void AMalformedOverSectionIsRefused(string over, string expected)
    {
        string text = Experiment[..Experiment.IndexOf("over:", StringComparison.Ordinal)] + over + "\n";
        var ex = Assert.Throws<ScenarioException>(() => ExperimentLoader.Parse(text, "e.yaml"))!;
        Assert.That(ex.Message, Does.Contain(expected));
    }

    [Test]
    public void ASampledDesignCannotRunOverAPosterior()
    {
        const string text = """
            name: sobol-over
            replicates: 1
            design:
              kind: sobol
              samples: 8
              factors:
                governance.trust: {min: 0, max: 1}
            over: {posterior: p}
            """;
        var ex = Assert.Throws<ScenarioException>(() => ExperimentLoader.Parse(text, "e.yaml"))!;
        Assert.That(ex.Message, Does.Contain("run a factorial design over a posterior"));
    }

    [Test]
    public void ThePosteriorsDrawsMayBeStrataButNeverGroups()
    {
        Assert.DoesNotThrow(() => ExperimentLoader.Parse(Experiment + "\ncompare: {by: arm, within: posterior_draw}\n", "e.yaml"));
        Assert.Throws<ScenarioException>(() => ExperimentLoader.Parse(Experiment + "\ncompare: {by: posterior_draw}\n", "e.yaml"));
    }

    [Test]
    public void APosteriorTableIsReadByColumnNameAndCheckedCellByCell()
    {
        var table = new ResultTable(["draw", Fire, "deaths_civilian", Killed, "accepted"], [["2", "0.004", "50", "0.1", "1"], ["7", "0.01", "60", "0.05", "1"], ["9", "0.02", "61", "0.06", "1"]]);
        var sample = PosteriorSample.FromTable(table, [Killed, Fire], "p.csv", take: 2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sample.Sets.Select(s => s.Draw), Is.EqualTo(new[] { 2, 7 }));
            Assert.That(sample.Sets[1].Values, Is.EqualTo(new[] { 0.05, 0.01 }));
            Assert.That(sample.Overrides(0), Is.EqualTo(new[] { Killed + "=0.1", Fire + "=0.004" }));
        }

        Assert.That(() => PosteriorSample.FromTable(table, [Killed, "governance.trust"], "p.csv", null), Throws.TypeOf<AnalysisException>().With.Message.Contain("no column governance.trust"));
        Assert.That(() => PosteriorSample.FromTable(table, [Killed], "p.csv", take: 4), Throws.TypeOf<AnalysisException>().With.Message.Contain("only 3"));
        var bad = new ResultTable(["draw", Killed], [["2", "0.1"], ["3", "nan"]]);
        Assert.That(() => PosteriorSample.FromTable(bad, [Killed], "p.csv", null), Throws.TypeOf<AnalysisException>().With.Message.Contain("row 3, column " + Killed));
        var twice = new ResultTable(["draw", Killed], [["2", "0.1"], ["2", "0.2"]]);
        Assert.That(() => PosteriorSample.FromTable(twice, [Killed], "p.csv", null), Throws.TypeOf<AnalysisException>().With.Message.Contain("row 3: draw '2'"));
        var empty = new ResultTable(["draw", Killed], []);
        Assert.That(() => PosteriorSample.FromTable(empty, [Killed], "p.csv", null), Throws.TypeOf<AnalysisException>().With.Message.Contain("no accepted parameter set"));
    }

    private static void WriteCalibration(TempDir tmp, string posteriorCsv)
    {
        Directory.CreateDirectory(tmp["post"]);
        File.WriteAllText(tmp["post/calibration.json"], $$"""{"priors": [{"path": "{{Killed}}", "kind": "uniform", "lo": 0.01, "hi": 0.2}, {"path": "{{Fire}}", "kind": "log_uniform", "lo": 0.001, "hi": 0.016}]}""");
        File.WriteAllText(tmp["post/posterior.csv"], posteriorCsv);
        File.WriteAllText(tmp["e.yaml"], Experiment);
    }

    [Test]
    public void ASweepOverAPosteriorPoolsItsSetsAndAResumeRefusesChangedSets()
    {
        using var tmp = new TempDir();
        WriteCalibration(tmp, $"draw,{Killed},{Fire},deaths_civilian,accepted\n4,0.15,0.004,50,1\n9,0.02,0.008,40,1\n");
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["out"], "--threads", "2");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        var runs = File.ReadAllLines(tmp["out/runs.csv"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs[0], Does.StartWith("run_id,point_id,replicate,seed,seed_hex,arm,posterior_draw,deaths_civilian"));
            Assert.That(runs, Has.Length.EqualTo(1 + 8));
            Assert.That(runs.Skip(1).Select(l => l.Split(',')[6]).Distinct(), Is.EquivalentTo(new[] { "4", "9" }));
            Assert.That(r.Stdout, Does.Contain("n = 4"), "two sets × two replicates are pooled in each arm");
            Assert.That(r.Stdout, Does.Contain("pooled over 2 parameter sets of a posterior"));
        }

        var dry = CliRunner.Run("sweep", tmp["e.yaml"], "--dry-run");
        Assert.That(dry.Stdout, Does.Contain("over         2 accepted sets of post (posterior_draw; parameters " + Killed + ", " + Fire + ")"));

        File.WriteAllText(tmp["post/posterior.csv"], $"draw,{Killed},{Fire},deaths_civilian,accepted\n4,0.15,0.004,50,1\n9,0.03,0.008,40,1\n");
        var resumed = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["out"], "--resume");
        Assert.That(resumed.ExitCode, Is.EqualTo(2), resumed.Stdout);
        Assert.That(resumed.Stderr, Does.Contain("design"));
    }

    [Test]
    public void ShardsOfASweepOverAPosteriorMergeToTheBytesOfOneSweepAndAMergeRefusesChangedSets()
    {
        using var tmp = new TempDir();
        WriteCalibration(tmp, $"draw,{Killed},{Fire},deaths_civilian,accepted\n4,0.15,0.004,50,1\n9,0.02,0.008,40,1\n12,0.05,0.005,45,1\n");
        Assert.That(CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["single"]).ExitCode, Is.Zero);
        for (int i = 0; i < 2; i++)
        {
            var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp[$"shards/s{i}"], "--shard", $"{i}/2");
            Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        }

        var merge = CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged"]);
        Assert.That(merge.ExitCode, Is.Zero, merge.Stderr);
        Assert.That(File.ReadAllBytes(tmp["merged/runs.csv"]), Is.EqualTo(File.ReadAllBytes(tmp["single/runs.csv"])));

        File.WriteAllText(tmp["post/posterior.csv"], $"draw,{Killed},{Fire},deaths_civilian,accepted\n4,0.15,0.004,50,1\n9,0.02,0.008,40,1\n12,0.05,0.006,45,1\n");
        var changed = CliRunner.Run("merge", tmp["shards"], "--out", tmp["merged2"]);
        Assert.That(changed.ExitCode, Is.EqualTo(2), changed.Stdout);
        Assert.That(Directory.Exists(tmp["merged2"]), Is.False);
    }

    [Test]
    public void AMissingPosteriorIsReportedAtTheOverLineAndNothingIsWritten()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], Experiment);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["out"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Stderr, Does.Contain("e.yaml:12").And.Contain("over.posterior").And.Contain("calibration.json: no such file"));
            Assert.That(r.Stderr, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(tmp["out"]), Is.False);
        }
    }
}
