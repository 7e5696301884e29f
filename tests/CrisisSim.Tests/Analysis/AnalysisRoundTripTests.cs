using System.Globalization;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Analysis;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Analysis;

/// <summary>
/// The README's claims about other tools, held by running them: every seed reads back exactly (pandas' seed, readr's
/// and base R's seed_hex, DuckDB's seed from CSV and Parquet; R's seed is a rounded double), and every empty cell
/// reads as missing with its 0/1 companion 0.
/// </summary>
public class AnalysisRoundTripTests
{
    private static string Folder => AnalysisTools.GovernanceSample.Value;

    /// <summary>What every tool prints per run, in run_id order: seed, seed_hex, and whether each never-column is missing, with its companion.</summary>
    private const string Header = "run_id,seed,seed_hex,relief_missing,relief_reached,hazard_missing,hazard_known";

    [Test]
    public void PandasReadsSeedsExactlyAndEmptyCellsAsMissing()
    {
        AnalysisTools.RequirePandas();
        var r = AnalysisTools.RunPython("""
            import pandas as pd
            runs = pd.read_csv("results/gov/runs.csv", dtype={"seed_hex": str})
            assert str(runs["seed"].dtype) == "int64", runs["seed"].dtype
            assert all(int(h, 16) == s for h, s in zip(runs["seed_hex"], runs["seed"]))
            out = pd.DataFrame({"run_id": runs["run_id"], "seed": runs["seed"], "seed_hex": runs["seed_hex"],
                                "relief_missing": runs["first_relief_h"].isna(), "relief_reached": runs["relief_reached"],
                                "hazard_missing": runs["hazard_known_h"].isna(), "hazard_known": runs["hazard_known"]})
            print(out.to_csv(index=False).replace("True", "true").replace("False", "false"))
            """, Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        AssertRows(r.Stdout, exactSeed: true);
    }

    [Test]
    public void RKeepsSeedHexExactlyAndReadsEmptyCellsAsNa()
    {
        AnalysisTools.RequireR();
        var r = AnalysisTools.RunR("""
            suppressMessages(library(readr))
            runs <- read_csv("results/gov/runs.csv", col_types = cols(seed_hex = col_character()), na = "")
            base <- read.csv("results/gov/runs.csv", colClasses = c(seed_hex = "character"))
            stopifnot(identical(base$seed_hex, runs$seed_hex), is.double(runs$seed))
            out <- data.frame(run_id = runs$run_id, seed = sprintf("%.0f", runs$seed), seed_hex = runs$seed_hex,
                              relief_missing = is.na(runs$first_relief_h), relief_reached = runs$relief_reached,
                              hazard_missing = is.na(runs$hazard_known_h), hazard_known = runs$hazard_known)
            writeLines(format_csv(out))
            """, Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        AssertRows(r.Stdout.Replace("TRUE", "true", StringComparison.Ordinal).Replace("FALSE", "false", StringComparison.Ordinal), exactSeed: false);
    }

    [TestCase("read_csv('results/gov/runs.csv', types = {'seed_hex': 'VARCHAR'})")]
    [TestCase("'results/gov/runs.parquet'")]
    public void DuckDbReadsSeedsExactlyAndEmptyCellsAsNull(string source)
    {
        AnalysisTools.RequireDuckDb();
        var r = AnalysisTools.RunDuckDb($"""
            SELECT run_id, seed, seed_hex, first_relief_h IS NULL AS relief_missing, relief_reached,
                   hazard_known_h IS NULL AS hazard_missing, hazard_known
            FROM {source} ORDER BY run_id;
            SELECT typeof(seed) AS seed_type, typeof(relief_reached) AS count_type FROM {source} LIMIT 1;
            SELECT count(*) FILTER (WHERE seed_hex = seed) AS hex_is_seed, any_value(typeof(seed_hex)) AS hex_type
            FROM read_csv('results/gov/runs.csv');
            """, Folder);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        AssertRows(r.Stdout, exactSeed: true);
        var tables = AnalysisTools.Tables(r.Stdout);
        Assert.That(tables["seed_type,count_type"][0], Is.EqualTo(new[] { "BIGINT", "BIGINT" }));
        Assert.That(tables["hex_is_seed,hex_type"][0], Is.EqualTo(new[] { "140", "BIGINT" }), "untold, DuckDB reads seed_hex as the seed itself (README)");
    }

    /// <summary>
    /// The printed rows against runs.csv: seed_hex exact; seed exact, or (R) the nearest double to it; a never-column
    /// missing exactly where its cell is empty, and its companion 0 exactly there.
    /// </summary>
    private static void AssertRows(string stdout, bool exactSeed)
    {
        var runs = RunsTableFile.Read(Path.Combine(Folder, "results", "gov", "runs.csv"));
        int Col(string name) => runs.Column(name);
        var printed = AnalysisTools.Tables(stdout)[Header];
        Assert.That(printed, Has.Count.EqualTo(runs.Rows.Count));
        bool anyRounded = exactSeed;
        for (int i = 0; i < printed.Count; i++)
        {
            var row = runs.Rows[i];
            var p = printed[i];
            string seed = row[Col("seed")];
            if (!exactSeed)
            {
                // A double near the seed, not the seed: readr's parser may even land an ulp off the nearest double.
                double read = double.Parse(p[1], CultureInfo.InvariantCulture);
                Assert.That(read, Is.EqualTo((double)ulong.Parse(seed, CultureInfo.InvariantCulture)).Within(4).Ulps, $"run {row[0]}: seed as a double");
                anyRounded |= p[1] != seed;
                p[1] = seed;
            }

            bool reliefEmpty = row[Col("first_relief_h")].Length == 0;
            bool hazardEmpty = row[Col("hazard_known_h")].Length == 0;
            Assert.That(p, Is.EqualTo(new[]
            {
                row[Col("run_id")], seed, row[Col("seed_hex")],
                reliefEmpty ? "true" : "false", reliefEmpty ? "0" : "1", hazardEmpty ? "true" : "false", hazardEmpty ? "0" : "1",
            }), $"run {row[0]}");
        }

        Assert.That(runs.Rows.Any(row => row[Col("first_relief_h")].Length == 0) && runs.Rows.Any(row => row[Col("first_relief_h")].Length > 0), Is.True, "the sample has never-cells and values");
        Assert.That(anyRounded, Is.True, "R's seed is a rounded double: the sample's seeds are above 2^53");
    }
}
