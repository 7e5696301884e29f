namespace CrisisSim.Benchmarks;

/// <summary>Finds files of the repository from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepoPaths
{
    /// <summary>
    /// The repository root: the first folder above <see cref="AppContext.BaseDirectory"/> (then the current
    /// directory) that holds CrisisSim.sln. BenchmarkDotNet builds and runs a generated project under
    /// benchmarks/CrisisSim.Benchmarks/bin/…, so walking up from the running assembly finds the root.
    /// </summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The built-in scenario file.</summary>
    public static string BuiltInScenario => Path.Combine(Root, "scenarios", "tianjin-8-12.yaml");

    private static string FindRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrisisSim.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CrisisSim.sln not found above " + AppContext.BaseDirectory + " or " + Environment.CurrentDirectory);
    }
}
