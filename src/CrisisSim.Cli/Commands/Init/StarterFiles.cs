using System.Reflection;
using System.Text;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands.Init;

/// <summary>One file crisissim init writes: its path relative to the folder, and its text.</summary>
/// <param name="Path">Relative path with '/' separators.</param>
/// <param name="Text">The whole file.</param>
public sealed record StarterFile(string Path, string Text);

/// <summary>
/// The files of a new study folder (crisissim init): a scenario and an experiment (or a calibration) that validate and
/// run, with the JSON Schemas their first lines point editors at. Made from a shipped file: a scenario gets the template
/// experiment beside it; a shipped experiment or calibration is copied with its scenario (and a posterior it runs over),
/// its paths rewritten at their YAML positions to name the copies.
/// </summary>
public static class StarterFiles
{
    /// <summary>The scenario written by default: the thesis's case, to vary.</summary>
    public const string DefaultFrom = ShippedFiles.DefaultScenario;

    /// <summary>The small commented scenario written by --minimal.</summary>
    public const string MinimalFrom = ShippedFiles.Prefix + "small-town-fire";

    /// <summary>The scenario file's name in the new folder.</summary>
    public const string Scenario = "scenario.yaml";

    /// <summary>The experiment file's name in the new folder.</summary>
    public const string Experiment = "experiment.yaml";

    /// <summary>The calibration file's name in the new folder (init --from a shipped calibration).</summary>
    public const string Calibration = "calibration.yaml";

    private const string TemplateResource = "CrisisSim.Cli.Templates.experiment.yaml";

    /// <summary>The files made from the shipped file <paramref name="from"/> (builtin:NAME).</summary>
    public static IReadOnlyList<StarterFile> From(string from)
    {
        if (!ShippedFiles.IsShipped(from))
        {
            throw new CliException($"--from {from}: expected a shipped scenario or experiment, {ShippedFiles.Prefix}NAME (crisissim scenarios lists them)");
        }

        var shipped = ShippedFiles.Find(from);
        return shipped.Kind switch
        {
            ShippedKind.Scenario => ScenarioWithTemplate(shipped),
            ShippedKind.Experiment => Copy(shipped, Experiment, "experiment"),
            ShippedKind.Calibration => Copy(shipped, Calibration, null),
            _ => throw new CliException($"--from {from}: is a data file; expected a shipped scenario or experiment (crisissim scenarios lists them)"),
        };
    }

    /// <summary>The template experiment (a governance comparison on scenario.yaml), without its modeline.</summary>
    public static string TemplateExperiment()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"{TemplateResource} is missing from the binary");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static List<StarterFile> ScenarioWithTemplate(ShippedFile scenario) =>
    [
        new(Scenario, WithModeline(ShippedFiles.ReadText(scenario.Reference), "scenario")),
        new(Experiment, WithModeline(TemplateExperiment(), "experiment")),
        .. Schemas(),
    ];

    private static List<StarterFile> Copy(ShippedFile shipped, string fileName, string? schema)
    {
        string text = ShippedFiles.ReadText(shipped.Reference);
        var top = YamlTreeReader.Read(text, shipped.Reference) as YamlMapNode
            ?? throw new InvalidOperationException($"{shipped.Reference} is not a mapping");
        string folder = ShippedFiles.FolderOf(shipped.Reference);
        var edits = new List<(YamlScalarNode At, string NewValue)>();
        var files = new List<StarterFile>();

        var scenarioNode = top.Find("scenario") as YamlScalarNode;
        string scenarioRef = ExperimentSource.Resolve(folder, scenarioNode is { IsNull: false } ? scenarioNode.Value : DefaultFrom);
        files.Add(new(Scenario, WithModeline(ScenarioSource.ReadFile(scenarioRef), "scenario")));
        if (scenarioNode is not null)
        {
            edits.Add((scenarioNode, Scenario));
        }
        else
        {
            text = text.TrimEnd('\n') + "\nscenario: " + Scenario + "\n";
        }

        if ((top.Find("over") as YamlMapNode)?.Find("posterior") is YamlScalarNode posterior)
        {
            string posteriorRef = ShippedFiles.Combine(folder, posterior.Value);
            string copied = "posterior/" + posteriorRef[(posteriorRef.LastIndexOf('/') + 1)..];
            files.AddRange(DataUnder(posteriorRef, copied));
            edits.Add((posterior, copied));
        }

        string edited = Rewrite(text, edits);
        files.Insert(0, new(fileName, schema is null ? edited : WithModeline(edited, schema)));
        files.AddRange(Schemas());
        return files;
    }

    private static IEnumerable<StarterFile> DataUnder(string folderRef, string copiedAs)
    {
        string prefix = folderRef[ShippedFiles.Prefix.Length..] + "/";
        foreach (var file in ShippedFiles.All.Where(f => f.Kind == ShippedKind.Data && f.Path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            yield return new(copiedAs + "/" + file.Path[prefix.Length..], ShippedFiles.ReadData(folderRef, file.Path[prefix.Length..]));
        }
    }

    /// <summary>Replaces each plain scalar at its position (line, column) with a new value; the rest of the text is kept.</summary>
    private static string Rewrite(string text, List<(YamlScalarNode At, string NewValue)> edits)
    {
        var lines = text.Split('\n');
        foreach (var (at, value) in edits)
        {
            string line = lines[at.Position.Line - 1];
            int start = at.Position.Column - 1;
            int length = at.Quoted ? line.IndexOf(line[start], start + 1) - start + 1 : at.Value.Length;
            if (!at.Quoted && string.CompareOrdinal(line, start, at.Value, 0, length) != 0)
            {
                throw new InvalidOperationException($"{at.Position}: expected '{at.Value}' there");
            }

            lines[at.Position.Line - 1] = line[..start] + value + line[(start + length)..];
        }

        return string.Join('\n', lines);
    }

    private static string WithModeline(string text, string schema) =>
        SchemaCommand.Modeline(SchemaCommand.FileName(schema)) + "\n" + text;

    private static IEnumerable<StarterFile> Schemas() =>
        SchemaCommand.Kinds.Select(kind => new StarterFile(SchemaCommand.FileName(kind), SchemaCommand.Text(kind)));
}
