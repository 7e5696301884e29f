using System.Security.Cryptography;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Reference;

/// <summary>
/// The model's behaviour is pinned: runs.csv, ticks.csv and events.csv of the README's main job, of the thesis
/// experiment and of one traced run hash to the bytes recorded in <c>reference-outputs.sha256</c> (first recorded at
/// commit 1476f22, before the architecture work of issue 13). A refactoring must keep them; a change to the model is
/// meant to change them, and then <c>scripts/reference-outputs.sh --record</c> records the new bytes in the same
/// commit, whose message says why the behaviour changed.
/// </summary>
public class ReferenceOutputTests
{
    /// <summary>The jobs, as in scripts/reference-outputs.sh: output folder and command line.</summary>
    private static readonly (string Folder, string[] Args)[] s_jobs =
    [
        ("main", ["sweep", "scenarios/experiments/governance-comparison.yaml", "--ticks-every", "1"]),
        ("thesis", ["sweep", "scenarios/experiments/thesis-obstacles-demand.yaml", "--ticks-every", "6"]),
        ("trace", ["run", "--trace", "--seed", "3", "--set", "governance.mode=co-governance", "--set", "governance.communication=platform"]),
    ];

    [Test]
    public void MainJobThesisExperimentAndTracedRunKeepTheirRecordedBytes()
    {
        var recorded = File.ReadAllLines(Repo.PathOf("tests", "CrisisSim.Tests", "Reference", "reference-outputs.sha256"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1], p => p[0]);
        Assert.That(recorded, Has.Count.EqualTo(7), "seven files are pinned");

        using var tmp = new TempDir();
        foreach (var (folder, args) in s_jobs)
        {
            string[] full = [.. args.Select(a => a.StartsWith("scenarios/", StringComparison.Ordinal) ? Repo.PathOf(a) : a), "--out", tmp[folder]];
            var result = CliRunner.Run(full);
            Assert.That(result.ExitCode, Is.EqualTo(0), $"{folder}: {result.Stderr}");
        }

        Assert.Multiple(() =>
        {
            foreach (var (file, hash) in recorded)
            {
                string path = Path.Combine(tmp.Path, file);
                Assert.That(File.Exists(path), Is.True, file + " is written");
                if (File.Exists(path))
                {
                    Assert.That(Sha256(path), Is.EqualTo(hash), file + " keeps its recorded bytes");
                }
            }

            // The README's main job decomposes its 2x2 (compare.interaction): four effects per headline metric.
            string interaction = Path.Combine(tmp["main"], "interaction.csv");
            Assert.That(File.Exists(interaction) ? File.ReadAllLines(interaction).Length - 1 : 0, Is.EqualTo(4 * Core.Analysis.Comparison.HeadlineMetrics.Count),
                "the main job writes interaction.csv");
        });
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
