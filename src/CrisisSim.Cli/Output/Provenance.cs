using System.Reflection;
using System.Text.Json;

namespace CrisisSim.Cli.Output;

/// <summary>The provenance file written beside the CSVs: what produced them. Timestamps live only here, never in CSVs.</summary>
public static class Provenance
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The informational version (with the commit when built from git), as sweep.json and the report record it.</summary>
    public static string ToolVersion =>
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Writes <paramref name="fields"/> (plus tool, runtime and time) as indented JSON to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, object?> fields)
    {
        var all = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["tool"] = "crisissim",
            ["tool_version"] = ToolVersion,
            ["dotnet_version"] = Environment.Version.ToString(),
            ["written_utc"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in fields)
        {
            all[k] = v;
        }

        File.WriteAllText(path, JsonSerializer.Serialize(all, s_json) + "\n");
    }
}
