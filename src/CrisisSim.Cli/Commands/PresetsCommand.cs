using System.CommandLine;
using System.Text;
using CrisisSim.Core.Scenarios.Presets;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim presets [--markdown]</c>: the governance arrangements <c>governance.preset</c> selects, each value with its
/// source; <c>--markdown</c> prints the tables docs/cases/governance-arrangements.md embeds.
/// </summary>
public static class PresetsCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print the Markdown tables docs/cases/governance-arrangements.md embeds" };
        var command = new Command("presets", "List the governance arrangements governance.preset selects (China 2015 and today, the US, Japan, Germany), every value with its source") { markdown };
        command.SetAction(parse =>
        {
            CommandOutput.Of(parse).Out.Write(parse.GetValue(markdown) ? Markdown() : Plain());
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every preset with its values and their sources, for the console.</summary>
    public static string Plain()
    {
        var sb = new StringBuilder();
        static string Assignment(PresetValue v) => v.Path + " = " + v.Value;
        int width = GovernancePresets.All.SelectMany(p => p.Values).Max(v => Assignment(v).Length);
        foreach (var p in GovernancePresets.All)
        {
            sb.Append(p.Key).Append(" — ").Append(p.Title).Append('\n').Append("  ").Append(p.Summary).Append('\n');
            foreach (var v in p.Values)
            {
                sb.Append("  ").Append(Assignment(v).PadRight(width)).Append("  (").Append(v.Source).Append(")\n");
            }

            sb.Append('\n');
        }

        sb.Append("Use one: governance: {preset: NAME} in a scenario, an experiment arm {governance.preset: NAME}, or --set governance.preset=NAME\n");
        return sb.ToString();
    }

    /// <summary>A table of the values (one column per preset), then each preset's sources.</summary>
    public static string Markdown()
    {
        var all = GovernancePresets.All;
        var sb = new StringBuilder();
        sb.Append("| path | ").AppendJoin(" | ", all.Select(p => $"`{p.Key}`")).Append(" |\n");
        sb.Append("|---|").Append(string.Concat(all.Select(_ => "---|"))).Append('\n');
        foreach (string path in GovernancePresets.Paths)
        {
            sb.Append("| `").Append(path).Append("` | ").AppendJoin(" | ", all.Select(p => p.Values.Single(v => v.Path == path).Value)).Append(" |\n");
        }

        foreach (var p in all)
        {
            sb.Append("\n**`").Append(p.Key).Append("`** — ").Append(p.Title).Append(". ").Append(p.Summary).Append(".\n\n");
            foreach (var v in p.Values)
            {
                sb.Append("- `").Append(v.Path).Append(": ").Append(v.Value).Append("` — ").Append(v.Source).Append('\n');
            }
        }

        return sb.ToString();
    }
}
