using System.Text;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>
/// A fuzz harness over result folders: random damage to a sweep folder or its shards (truncate, delete,
/// duplicate, reorder, flip bytes, append, corrupt sweep.json), then resume, merge, compare, plot and report
/// on it. Nothing may escape as an exception (a stack trace), every exit code is 0, 1 or 2, and a resume or
/// merge that succeeds gives runs.csv and ticks.csv byte-identical to the undamaged sweep: no run is lost.
/// A changed byte inside a metric cell keeps the row well-formed and is not detectable without checksums
/// (docs/reliability.md says so): for that damage only "no crash, a proper exit code" is asserted.
/// CRISISSIM_FUZZ_SCALE multiplies the iterations (default 1: about 1,500 damaged folders and 2,700 commands on them).
/// </summary>
public class ResultFolderFuzzTests
{
    private static readonly int s_scale = int.TryParse(Environment.GetEnvironmentVariable("CRISISSIM_FUZZ_SCALE"), out int k) && k > 0 ? k : 1;

    private static readonly Lazy<string> s_base = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "crisissim-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "e.yaml"), OutputSafetyTests.Tiny.Replace("time.horizon_h: 3", "time.horizon_h: 1", StringComparison.Ordinal));
        Assert.That(CliRunner.Run("sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "ref"), "--ticks-every", "2").ExitCode, Is.Zero);
        for (int i = 0; i < 2; i++)
        {
            Assert.That(CliRunner.Run("sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "shards", $"s{i}"), "--ticks-every", "2", "--shard", $"{i}/2").ExitCode, Is.Zero);
        }

        return dir;
    });

    private static string Experiment => Path.Combine(s_base.Value, "e.yaml");

    private static readonly int[] s_allowedExits = [0, 1, 2];

    private static readonly byte[] s_noise = "0,\"\r\n9x-{}"u8.ToArray();

    [Test]
    public void DamagedSweepFoldersAreResumedToTheSameBytesOrRefusedWithAMessage()
    {
        int identical = 0;
        for (int i = 0; i < 250 * s_scale; i++)
        {
            var rng = new Random(1000 + i);
            using var tmp = new TempDir();
            string o = tmp["o"];
            ResumeAndMergeVerificationTests.CopyFolder(Path.Combine(s_base.Value, "ref"), o);
            if (rng.Next(2) == 0)
            {
                File.Move(Path.Combine(o, "runs.csv"), Path.Combine(o, "runs.csv.partial"));
                File.Move(Path.Combine(o, "ticks.csv"), Path.Combine(o, "ticks.csv.partial"));
                ResumeAndMergeVerificationTests.SetManifest(o, m => m["complete"] = false);
            }

            string what = Damage(o, rng);
            // Every tenth resume also draws the figures and report; the rest skip them (--no-report), which cost most of the time.
            string[] args = ["sweep", Experiment, "--out", o, "--ticks-every", "2", "--resume", .. i % 10 == 0 ? Array.Empty<string>() : ["--no-report"]];
            var r = Run(what, args);
            if (r.ExitCode == 0 && !what.Contains("changed byte", StringComparison.Ordinal))
            {
                AssertSame(o, Path.Combine(s_base.Value, "ref"), what);
                identical++;
            }
        }

        Assert.That(identical, Is.GreaterThan(100 * s_scale), "most damage to tables is repaired by a resume, not refused");
    }

    [Test]
    public void DamagedShardsAreMergedToTheSameBytesOrRefusedNamingTheShard()
    {
        int refused = 0;
        for (int i = 0; i < 600 * s_scale; i++)
        {
            var rng = new Random(5000 + i);
            using var tmp = new TempDir();
            ResumeAndMergeVerificationTests.CopyFolder(Path.Combine(s_base.Value, "shards"), tmp["shards"]);
            string what = Damage(Path.Combine(tmp["shards"], rng.Next(2) == 0 ? "s0" : "s1"), rng);
            var r = Run(what, "merge", tmp["shards"], "--out", tmp["m"]);
            if (r.ExitCode == 0)
            {
                if (!what.Contains("changed byte", StringComparison.Ordinal))
                {
                    AssertSame(tmp["m"], Path.Combine(s_base.Value, "ref"), what);
                }
            }
            else
            {
                refused++;
                Assert.That(Directory.Exists(tmp["m"]), Is.False, what + ": a refused merge writes nothing");
            }
        }

        Assert.That(refused, Is.GreaterThan(300 * s_scale), "damaged shards are refused, not merged");
    }

    [Test]
    public void CompareSensitivityAndMergeOnDamagedFoldersNeverCrash()
    {
        for (int i = 0; i < 600 * s_scale; i++)
        {
            var rng = new Random(9000 + i);
            using var tmp = new TempDir();
            string o = tmp["o"];
            ResumeAndMergeVerificationTests.CopyFolder(Path.Combine(s_base.Value, "ref"), o);
            string what = Damage(o, rng);
            Run(what, "compare", o, "--out", tmp["c"]);
            Run(what, "sensitivity", o);
            Run(what, "merge", o, "--out", tmp["m"]);
        }
    }

    [Test]
    public void PlotAndReportOnDamagedFoldersNeverCrash()
    {
        for (int i = 0; i < 30 * s_scale; i++)
        {
            var rng = new Random(13000 + i);
            using var tmp = new TempDir();
            string o = tmp["o"];
            ResumeAndMergeVerificationTests.CopyFolder(Path.Combine(s_base.Value, "ref"), o);
            string what = Damage(o, rng);
            Run(what, "plot", o, "--out", tmp["f"]);
            Run(what, "report", o, "--out", tmp["r.html"]);
        }
    }

    private static CliResult Run(string what, params string[] args)
    {
        CliResult r;
        try
        {
            r = CliRunner.Run(args);
        }
        catch (Exception ex)
        {
            Assert.Fail($"{args[0]} after {what}: an exception escaped (a stack trace for the user): {ex}");
            throw;
        }

        Assert.That(s_allowedExits, Does.Contain(r.ExitCode), $"{args[0]} after {what}: {r.Stderr}");
        Assert.That(r.Stderr, Does.Not.Contain("   at "), $"{args[0]} after {what}");
        return r;
    }

    private static void AssertSame(string dir, string reference, string what)
    {
        foreach (string f in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(dir, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, f))), $"{f} after {what}");
        }
    }

    /// <summary>One to three random kinds of damage to the files of <paramref name="dir"/>; returns what was done, for messages.</summary>
    private static string Damage(string dir, Random rng)
    {
        var done = new List<string>();
        for (int n = rng.Next(1, 4); n > 0; n--)
        {
            var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("figures", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                break;
            }

            string file = files[rng.Next(files.Length)];
            string name = Path.GetRelativePath(dir, file);
            byte[] bytes = File.ReadAllBytes(file);
            switch (rng.Next(8))
            {
                case 0:
                    int cut = bytes.Length == 0 ? 0 : rng.Next(bytes.Length);
                    File.WriteAllBytes(file, bytes[..cut]);
                    done.Add($"truncated {name} at {cut}");
                    break;
                case 1:
                    File.Delete(file);
                    done.Add($"deleted {name}");
                    break;
                case 2:
                    done.Add($"duplicated a line of {name}");
                    EditLines(file, lines => lines.Insert(rng.Next(lines.Count), lines[rng.Next(lines.Count)]));
                    break;
                case 3:
                    done.Add($"swapped two lines of {name}");
                    EditLines(file, lines =>
                    {
                        int a = rng.Next(lines.Count), b = rng.Next(lines.Count);
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                    });
                    break;
                case 4:
                    if (bytes.Length > 0)
                    {
                        int at = rng.Next(bytes.Length);
                        bytes[at] = s_noise[rng.Next(s_noise.Length)];
                        File.WriteAllBytes(file, bytes);
                        done.Add($"changed byte {at} of {name}");
                    }

                    break;
                case 5:
                    File.AppendAllText(file, rng.Next(2) == 0 ? "garbage,1,2" : "\r\n99,1,1,1\r\n");
                    done.Add($"appended to {name}");
                    break;
                case 6:
                    done.Add($"dropped a line of {name}");
                    EditLines(file, lines => lines.RemoveAt(rng.Next(lines.Count)));
                    break;
                default:
                    string json = Path.Combine(dir, "sweep.json");
                    if (File.Exists(json))
                    {
                        string[] corruptions = ["{}", "[]", "null", "{\"design_hash\": 1}", File.ReadAllText(json).Replace("\"runs\": ", "\"runs\": -", StringComparison.Ordinal),
                            File.ReadAllText(json).Replace("\"shard_count\": 1", "\"shard_count\": 0", StringComparison.Ordinal), File.ReadAllText(json).Replace("\"factors\": [", "\"factors\": [1, ", StringComparison.Ordinal)];
                        int c = rng.Next(corruptions.Length);
                        File.WriteAllText(json, corruptions[c]);
                        done.Add($"corrupted sweep.json ({c})");
                    }

                    break;
            }
        }

        return string.Join("; ", done);
    }

    private static void EditLines(string file, Action<List<string>> edit)
    {
        var lines = File.ReadAllText(file).Split("\r\n").ToList();
        if (lines.Count > 1)
        {
            edit(lines);
        }

        File.WriteAllText(file, string.Join("\r\n", lines), new UTF8Encoding(false));
    }
}
