using System.Text;
using System.Text.Json.Nodes;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Robustness;

/// <summary>A resume and a merge verify every table row by row before they trust it; a sweep is complete only with every promised output.</summary>
public class ResumeAndMergeVerificationTests
{
    private static readonly Lazy<string> s_reference = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "crisissim-verify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "e.yaml"), OutputSafetyTests.Tiny.Replace("replicates: 2", "replicates: 5", StringComparison.Ordinal));
        var r = CliRunner.Run("sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "ref"), "--ticks-every", "4", "--format", "parquet");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        for (int i = 0; i < 2; i++)
        {
            var s = CliRunner.Run("sweep", Path.Combine(dir, "e.yaml"), "--out", Path.Combine(dir, "shards", $"s{i}"), "--ticks-every", "4", "--shard", $"{i}/2");
            Assert.That(s.ExitCode, Is.Zero, s.Stderr);
        }

        return dir;
    });

    private static string Experiment => Path.Combine(s_reference.Value, "e.yaml");

    private static string Reference(string file) => Path.Combine(s_reference.Value, "ref", file);

    /// <summary>A copy of the finished reference sweep, with its tables back under their partial names and sweep.json not complete.</summary>
    private static string Unfinished(TempDir tmp)
    {
        string o = tmp["o"];
        CopyFolder(Path.Combine(s_reference.Value, "ref"), o);
        File.Move(Path.Combine(o, "runs.csv"), Path.Combine(o, "runs.csv.partial"));
        File.Move(Path.Combine(o, "ticks.csv"), Path.Combine(o, "ticks.csv.partial"));
        SetManifest(o, m => m["complete"] = false);
        return o;
    }

    [TestCase(0.5)]
    [TestCase(0.1)]
    [TestCase(0.97)]
    public void ATicksTableShorterThanTheRunsTableIsRunAgainNotTrusted(double keep)
    {
        using var tmp = new TempDir();
        string o = Unfinished(tmp);
        Truncate(Path.Combine(o, "ticks.csv.partial"), keep);
        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume", "--format", "parquet");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("tick"), "the resume says which run's ticks were incomplete");
        AssertSameAsReference(o);
    }

    [Test]
    public void AZeroFilledTailAsAfterAPowerCutIsCutOffLikeATornRow()
    {
        using var tmp = new TempDir();
        string o = Unfinished(tmp);
        foreach (string table in new[] { "runs.csv.partial", "ticks.csv.partial" })
        {
            using var f = new FileStream(Path.Combine(o, table), FileMode.Append);
            f.Write(new byte[4096]);
        }

        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        AssertSameAsReference(o);
    }

    [Test]
    public void ARunsRowThatWasAlteredIsDetectedAndThatRunIsRunAgain()
    {
        using var tmp = new TempDir();
        string o = Unfinished(tmp);
        string runs = Path.Combine(o, "runs.csv.partial");
        var lines = File.ReadAllText(runs).Split("\r\n").ToList();
        lines[4] = lines[4].Replace(",platform,", ",single,", StringComparison.Ordinal); // run 3 now claims the other arm
        File.WriteAllText(runs, string.Join("\r\n", lines));
        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stderr, Does.Contain("3 of 10 runs were already done"));
        AssertSameAsReference(o);
    }

    [Test]
    public void FinishedTablesThatLostRowsAreCheckedAndCompletedByAResume()
    {
        using var tmp = new TempDir();
        string o = tmp["o"];
        CopyFolder(Path.Combine(s_reference.Value, "ref"), o);
        Truncate(Path.Combine(o, "runs.csv"), 0.6);
        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Not.Contain("already complete"));
        AssertSameAsReference(o);
    }

    [TestCase("report.html")]
    [TestCase("comparison.csv")]
    [TestCase("runs.parquet")]
    [TestCase("ticks.parquet")]
    public void ASweepThatDiedInItsClosingPhaseIsFinishedByAResume(string lost)
    {
        using var tmp = new TempDir();
        string o = tmp["o"];
        CopyFolder(Path.Combine(s_reference.Value, "ref"), o);
        File.Delete(Path.Combine(o, lost));
        SetManifest(o, m => m["complete"] = false);
        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(File.Exists(Path.Combine(o, lost)), Is.True, lost + " is written by the resume");
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(o, "sweep.json")))!["complete"]!.GetValue<bool>(), Is.True);
        AssertSameAsReference(o);

        // A complete sweep whose promised output was deleted later is not "complete" either.
        File.Delete(Path.Combine(o, lost));
        var again = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
        Assert.That(File.Exists(Path.Combine(o, lost)), Is.True);
    }

    [TestCase("runs.csv")]
    [TestCase("runs.csv.partial")]
    public void AFolderFromBeforeSeedHexIsRefusedByAResumeNotRerunNorMixed(string table)
    {
        using var tmp = new TempDir();
        string o = table == "runs.csv" ? tmp["o"] : Unfinished(tmp);
        if (table == "runs.csv")
        {
            CopyFolder(Path.Combine(s_reference.Value, "ref"), o);
            Truncate(Path.Combine(o, "runs.csv"), 0.6);
        }

        string path = Path.Combine(o, table);
        File.WriteAllText(path, WithoutSeedHex(File.ReadAllText(path)), new UTF8Encoding(false));
        byte[] before = File.ReadAllBytes(path);
        var r = CliRunner.Run("sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain("refusing to resume").And.Contain(table + " was written by an older crisissim").And.Contain("seed_hex").And.Not.Contain("   at "));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before), "the old table is left as it was");
    }

    [TestCase("""{"design_hash": 5}""", "field '")]
    [TestCase("""[1, 2]""", "JSON object")]
    [TestCase("""{"tool": "crisissim"}""", "missing")]
    [TestCase("""{""", "invalid JSON")]
    [TestCase("", "invalid JSON")]
    public void AManifestOfTheWrongShapeIsAMessageInEveryCommand(string manifest, string expected)
    {
        using var tmp = new TempDir();
        string o = tmp["o"];
        CopyFolder(Path.Combine(s_reference.Value, "ref"), o);
        File.WriteAllText(Path.Combine(o, "sweep.json"), manifest);
        foreach (var args in new[]
        {
            new[] { "sweep", Experiment, "--out", o, "--ticks-every", "4", "--resume" },
            ["merge", o, "--out", tmp["m"]],
            ["sensitivity", o],
            ["report", o, "--out", tmp["r.html"]],
        })
        {
            var r = CliRunner.Run(args);
            Assert.That(r.ExitCode, Is.EqualTo(2), args[0] + ": " + r.Stderr);
            Assert.That(r.Stderr, Does.Contain("sweep.json").And.Not.Contain("   at ").And.Not.Contain("Exception"), args[0]);
            if (args[0] is "sweep" or "merge")
            {
                Assert.That(r.Stderr, Does.Contain(expected), args[0]);
            }
        }
    }

    [Test]
    public void MergeWritesTheSameBytesAsOneMachineAndParquetWhenAsked()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run("merge", Path.Combine(s_reference.Value, "shards"), "--out", tmp["m"], "--format", "parquet");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        foreach (string f in new[] { "runs.csv", "ticks.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(tmp["m"], f)), Is.EqualTo(File.ReadAllBytes(Reference(f))), f);
        }

        Assert.That(File.ReadAllBytes(Path.Combine(tmp["m"], "runs.parquet")).Take(4), Is.EqualTo("PAR1"u8.ToArray()));
    }

    /// <summary>Each way a shard's rows can be wrong, and the words the refusal must use.</summary>
    private static readonly (string Name, string File, Func<string, string> Tamper, string Expected)[] s_tampering =
    [
        ("foreign run id", "runs.csv", t => ReplaceRow(t, 2, row => "1" + row[row.IndexOf(',', StringComparison.Ordinal)..]), "expected run"),
        ("torn last row", "runs.csv", t => t[..^7], "torn"),
        ("short row", "runs.csv", t => ReplaceRow(t, 1, row => row[..row.LastIndexOf(',', row.Length - 4)]), "fields"),
        ("duplicated row", "runs.csv", t => ReplaceRow(t, 2, row => row + "\r\n" + row), "expected run"),
        ("extra run", "runs.csv", t => t + t.Split("\r\n")[^2] + "\r\n", "beyond"),
        ("missing tick rows", "ticks.csv", t => DropRow(t, 5), "tick"),
        ("torn tick row", "ticks.csv", t => t[..^5], "torn"),
        ("tick of another shard's run", "ticks.csv", t => ReplaceRow(t, 1, row => "1" + row[row.IndexOf(',', StringComparison.Ordinal)..]), "tick"),
        ("edited seed", "runs.csv", t => ReplaceRow(t, 1, row => string.Join(',', row.Split(',').Select((c, i) => i == 3 ? "12345" : c))), "seed"),
        ("seed_hex that is not the seed", "runs.csv", t => ReplaceRow(t, 1, row => string.Join(',', row.Split(',').Select((c, i) => i == 4 ? "0x0000000000003039" : c))), "seed"),
        ("runs.csv from before seed_hex", "runs.csv", WithoutSeedHex, "older crisissim"),
    ];

    private static IEnumerable<TestCaseData> Tampering() => s_tampering.Select((t, i) => new TestCaseData(i).SetName("ATamperedShardIsRefusedNamingShardFileAndLine_" + t.Name.Replace(' ', '_')));

    [TestCaseSource(nameof(Tampering))]
    public void ATamperedShardIsRefusedNamingShardFileAndLine(int index)
    {
        var (_, file, tamper, expected) = s_tampering[index];
        using var tmp = new TempDir();
        CopyFolder(Path.Combine(s_reference.Value, "shards"), tmp["shards"]);
        string path = Path.Combine(tmp["shards"], "s0", file);
        File.WriteAllText(path, tamper(File.ReadAllText(path)), new UTF8Encoding(false));
        var r = CliRunner.Run("merge", tmp["shards"], "--out", tmp["m"]);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Stdout);
        Assert.That(r.Stderr, Does.Contain("shard 0/2").And.Contain(file + ":").And.Contain(expected).And.Not.Contain("   at "));
        Assert.That(Directory.Exists(tmp["m"]), Is.False, "nothing is written");
    }

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(f, dest);
        }
    }

    internal static void SetManifest(string dir, Action<JsonObject> change)
    {
        var m = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")))!.AsObject();
        change(m);
        File.WriteAllText(Path.Combine(dir, "sweep.json"), m.ToJsonString());
    }

    private static void AssertSameAsReference(string o)
    {
        foreach (string f in new[] { "runs.csv", "ticks.csv", "comparison.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(o, f)), Is.EqualTo(File.ReadAllBytes(Reference(f))), f);
        }
    }

    private static void Truncate(string path, double keep)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.SetLength((long)(f.Length * keep));
    }

    private static string ReplaceRow(string text, int row, Func<string, string> change)
    {
        var lines = text.Split("\r\n");
        lines[row] = change(lines[row]);
        return string.Join("\r\n", lines);
    }

    /// <summary>The table as a crisissim before seed_hex wrote it: the fifth column of every line dropped (the tiny sweep has no quoted cells).</summary>
    private static string WithoutSeedHex(string text) =>
        string.Join("\r\n", text.Split("\r\n").Select(line => line.Length == 0 ? line : string.Join(',', line.Split(',').Where((_, i) => i != 4))));

    private static string DropRow(string text, int row)
    {
        var lines = text.Split("\r\n").ToList();
        lines.RemoveAt(row);
        return string.Join("\r\n", lines);
    }
}
