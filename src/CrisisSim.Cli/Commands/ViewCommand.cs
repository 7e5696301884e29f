using System.CommandLine;
using System.Text;
using CrisisSim.Cli.Output;
using CrisisSim.Cli.View;

namespace CrisisSim.Cli.Commands;

/// <summary><c>crisissim view RUN_DIR [RUN_DIR2] [--out FILE] [--force]</c>: a traced run (or two side by side) as one self-contained HTML page.</summary>
public static class ViewCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-dir") { Description = "The --out folder of crisissim run --trace; a second one is shown beside it on the same clock", Arity = new ArgumentArity(1, 2) };
        var outFile = new Option<string?>("--out") { Description = $"HTML file to write (default: RUN_DIR/{FileNames.View}, with two runs RUN_DIR/{FileNames.PairView}); an existing file is replaced only with --force" };
        var force = new Option<bool>("--force") { Description = "Replace an existing file" };
        var command = new Command("view", "Write one self-contained HTML page that plays a traced run over time: a map of the zones and roads, fire, contamination and residents by state per zone, units by actor, messages and platform posts, and when headquarters learns of each need") { runs, outFile, force };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            string path = Write(parse.GetValue(runs)!, parse.GetValue(outFile), parse.GetValue(force));
            io.Out.WriteLine($"wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads the traced runs in <paramref name="folders"/> and writes their page (whole, or not at all); returns its path.</summary>
    public static string Write(IReadOnlyList<string> folders, string? outFile, bool force)
    {
        var runs = folders.Select(TracedRun.Read).ToList();
        string[] inputs = [.. folders.SelectMany(f => new[] { FileNames.Events, FileNames.Zones, FileNames.Units, FileNames.Map, FileNames.Ticks, FileNames.Runs, FileNames.Provenance }.Select(n => Path.Combine(f, n)))];
        using var output = OutputFile.Begin(outFile ?? Path.Combine(folders[0], folders.Count == 1 ? FileNames.View : FileNames.PairView), force, inputs);
        string html = ViewPage.Render(runs);
        output.Write(tmp => File.WriteAllText(tmp, html, new UTF8Encoding(false)));
        return output.Target;
    }
}
