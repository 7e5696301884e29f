using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>The malformed-scenario corpus in tests/CrisisSim.Tests/Scenarios/Corpus, read from the repository.</summary>
public static class CorpusFiles
{
    /// <summary>The valid scenario every corpus file is a copy of, with one defect.</summary>
    public const string Base = "valid-base.yaml";

    /// <summary>The corpus folder.</summary>
    public static string Folder => Repo.PathOf("tests", "CrisisSim.Tests", "Scenarios", "Corpus");

    /// <summary>Full path of a corpus file.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Text of a corpus file.</summary>
    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Names of every .yaml file in the corpus folder.</summary>
    public static IReadOnlyList<string> Names() =>
        Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
}
