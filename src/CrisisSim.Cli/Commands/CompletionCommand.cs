using System.CommandLine;
using CrisisSim.Cli.Completion;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim completion bash|zsh|pwsh</c>: prints a tab-completion script for that shell, generated from the
/// command tree it is part of (subcommands, options, option values, files and folders). The script is static: it
/// needs no extra tool (System.CommandLine's own completion needs the dotnet-suggest global tool) and starts no
/// process per TAB; it is regenerated after an upgrade.
/// </summary>
public static class CompletionCommand
{
    /// <summary>The shells a script is written for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or pwsh (PowerShell)" };
        shell.AcceptOnlyFromAmong(Shells);
        var command = new Command("completion", "Print a shell completion script (bash, zsh, pwsh)") { shell };
        command.SetAction(parse =>
        {
            var io = CommandOutput.Of(parse);
            io.Out.Write(Script(parse.GetValue(shell)!, parse.RootCommandResult.Command));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The completion script for <paramref name="shell"/> of the tree below <paramref name="root"/>.</summary>
    public static string Script(string shell, Command root)
    {
        var tree = CompletionTree.Of(root);
        return shell switch
        {
            "bash" => BashScript.For(tree),
            "zsh" => ZshScript.For(tree),
            "pwsh" => PwshScript.For(tree),
            _ => throw new CliException($"completion: no script for the shell '{shell}'; the shells are {string.Join(", ", Shells)}"),
        };
    }
}
