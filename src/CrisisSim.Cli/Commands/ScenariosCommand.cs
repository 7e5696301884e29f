using System.CommandLine;
using System.Text;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim scenarios [builtin:NAME]</c>: lists the scenarios, experiments and calibrations shipped in the binary, with
/// the command that runs each; with a name, prints that file's text.
/// </summary>
public static class ScenariosCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "A shipped file (builtin:NAME) to print", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("scenarios", "List the scenarios, experiments and calibrations shipped with crisissim (builtin:NAME), or print one") { name };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string? which = parse.GetValue(name);
            if (which is null)
            {
                io.Out.Write(Listing());
                return ExitCodes.Success;
            }

            if (!ShippedFiles.IsShipped(which))
            {
                throw new CliException($"{which}: expected a shipped name, {ShippedFiles.Prefix}NAME (crisissim scenarios lists them)");
            }

            io.Out.Write(ShippedFiles.ReadText(which));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The listing: one block per kind, each file with its command and the first sentence of its description.</summary>
    public static string Listing()
    {
        var sb = new StringBuilder();
        foreach (var (kind, heading) in new[]
        {
            (ShippedKind.Scenario, "Scenarios: crisissim run builtin:NAME; your own copy: crisissim init DIR --from builtin:NAME"),
            (ShippedKind.Experiment, "Experiments: crisissim sweep builtin:NAME (crisissim sweep builtin:NAME --dry-run for its size)"),
            (ShippedKind.Calibration, "Calibrations: crisissim calibrate builtin:NAME"),
        })
        {
            var files = ShippedFiles.All.Where(f => f.Kind == kind).ToList();
            sb.Append(heading).Append('\n');
            int width = files.Max(f => f.Reference.Length);
            foreach (var f in files)
            {
                string line = "  " + f.Reference.PadRight(width) + "  " + FirstSentence(f.Description);
                sb.Append(line.Length <= Analysis.ConsoleText.Columns ? line : line[..(Analysis.ConsoleText.Columns - 1)] + "…").Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("Print one: crisissim scenarios builtin:NAME (the same files as the repository's scenarios/ folder)\n");
        return sb.ToString();
    }

    private static string FirstSentence(string text)
    {
        string flat = string.Join(' ', text.Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        int stop = flat.IndexOf(". ", StringComparison.Ordinal);
        return stop < 0 ? flat.TrimEnd('.') : flat[..stop];
    }
}
