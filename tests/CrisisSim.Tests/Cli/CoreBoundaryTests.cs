using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CrisisSim.Tests.Cli;

/// <summary>Core has no I/O, no console and no CSV: the CLI is a thin shell over the library. Read from Core's compiled metadata, so no call can hide.</summary>
public class CoreBoundaryTests
{
    private static readonly string[] s_forbiddenTypes = ["System.Console", "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.StreamWriter", "System.IO.StreamReader"];

    [Test]
    public void CoreReferencesNoConsoleNoFileSystemAndNoCsvLibrary()
    {
        var (assemblies, types) = References(typeof(CrisisSim.Core.Metrics.MetricCatalog).Assembly.Location);
        Assert.That(assemblies, Has.None.StartsWith("CsvHelper").And.None.StartsWith("Parquet").And.None.StartsWith("ScottPlot"));
        Assert.That(types.Intersect(s_forbiddenTypes), Is.Empty, "Core must not touch the console or the file system; the CLI does");
    }

    [Test]
    public void TheCheckFindsSuchReferencesWhereTheyAre()
    {
        var (assemblies, types) = References(typeof(CrisisSim.Cli.CrisisSimCli).Assembly.Location);
        Assert.That(assemblies, Has.Some.StartsWith("CsvHelper"));
        Assert.That(types, Does.Contain("System.Console").And.Contain("System.IO.File"));
    }

    private static (List<string> Assemblies, List<string> Types) References(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        return ([.. md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name))],
            [.. md.TypeReferences.Select(h => md.GetTypeReference(h)).Select(t => $"{md.GetString(t.Namespace)}.{md.GetString(t.Name)}")]);
    }
}
