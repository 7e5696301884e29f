namespace CrisisSim.Tests.Support;

/// <summary>
/// The shells that `crisissim completion` writes scripts for, to run those scripts in: bash, zsh (with its zsh/zpty
/// module) and PowerShell (pwsh on PATH, or the dotnet tool .ci/run installs under .ci/tools/pwsh). As with
/// <see cref="AnalysisTools"/>, a test of a missing shell is skipped saying what to install, or fails where
/// CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1 (CI).
/// </summary>
public static class Shells
{
    private static readonly Lazy<string?> s_bash = new(() => AnalysisTools.Probe("bash", ["--norc", "--noprofile", "-c", "mapfile -t x < /dev/null"], "bash 4 or later"));

    private static readonly Lazy<string?> s_zsh = new(() => AnalysisTools.Probe("zsh", ["-f", "-c", "zmodload zsh/zpty"], "zsh (apt-get install zsh)"));

    private static readonly Lazy<string> s_pwsh = new(() =>
    {
        string local = Repo.PathOf(".ci", "tools", "pwsh", "pwsh");
        return File.Exists(local) ? local : "pwsh";
    });

    private static readonly Lazy<string?> s_pwshMissing = new(() => AnalysisTools.Probe(s_pwsh.Value, ["-NoProfile", "-NonInteractive", "-Command", "exit 0"],
        "PowerShell (dotnet tool install PowerShell --version 7.6.9 --tool-path .ci/tools/pwsh)"));

    /// <summary>The PowerShell executable to run.</summary>
    public static string Pwsh => s_pwsh.Value;

    /// <summary>Skips (or fails) the test unless bash is there.</summary>
    public static void RequireBash() => AnalysisTools.Require(s_bash.Value);

    /// <summary>Skips (or fails) the test unless zsh with zsh/zpty is there.</summary>
    public static void RequireZsh() => AnalysisTools.Require(s_zsh.Value);

    /// <summary>Skips (or fails) the test unless PowerShell is there.</summary>
    public static void RequirePwsh() => AnalysisTools.Require(s_pwshMissing.Value);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static ToolResult Run(string program, string[] args, string workingDirectory) => AnalysisTools.Run(program, args, "", workingDirectory);
}
