using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim schema scenario|experiment [--out FILE] [--force]</c>: the JSON Schema of a scenario or experiment file,
/// generated from the parameter catalog, for editors that complete and check YAML (the yaml-language-server modeline in
/// the templates points at it).
/// </summary>
public static class SchemaCommand
{
    /// <summary>The kinds of file a schema is written for.</summary>
    public static readonly string[] Kinds = ["scenario", "experiment"];

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "scenario or experiment" };
        kind.AcceptOnlyFromAmong(Kinds);
        var outFile = new Option<string?>("--out") { Description = "Write the schema to this file instead of standard output" };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file" };
        var command = new Command("schema", "Print the JSON Schema of scenario or experiment files (types, ranges, enum values, units, sources), for editors") { kind, outFile, force };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string text = Text(parse.GetValue(kind)!);
            if (parse.GetValue(outFile) is not { } path)
            {
                io.Out.Write(text);
                return ExitCodes.Success;
            }

            using var file = OutputFile.Begin(path, parse.GetValue(force), []);
            file.Write(tmp => File.WriteAllText(tmp, text));
            io.Out.WriteLine($"wrote {file.Target}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The schema of <paramref name="kind"/> ("scenario" or "experiment") as indented JSON with a final newline.</summary>
    public static string Text(string kind)
    {
        var document = kind switch
        {
            "scenario" => JsonSchemaOf.Document(typeof(Scenario), "urn:crisissim:schema:scenario", "CrisisSim scenario"),
            "experiment" => ExperimentSchema.Document("urn:crisissim:schema:experiment"),
            _ => throw new CliException($"'{kind}': expected one of {string.Join(", ", Kinds)}"),
        };
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        return document.ToJsonString(options) + "\n";
    }

    /// <summary>The file name of <paramref name="kind"/>'s schema beside the files that use it.</summary>
    public static string FileName(string kind) => kind + ".schema.json";

    /// <summary>The first line of a template: the modeline that tells yaml-language-server (VS Code, Neovim, JetBrains) its schema.</summary>
    public static string Modeline(string schemaPath) => $"# yaml-language-server: $schema={schemaPath}";
}
