using System.Diagnostics;

namespace CrisisSim.Tests.Support;

/// <summary>The output of an analysis tool run on a script.</summary>
/// <param name="ExitCode">Process exit code.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The analysts' tools that docs/analysis.md's snippets run in — pandas (Debian's python3), R (readr, dplyr, ggplot2)
/// and DuckDB (@duckdb/node-api under .ci/tools) — and a sample of the governance experiment to run them on. A test of
/// a missing tool is skipped saying what to install, or fails where CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1 (CI).
/// </summary>
public static class AnalysisTools
{
    /// <summary>Debian's python3 (the pyenv one on PATH has no pandas).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The folder whose node_modules holds @duckdb/node-api (npm ci --prefix .ci/tools).</summary>
    public static string NodeTools => Repo.PathOf(".ci", "tools");

    /// <summary>The script that runs SQL in DuckDB and prints each result as CSV.</summary>
    public static string DuckDbRunner => Repo.PathOf("tests", "CrisisSim.Tests", "Analysis", "duckdb-sql.cjs");

    private static readonly Lazy<string?> s_pandas = new(() => Probe(Python, ["-c", "import pandas, scipy, matplotlib"], "pandas, scipy and matplotlib for /usr/bin/python3 (apt-get install python3-pandas python3-scipy python3-matplotlib)"));

    private static readonly Lazy<string?> s_r = new(() => Probe("Rscript", ["-e", "library(readr); library(dplyr); library(ggplot2)"], "R with readr, dplyr and ggplot2 (apt-get install r-base-core r-cran-readr r-cran-dplyr r-cran-ggplot2)"));

    private static readonly Lazy<string?> s_duckdb = new(() =>
        File.Exists(Path.Combine(NodeTools, "node_modules", "@duckdb", "node-api", "package.json"))
            ? Probe("node", ["--version"], "node (apt-get install nodejs)")
            : "DuckDB's Node API (npm ci --prefix .ci/tools, with node 20)");

    /// <summary>
    /// A small version of the governance experiment (the same seven arms and 20 paired replicates; 6 simulated hours at
    /// 0.3 of the population, so it runs in seconds), swept with --ticks-every 6 --format parquet into
    /// FOLDER/results/gov, as docs/analysis.md's command does; returns FOLDER, where the snippets run.
    /// </summary>
    public static Lazy<string> GovernanceSample { get; } = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "crisissim-analysis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string text = File.ReadAllText(Repo.PathOf("scenarios", "experiments", "governance-comparison.yaml"))
            .Replace("replicates: 20", "replicates: 20\nfixed: {time.horizon_h: 6, population.scale: 0.3}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "governance-sample.yaml"), text);
        var r = CliRunner.Run("sweep", Path.Combine(dir, "governance-sample.yaml"), "--out", Path.Combine(dir, "results", "gov"), "--ticks-every", "6", "--format", "parquet");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        return dir;
    });

    /// <summary>Debian's Chromium, which renders the report and drives the viewer's page (HeadlessChromium).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Skips (or, under CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1, fails) the test unless Chromium is there.</summary>
    public static void RequireChromium() => Require(File.Exists(Chromium) ? null : $"Chromium at {Chromium} (apt-get install chromium)");

    /// <summary>Skips (or, under CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1, fails) the test unless pandas is there.</summary>
    public static void RequirePandas() => Require(s_pandas.Value);

    /// <summary>Skips (or fails) the test unless R with readr, dplyr and ggplot2 is there.</summary>
    public static void RequireR() => Require(s_r.Value);

    /// <summary>Skips (or fails) the test unless node and @duckdb/node-api are there.</summary>
    public static void RequireDuckDb() => Require(s_duckdb.Value);

    /// <summary>Runs a pandas script in <paramref name="workingDirectory"/>.</summary>
    public static ToolResult RunPython(string script, string workingDirectory) => Run(Python, ["-"], script, workingDirectory);

    /// <summary>Runs an R script in <paramref name="workingDirectory"/>.</summary>
    public static ToolResult RunR(string script, string workingDirectory)
    {
        string file = Path.Combine(workingDirectory, "snippet-" + Guid.NewGuid().ToString("N") + ".R");
        File.WriteAllText(file, script);
        try
        {
            return Run("Rscript", ["--vanilla", file], "", workingDirectory);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs SQL in DuckDB in <paramref name="workingDirectory"/>; each result is printed as CSV and a blank line.</summary>
    public static ToolResult RunDuckDb(string sql, string workingDirectory) => Run("node", [DuckDbRunner, NodeTools], sql, workingDirectory);

    /// <summary>
    /// The CSV tables a script printed, by header line: blocks of lines separated by blank lines, each a header and its
    /// rows (cells split at commas: the values compared here hold none).
    /// </summary>
    public static Dictionary<string, List<string[]>> Tables(string stdout)
    {
        var tables = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        List<string[]>? current = null;
        foreach (string line in stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                current = null;
            }
            else if (current is null)
            {
                current = [];
                tables[line.Trim()] = current;
            }
            else
            {
                current.Add(line.Trim().Split(','));
            }
        }

        return tables;
    }

    internal static void Require(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        string message = $"needs {missing}; CI installs it (.ci/run)";
        if (Environment.GetEnvironmentVariable("CRISISSIM_REQUIRE_ANALYSIS_TOOLS") == "1")
        {
            Assert.Fail(message + ", and CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1 says it must be here");
        }

        Assert.Ignore(message);
    }

    internal static string? Probe(string program, string[] args, string what)
    {
        try
        {
            return Run(program, args, "", Path.GetTempPath()).ExitCode == 0 ? null : what;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return what;
        }
    }

    internal static ToolResult Run(string program, string[] args, string stdin, string workingDirectory)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin.Replace("\r", "", StringComparison.Ordinal));
        p.StandardInput.Close();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 120 s");
        }

        return new ToolResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
