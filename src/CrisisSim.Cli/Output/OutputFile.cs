namespace CrisisSim.Cli.Output;

/// <summary>
/// One output file (a report) written whole or not at all: resolved and locked like an
/// <see cref="OutputFolder"/>, written to a hidden file beside it and renamed into place. An existing file is
/// replaced only with --force, and an input of the command never.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private readonly WriterLock _lock;

    private OutputFile(string target, WriterLock held)
    {
        Target = target;
        _lock = held;
    }

    /// <summary>The final file (resolved).</summary>
    public string Target { get; }

    /// <summary>Resolves, locks and checks <paramref name="spelled"/>.</summary>
    public static OutputFile Begin(string spelled, bool force, IEnumerable<string> inputs, string option = "--out")
    {
        string target = OutputPath.Resolve(spelled, option);
        foreach (string input in inputs.Select(i => OutputPath.Resolve(i, "input")))
        {
            if (OutputPath.IsSameOrInside(input, target))
            {
                throw new CliException($"{target}: is {(input == target ? "" : "a folder holding ")}an input of this command; it is never overwritten. Choose another {option}");
            }
        }

        if (Directory.Exists(target))
        {
            throw new CliException($"{target}: is a folder; {option} needs a file name");
        }

        if (BoundedFile.NotRegular(target) is { } kind)
        {
            throw new CliException($"{target}: is {kind}; it is never replaced. Choose a file name for {option}");
        }

        var held = WriterLock.Acquire(target);
        OutputFolder.RemoveLeftovers(Path.GetDirectoryName(target)!, Path.GetFileName(target), FileNames.TempKind, FileNames.FiguresKind); // a dead writer's temporary file or figures folder

        if (File.Exists(target) && !force)
        {
            held.Dispose();
            throw new CliException($"{target}: exists already; pass --force to replace it, or choose another {option}");
        }

        return new OutputFile(target, held);
    }

    /// <summary>Writes the file through a hidden temporary beside it, then renames it into place.</summary>
    public void Write(Action<string> write) => AtomicWrite(Target, write);

    /// <summary>The one write-then-rename: <paramref name="write"/> fills a hidden file beside <paramref name="path"/>, which then replaces it.</summary>
    public static void AtomicWrite(string path, Action<string> write)
    {
        string tmp = FileNames.Beside(path, FileNames.TempKind);
        try
        {
            write(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}
