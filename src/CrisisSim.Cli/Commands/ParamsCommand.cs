using System.CommandLine;
using System.Text;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim params [--markdown | --scenario-markdown]</c>: every scenario parameter with meaning, unit, default, range and source, or the built-in scenario's value tables.</summary>
public static class ParamsCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print a Markdown table (as in docs/model.md)" };
        var scenarioMarkdown = new Option<bool>("--scenario-markdown")
        {
            Description = "Print the value tables of the built-in scenario (zones, roads, blast outcome, actors, values that differ from the code defaults) between the marker lines docs/model.md embeds them in",
        };
        var command = new Command("params", "List every scenario parameter: dotted path, meaning, unit, default, range and source") { markdown, scenarioMarkdown };
        command.SetAction(parse =>
        {
            string text = parse.GetValue(scenarioMarkdown) ? ScenarioTables.Markdown(BuiltIn()) : parse.GetValue(markdown) ? MarkdownTable() : PlainList();
            CommandOutput.Of(parse).Out.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The parameter table in Markdown, generated from the schema (docs/model.md embeds it; a test keeps them equal).</summary>
    public static string MarkdownTable()
    {
        var sb = new StringBuilder();
        sb.Append("| path | meaning | unit | default | range | source |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var row in SchemaCatalog.Table(typeof(Scenario)))
        {
            var a = row.Attribute;
            sb.Append("| `").Append(row.Path).Append("` | ").Append(Escape(a.Meaning)).Append(" | ").Append(a.Unit)
                .Append(" | ").Append(Escape(row.Default)).Append(" | ").Append(Range(row, " \\| ")).Append(" | ").Append(Escape(a.Source)).Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>The built-in scenario, as the binary embeds it.</summary>
    public static Scenario BuiltIn() => ScenarioLoader.Load(ScenarioSource.BuiltInText(), ScenarioSource.BuiltInName).Scenario;

    private static string PlainList()
    {
        var sb = new StringBuilder();
        foreach (var row in SchemaCatalog.Table(typeof(Scenario)))
        {
            var a = row.Attribute;
            sb.Append(row.Path).Append(" = ").Append(row.Default).Append(a.Unit is "–" ? "" : " " + a.Unit)
                .Append("  [").Append(Range(row, " | ")).Append("]  ").Append(a.Meaning).Append(" (source: ").Append(a.Source).Append(")\n");
        }

        return sb.ToString();
    }

    /// <summary>What a value may be: its numeric range, or the spellings it may take ("single-government \| co-governance"; "each of …" for a list).</summary>
    private static string Range(ParamRow row, string separator) => row.Choices.Count > 0
        ? row.Default == "(list)"
            ? "each of: " + string.Join(separator, row.Choices) + (NumericRange(row.Attribute) is { Length: > 0 } count ? $"; {count} items" : "")
            : string.Join(separator, row.Choices)
        : NumericRange(row.Attribute);

    private static string NumericRange(ParamAttribute a) => (double.IsNaN(a.Min), double.IsNaN(a.Max)) switch
    {
        (false, false) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Min} – {a.Max}"),
        (false, true) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≥ {a.Min}"),
        (true, false) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≤ {a.Max}"),
        _ => "",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
