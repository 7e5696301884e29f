using System.Reflection;
using System.Text;
using CrisisSim.Core.Calibration;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli;

/// <summary>What a shipped file is: a scenario, an experiment (for sweep), a calibration, or a calibration's output (posterior).</summary>
public enum ShippedKind
{
    /// <summary>A scenario (crisissim run).</summary>
    Scenario,

    /// <summary>An experiment (crisissim sweep).</summary>
    Experiment,

    /// <summary>A calibration file (crisissim calibrate).</summary>
    Calibration,

    /// <summary>A file of a calibration's output folder, read by experiments over the posterior.</summary>
    Data,
}

/// <summary>One file of the repository's scenarios/ folder, embedded in the binary.</summary>
/// <param name="Path">Its path under scenarios/ with '/' separators, e.g. "experiments/governance-comparison.yaml".</param>
/// <param name="Name">What a user types after builtin: ("governance-comparison"), or the path for data files.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Description">Its description: or name: field, for listings.</param>
public sealed record ShippedFile(string Path, string Name, ShippedKind Kind, string Description)
{
    /// <summary>The name a user types: builtin:NAME.</summary>
    public string Reference => ShippedFiles.Prefix + Name;
}

/// <summary>
/// The scenarios, experiments and calibrations shipped with the tool, embedded in the binary so an installed tool (or a
/// self-contained file on a cluster) carries them all: <c>builtin:tianjin-8-12</c> is scenarios/tianjin-8-12.yaml and
/// <c>builtin:governance-comparison</c> is scenarios/experiments/governance-comparison.yaml. A relative path inside a shipped
/// experiment (its scenario, a posterior folder) stays inside the shipped tree. The older spelling <c>built-in</c> means
/// <c>builtin:tianjin-8-12</c>.
/// </summary>
public static class ShippedFiles
{
    /// <summary>The prefix of every shipped name.</summary>
    public const string Prefix = "builtin:";

    /// <summary>The default scenario.</summary>
    public const string DefaultScenario = Prefix + "tianjin-8-12";

    /// <summary>The spelling of the default scenario before the builtin: convention (still accepted).</summary>
    public const string LegacyName = "built-in";

    private const string ResourcePrefix = "shipped/";

    private static readonly Lazy<IReadOnlyList<ShippedFile>> s_all = new(Catalog);

    /// <summary>Every shipped file, scenarios first, then experiments and calibrations, each by name.</summary>
    public static IReadOnlyList<ShippedFile> All => s_all.Value;

    /// <summary>Whether <paramref name="path"/> names a shipped file (builtin:…, or the legacy built-in).</summary>
    public static bool IsShipped(string path) => path.StartsWith(Prefix, StringComparison.Ordinal) || path == LegacyName;

    /// <summary>The shipped file <paramref name="reference"/> names, or a <see cref="CliException"/> listing what there is.</summary>
    public static ShippedFile Find(string reference)
    {
        string key = reference == LegacyName ? DefaultScenario[Prefix.Length..] : Normalise(reference[Prefix.Length..]);
        var found = All.FirstOrDefault(f => f.Path == key || f.Name == key || f.Path == key + ".yaml" || f.Path == "experiments/" + key + ".yaml"
            || (f.Path.EndsWith(".yaml", StringComparison.Ordinal) && f.Path == "experiments/" + key));
        return found ?? throw new CliException(
            $"{reference}: no such shipped file; shipped are {string.Join(", ", All.Where(f => f.Kind != ShippedKind.Data).Select(f => f.Reference))} (crisissim scenarios lists them)");
    }

    /// <summary>The text of the shipped file <paramref name="reference"/> names.</summary>
    public static string ReadText(string reference) => Text(Find(reference).Path);

    /// <summary>The folder a relative path inside <paramref name="reference"/> is resolved against ("builtin:experiments").</summary>
    public static string FolderOf(string reference)
    {
        string path = Find(reference).Path;
        int slash = path.LastIndexOf('/');
        return Prefix + (slash < 0 ? "" : path[..slash]);
    }

    /// <summary>
    /// <paramref name="relative"/> inside the shipped folder <paramref name="folder"/> (from <see cref="FolderOf"/>), as a
    /// builtin: name; a path that leaves the shipped tree is a <see cref="CliException"/>.
    /// </summary>
    public static string Combine(string folder, string relative) =>
        Prefix + Normalise(folder[Prefix.Length..] + "/" + relative, relative);

    /// <summary>The text of a shipped data file: <paramref name="folder"/> (builtin:…) and a file name in it.</summary>
    public static string ReadData(string folder, string file)
    {
        string path = Normalise(folder[Prefix.Length..] + "/" + file);
        return All.Any(f => f.Path == path) ? Text(path) : throw new CliException($"{Prefix}{path}: no such shipped file");
    }

    private static string Normalise(string path, string? shownAs = null)
    {
        var parts = new List<string>();
        foreach (string part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw new CliException($"{shownAs ?? path}: leaves the shipped files (a shipped experiment may only name shipped files)");
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static string Text(string path)
    {
        using var stream = typeof(ShippedFiles).Assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new InvalidOperationException($"the shipped file {path} is missing from the binary");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static IReadOnlyList<ShippedFile> Catalog()
    {
        var files = new List<ShippedFile>();
        foreach (string resource in typeof(ShippedFiles).Assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            string path = resource[ResourcePrefix.Length..].Replace('\\', '/');
            if (!path.EndsWith(".yaml", StringComparison.Ordinal))
            {
                files.Add(new ShippedFile(path, path, ShippedKind.Data, ""));
                continue;
            }

            var tree = YamlTreeReader.Read(Text(path), Prefix + path);
            // A case's folder holds its scenario beside its experiments: a file with zones is a scenario wherever it is.
            var kind = tree is YamlMapNode map && map.Find("zones") is not null ? ShippedKind.Scenario
                : CalibrationLoader.IsCalibration(tree) ? ShippedKind.Calibration : ShippedKind.Experiment;
            string name = System.IO.Path.GetFileNameWithoutExtension(path);
            files.Add(new ShippedFile(path, name, kind, DescriptionOf(tree)));
        }

        return [.. files.OrderBy(f => f.Kind).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    private static string DescriptionOf(YamlTreeNode? tree) =>
        tree is YamlMapNode map
            ? (map.Find("description") as YamlScalarNode)?.Value ?? (map.Find("name") as YamlScalarNode)?.Value ?? ""
            : "";
}
