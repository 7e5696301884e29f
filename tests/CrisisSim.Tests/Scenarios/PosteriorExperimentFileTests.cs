using System.Security.Cryptography;
using System.Text.Json;
using CrisisSim.Core.Experiments;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// The experiments over the fit's posterior are their point experiments and nothing else: the same scenario, seed,
/// fixed values, arms, factors and comparison, differing only in name, description, replicates and over; and the
/// committed posterior is the output of the committed fit file (its draws.csv, 7.5 MB, is not committed: the fit
/// regenerates it in about 27 minutes on 2 cores).
/// </summary>
public class PosteriorExperimentFileTests
{
    private static ExperimentSpec Read(string file) =>
        ExperimentLoader.Parse(File.ReadAllText(Repo.PathOf("scenarios", "experiments", file)), file);

    private static string Arms(ExperimentSpec s) =>
        string.Join("\n", s.Design.Arms.Select(a => a.Name + ": " + string.Join(", ", a.Assignments.Select(x => x.Key + "=" + x.Value))));

    private static string Factors(ExperimentSpec s) =>
        string.Join("\n", s.Design.Factors.Select(f => f.Path + ": " + string.Join(", ", f.Levels ?? [])));

    [TestCase("governance-over-posterior.yaml", "governance-comparison.yaml")]
    [TestCase("regimes-over-posterior.yaml", "when-co-governance-fails.yaml")]
    [TestCase("obstacles-over-posterior.yaml", "thesis-obstacles-demand.yaml")]
    public void AnExperimentOverThePosteriorIsItsPointExperimentOverTheFit(string overFile, string pointFile)
    {
        var over = Read(overFile);
        var point = Read(pointFile);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(over.Posterior?.From, Is.EqualTo("../posterior/tianjin-abc"));
            Assert.That(over.Posterior?.Take, Is.Null, "every accepted set");
            Assert.That(point.Posterior, Is.Null);
            Assert.That((over.Scenario, over.MasterSeed), Is.EqualTo((point.Scenario, point.MasterSeed)));
            Assert.That(over.Fixed, Is.EqualTo(point.Fixed));
            Assert.That(over.Design.Kind, Is.EqualTo(point.Design.Kind));
            Assert.That(Arms(over), Is.EqualTo(Arms(point)));
            Assert.That(Factors(over), Is.EqualTo(Factors(point)));
            Assert.That(over.Compare?.By, Is.EqualTo(point.Compare?.By));
            Assert.That(over.Compare?.Within, Is.EqualTo(point.Compare?.Within));
            Assert.That(over.Compare?.Baseline, Is.EqualTo(point.Compare?.Baseline));
            Assert.That(over.Compare?.Metrics, Is.EqualTo(point.Compare?.Metrics));
            Assert.That(over.Compare?.Interaction, Is.EqualTo(point.Compare?.Interaction));
        }
    }

    [Test]
    public void TheCommittedPosteriorIsTheOutputOfTheCommittedFitFile()
    {
        string dir = Repo.PathOf("scenarios", "posterior", "tianjin-abc");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "calibration.json")));
        var root = json.RootElement;
        string fit = Repo.PathOf("scenarios", "experiments", "calibration-tianjin-abc.yaml");
        var posterior = File.ReadAllLines(Path.Combine(dir, "posterior.csv"));
        var spec = CrisisSim.Core.Calibration.CalibrationLoader.Parse(File.ReadAllText(fit), fit);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("calibration_sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fit)))),
                "the fit file changed since its posterior was committed: rerun the fit (validation.md §3) and commit its output");
            Assert.That(posterior[0], Is.EqualTo(string.Join(",", ["draw", .. spec.Priors.Select(p => p.Path), .. spec.Targets.Select(t => t.Id), "accepted"])));
            Assert.That(posterior.Skip(1).All(l => l.EndsWith(",1", StringComparison.Ordinal)), "only accepted sets");
            Assert.That(root.GetProperty("accepted").GetInt32(), Is.EqualTo(posterior.Length - 1));
            Assert.That(root.GetProperty("draws").GetInt32(), Is.EqualTo(spec.Draws));
        }
    }
}
