using System.Reflection;
using System.Text;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli;

/// <summary>Where scenario text comes from: a file, or the built-in Tianjin 8·12 scenario embedded in the binary.</summary>
public static class ScenarioSource
{
    /// <summary>The name under which the built-in scenario is reported.</summary>
    public const string BuiltInName = "built-in:tianjin-8-12.yaml";

    /// <summary>The built-in scenario's text (the same bytes as scenarios/tianjin-8-12.yaml).</summary>
    public static string BuiltInText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrisisSim.Cli.tianjin-8-12.yaml")
            ?? throw new InvalidOperationException("the built-in scenario is missing from the binary");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a scenario file's text, with a clear error when it cannot be read.</summary>
    public static string ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a folder; expected a scenario file (.yaml)");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        var info = new FileInfo(path);
        if (info.Length > Core.Scenarios.Schema.YamlTreeReader.MaxTextLength)
        {
            throw new CliException($"{path}:1:1: file is {info.Length} bytes; scenario and experiment files are at most {Core.Scenarios.Schema.YamlTreeReader.MaxTextLength} bytes");
        }

        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{path}:1:1: file is not UTF-8 text (is it binary?)");
        }
        catch (IOException ex)
        {
            throw new CliException($"{path}: cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"{path}: permission denied");
        }
    }

    /// <summary>Loads a scenario from a file, or the built-in one when <paramref name="path"/> is null, applying overrides.</summary>
    public static (LoadedScenario Loaded, string Source) Load(string? path, IEnumerable<string> overrides)
    {
        string source = path ?? BuiltInName;
        string text = path is null ? BuiltInText() : ReadFile(path);
        return (ScenarioLoader.Load(text, source, overrides), source);
    }
}
