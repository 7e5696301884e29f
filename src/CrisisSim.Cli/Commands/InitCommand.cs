using System.CommandLine;
using CrisisSim.Cli.Commands.Init;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim init [DIR] [--from builtin:NAME | --minimal] [--force]</c>: a new study folder with a commented scenario,
/// an experiment on it and the JSON Schemas editors check them with (<see cref="StarterFiles"/>). Every file is checked
/// before any is written, and each is written whole; an existing file is replaced only with --force.
/// </summary>
public static class InitCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The folder to write into (created if missing; default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var from = new Option<string?>("--from") { Description = $"Start from this shipped scenario or experiment (default {StarterFiles.DefaultFrom}; crisissim scenarios lists them)" };
        var minimal = new Option<bool>("--minimal") { Description = $"Start from a small commented scenario ({StarterFiles.MinimalFrom}) instead of the Tianjin case" };
        var force = new Option<bool>("--force") { Description = "Replace files of the same names in DIR" };
        var command = new Command("init", "Write a commented scenario, an experiment on it and their JSON Schemas into a folder, to edit and run") { dir, from, minimal, force };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            if (parse.GetValue(minimal) && parse.GetValue(from) is not null)
            {
                throw new CliException("--minimal and --from: choose one (--minimal is --from " + StarterFiles.MinimalFrom + ")");
            }

            string source = parse.GetValue(minimal) ? StarterFiles.MinimalFrom : parse.GetValue(from) ?? StarterFiles.DefaultFrom;
            var files = StarterFiles.From(source);
            string folder = parse.GetValue(dir)!;
            Write(folder, files, parse.GetValue(force));
            io.Out.Write(NextSteps(folder, source, files));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Checks every target first (none may exist without <paramref name="force"/>, none may be a folder, link or device),
    /// then writes each through a temporary file beside it: a refusal writes nothing, and no file is ever half-written.
    /// </summary>
    public static void Write(string folder, IReadOnlyList<StarterFile> files, bool force)
    {
        if (File.Exists(folder))
        {
            throw new CliException($"{folder}: is a file; init needs a folder");
        }

        var targets = files.Select(f => (Path: OutputPath.Resolve(Path.Combine(folder, f.Path), "DIR"), f.Text)).ToList();
        foreach (var (path, _) in targets)
        {
            if (BoundedFile.NotRegular(path) is { } kind)
            {
                throw new CliException($"{path}: is {kind}; it is never replaced. Nothing was written; choose another folder");
            }
        }

        string[] existing = [.. targets.Select(t => t.Path).Where(File.Exists)];
        if (existing.Length > 0 && !force)
        {
            throw new CliException($"{string.Join(", ", existing)}: exist{(existing.Length == 1 ? "s" : "")} already; nothing was written. Pass --force to replace, or choose another folder");
        }

        foreach (var (path, text) in targets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            OutputFile.AtomicWrite(path, tmp => File.WriteAllText(tmp, text));
        }
    }

    /// <summary>What was written and the commands to try next, each ready to paste.</summary>
    public static string NextSteps(string folder, string source, IReadOnlyList<StarterFile> files)
    {
        string At(string file) => Shell.Quote(folder == "." ? file : Path.Combine(folder, file));
        bool experiment = files.Any(f => f.Path == StarterFiles.Experiment);
        var lines = new List<string>
        {
            $"wrote {string.Join(", ", files.Where(f => !f.Path.Contains('/', StringComparison.Ordinal)).Select(f => At(f.Path)))}"
                + (files.Any(f => f.Path.Contains('/', StringComparison.Ordinal)) ? " and the posterior it runs over" : "") + $" (from {source})",
            "next:",
            $"  crisissim validate {At(StarterFiles.Scenario)} {At(experiment ? StarterFiles.Experiment : StarterFiles.Calibration)}   # check your edits",
            $"  crisissim run {At(StarterFiles.Scenario)} --trace --out {At("first-run")}   # one run",
            $"  crisissim view {At("first-run")}   # a picture of it: open {At("first-run/" + FileNames.View)} in a browser",
        };
        lines.Add(experiment
            ? $"  crisissim sweep {At(StarterFiles.Experiment)} --out {At("results")}   # the comparison, figures and {At("results/" + FileNames.Report)}"
            : $"  crisissim calibrate {At(StarterFiles.Calibration)} --out {At("calibration")} --dry-run   # its size first");
        lines.Add($"editors: the first line of each YAML file names its schema ({SchemaCommand.FileName("scenario")}); VS Code with the YAML extension completes and checks as you type");
        lines.Add("step by step: docs/tutorial.md");
        return string.Join('\n', lines) + "\n";
    }
}
