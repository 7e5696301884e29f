using System.CommandLine;
using System.CommandLine.Completions;
using System.Text.RegularExpressions;

namespace CrisisSim.Cli.Completion;

/// <summary>What a shell should offer for an option's or an argument's value.</summary>
public enum ValueKind
{
    /// <summary>Nothing: the option is a flag.</summary>
    None,

    /// <summary>One of a list of words (an option's accepted values or its completion sources).</summary>
    Words,

    /// <summary>A file or folder name.</summary>
    Path,

    /// <summary>A folder name.</summary>
    Folder,

    /// <summary>Free text or a number: nothing to offer.</summary>
    Text,
}

/// <summary>An option as a completion script needs it.</summary>
/// <param name="Names">Its spellings that a shell should complete (--out; -h), the first the longest.</param>
/// <param name="Description">The first clause of its help text.</param>
/// <param name="Kind">What its value is.</param>
/// <param name="Optional">Whether its value may be left out (--progress).</param>
/// <param name="Repeatable">Whether it may be given more than once (--set, --metric).</param>
/// <param name="Words">The words its value is one of, when <see cref="Kind"/> is <see cref="ValueKind.Words"/>.</param>
public sealed record CompletionOption(IReadOnlyList<string> Names, string Description, ValueKind Kind, bool Optional, bool Repeatable, IReadOnlyList<string> Words)
{
    /// <summary>Whether the option reads the next word as its value when one is needed.</summary>
    public bool TakesValue => Kind != ValueKind.None && !Optional;

    /// <summary>Whether a completed word must not be followed by a space (a --set path waits for its value after '=').</summary>
    public bool NoSpace => Words.Any(w => w.EndsWith('='));
}

/// <summary>A positional argument as a completion script needs it.</summary>
/// <param name="Name">Its name in the help text.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Min">How many words it takes at least.</param>
/// <param name="Max">How many words it takes at most.</param>
/// <param name="Words">The words it is one of, when <see cref="Kind"/> is <see cref="ValueKind.Words"/>.</param>
public sealed record CompletionArgument(string Name, ValueKind Kind, int Min, int Max, IReadOnlyList<string> Words);

/// <summary>A command, its options, arguments and subcommands, as a completion script needs them.</summary>
/// <param name="Path">The subcommand names from the root ("" words for the root itself; ["sweep"]).</param>
/// <param name="Description">The first clause of its help text.</param>
/// <param name="Options">Its options, with those of its ancestors that apply to it (--help).</param>
/// <param name="Arguments">Its positional arguments, in order.</param>
/// <param name="Subcommands">Its subcommands.</param>
public sealed record CompletionNode(IReadOnlyList<string> Path, string Description, IReadOnlyList<CompletionOption> Options, IReadOnlyList<CompletionArgument> Arguments, IReadOnlyList<CompletionNode> Subcommands)
{
    /// <summary>The command's name (empty for the root).</summary>
    public string Name => Path.Count == 0 ? "" : Path[^1];

    /// <summary>The path as one key: subcommand names joined by spaces ("" for the root).</summary>
    public string Key => string.Join(' ', Path);

    /// <summary>This command and every command below it, parents first.</summary>
    public IEnumerable<CompletionNode> All() => [this, .. Subcommands.SelectMany(s => s.All())];
}

/// <summary>
/// The command tree of crisissim read for completion scripts: every visible subcommand, option and argument of the
/// root command as <see cref="CrisisSimCli.Build"/> makes it, with the values their completion sources give
/// (<c>AcceptOnlyFromAmong</c>, the metric and parameter catalogs). A new option is in every script without an edit here.
/// </summary>
public static partial class CompletionTree
{
    /// <summary>The program name the scripts complete.</summary>
    public const string Program = "crisissim";

    /// <summary>The tree below <paramref name="root"/>.</summary>
    public static CompletionNode Of(Command root) => Node(root, [], []);

    private static CompletionNode Node(Command command, IReadOnlyList<string> path, IReadOnlyList<Option> inherited)
    {
        var own = command.Options.Where(o => !o.Hidden).ToList();
        var options = own.Concat(inherited.Where(i => own.All(o => o.Name != i.Name))).Select(OptionOf).Where(o => o.Names.Count > 0).ToList();
        var passDown = inherited.Concat(own.Where(o => o.Recursive)).ToList();
        var subcommands = command.Subcommands.Where(s => !s.Hidden).Select(s => Node(s, [.. path, s.Name], passDown)).ToList();
        var arguments = command.Arguments.Where(a => !a.Hidden).Select(ArgumentOf).ToList();
        return new CompletionNode(path, Summary(command.Description), options, arguments, subcommands);
    }

    private static CompletionOption OptionOf(Option option)
    {
        var names = new[] { option.Name }.Concat(option.Aliases).Where(IsCompletableName).Distinct(StringComparer.Ordinal)
            .OrderByDescending(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
        bool flag = option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0;
        var words = flag ? [] : WordsOf(option.GetCompletions(CompletionContext.Empty));
        var kind = flag ? ValueKind.None : KindOf(option.ValueType, words, "");
        return new CompletionOption(names, Summary(option.Description), kind, !flag && option.Arity.MinimumNumberOfValues == 0, option.Arity.MaximumNumberOfValues > 1, words);
    }

    private static CompletionArgument ArgumentOf(Argument argument)
    {
        var words = WordsOf(argument.GetCompletions(CompletionContext.Empty));
        return new CompletionArgument(argument.Name, KindOf(argument.ValueType, words, argument.Name), argument.Arity.MinimumNumberOfValues, argument.Arity.MaximumNumberOfValues, words);
    }

    /// <summary>
    /// What a value is: one of its words if it has any; a file or folder if it is text (a string, a FileInfo; a
    /// DirectoryInfo, or an argument named dir or dirs, is a folder), since every free-text value of crisissim that
    /// a shell can help with names a file or folder; otherwise (a number, a seed) nothing to offer.
    /// </summary>
    private static ValueKind KindOf(Type type, List<string> words, string argumentName)
    {
        if (words.Count > 0)
        {
            return ValueKind.Words;
        }

        var element = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        return element == typeof(DirectoryInfo) || argumentName is "dir" or "dirs" ? ValueKind.Folder
            : element == typeof(string) || element == typeof(FileInfo) || element == typeof(FileSystemInfo) ? ValueKind.Path
            : ValueKind.Text;
    }

    /// <summary>The completion words a shell can take as they are (no quoting needed, no ':' that zsh would split on).</summary>
    private static List<string> WordsOf(IEnumerable<CompletionItem> items) =>
        [.. items.Select(i => i.InsertText ?? i.Label).Where(w => SafeWord().IsMatch(w)).Distinct(StringComparer.Ordinal)];

    /// <summary>A name a shell completes: --long or -s (not the DOS spellings /? and /h, nor -?, which a glob would expand).</summary>
    private static bool IsCompletableName(string name) => name.StartsWith('-') && !name.Contains('?', StringComparison.Ordinal);

    /// <summary>The first clause of a help text: up to the first "; " or ": " outside parentheses, at most about 80 characters, on one line.</summary>
    public static string Summary(string? description)
    {
        string text = (description ?? "").ReplaceLineEndings(" ").Trim();
        int depth = 0;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && text[i] is ';' or ':' && text[i + 1] == ' ')
            {
                text = text[..i];
                break;
            }
        }

        return text.Length <= 80 ? text : text[..(text.LastIndexOf(' ', 79) is var space and > 0 ? space : 79)] + "...";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.,=+/@%-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeWord();
}
