using CrisisSim.Core.Scenarios;

namespace CrisisSim.Tests.Support;

/// <summary>Paths in the repository and the built-in scenario, for tests.</summary>
public static class Repo
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrisisSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrisisSim.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path relative to the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Text of scenarios/tianjin-8-12.yaml.</summary>
    public static string BuiltInText => File.ReadAllText(PathOf("scenarios", "tianjin-8-12.yaml"));

    /// <summary>The built-in scenario with optional overrides.</summary>
    public static Scenario BuiltIn(params string[] overrides) =>
        ScenarioLoader.Load(BuiltInText, "tianjin-8-12.yaml", overrides).Scenario;
}
