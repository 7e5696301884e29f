using System.CommandLine;
using System.Text;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim params [--markdown]</c>: every scenario parameter with meaning, unit, default, range and source.</summary>
public static class ParamsCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print a Markdown table (as in docs/model.md)" };
        var command = new Command("params", "List every scenario parameter: dotted path, meaning, unit, default, range and source") { markdown };
        command.SetAction(parse =>
        {
            CommandOutput.Of(parse).Out.Write(parse.GetValue(markdown) ? MarkdownTable() : PlainList());
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
                .Append(" | ").Append(Escape(row.Default)).Append(" | ").Append(Range(a)).Append(" | ").Append(Escape(a.Source)).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string PlainList()
    {
        var sb = new StringBuilder();
        foreach (var row in SchemaCatalog.Table(typeof(Scenario)))
        {
            var a = row.Attribute;
            sb.Append(row.Path).Append(" = ").Append(row.Default).Append(a.Unit is "–" ? "" : " " + a.Unit)
                .Append("  [").Append(Range(a)).Append("]  ").Append(a.Meaning).Append(" (source: ").Append(a.Source).Append(")\n");
        }

        return sb.ToString();
    }

    private static string Range(ParamAttribute a) => (double.IsNaN(a.Min), double.IsNaN(a.Max)) switch
    {
        (false, false) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Min} – {a.Max}"),
        (false, true) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≥ {a.Min}"),
        (true, false) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"≤ {a.Max}"),
        _ => "",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
