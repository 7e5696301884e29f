namespace CrisisSim.Cli.Output;

/// <summary>How an output folder receives its files.</summary>
public enum OutputMode
{
    /// <summary>The folder is the command's whole result: it must be absent or empty, or is replaced whole with --force.</summary>
    Replace,

    /// <summary>Files are added to the folder (figures): an existing file of the same name is replaced only with --force.</summary>
    Add,
}

/// <summary>
/// An output folder that appears complete or not at all. The target is resolved to its identity
/// (<see cref="OutputPath"/>) and locked (<see cref="WriterLock"/>) before anything is checked; files are
/// written into a hidden staging folder beside it (never inside it) and moved into place by
/// <see cref="Commit"/>. An existing folder is replaced only with --force, never when it holds an input of
/// the command or the current directory, and the old folder is moved aside before the new one moves in, so
/// a crash leaves the old or the new results, never neither.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Files only crisissim writes: a folder holding one of them is earlier results, which --force may replace.</summary>
    private static readonly string[] s_resultMarkers = [FileNames.Runs, FileNames.Runs + FileNames.PartialSuffix, FileNames.SweepManifest, FileNames.Provenance, FileNames.Comparison, FileNames.SlurmArray, FileNames.CalibrationManifest];

    private readonly WriterLock _lock;
    private readonly OutputMode _mode;
    private readonly bool _force;
    private readonly IReadOnlyList<string> _inputs;
    private bool _committed;

    private OutputFolder(string target, string staging, WriterLock held, OutputMode mode, bool force, IReadOnlyList<string> inputs)
    {
        Target = target;
        Staging = staging;
        _lock = held;
        _mode = mode;
        _force = force;
        _inputs = inputs;
    }

    /// <summary>The final folder (resolved).</summary>
    public string Target { get; }

    /// <summary>Where files are written until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Resolves, locks and checks <paramref name="spelled"/>, and creates the staging folder beside it.</summary>
    /// <param name="spelled">The folder as the user gave it.</param>
    /// <param name="force">Whether existing results may be replaced.</param>
    /// <param name="inputs">The command's input files and folders: never replaced, even with --force.</param>
    /// <param name="mode">Whether the folder is replaced whole or files are added to it.</param>
    /// <param name="option">The option that named the folder, for messages.</param>
    public static OutputFolder Begin(string spelled, bool force, IEnumerable<string>? inputs = null, OutputMode mode = OutputMode.Replace, string option = "--out")
    {
        string target = OutputPath.Resolve(spelled, option);
        var resolvedInputs = (inputs ?? []).Select(i => OutputPath.Resolve(i, "input")).ToList();
        var held = WriterLock.Acquire(target);
        try
        {
            CheckTarget(target, force, resolvedInputs, mode);
            string parent = Path.GetDirectoryName(target)!;
            RemoveLeftovers(parent, Path.GetFileName(target));
            string staging = FileNames.Beside(target, FileNames.StagingKind);
            Directory.CreateDirectory(staging);
            return new OutputFolder(target, staging, held, mode, force, resolvedInputs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new CliException($"{target}: cannot prepare the output folder: {WriterLock.Describe(ex)}");
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a target that is a file, that would be replaced without --force, or whose replacement would
    /// destroy an input or the current directory.
    /// </summary>
    public static void CheckTarget(string target, bool force, IReadOnlyList<string> inputs, OutputMode mode)
    {
        if (System.IO.File.Exists(target))
        {
            throw new CliException($"{target}: is a file; this output needs a folder");
        }

        if (mode == OutputMode.Add || !Directory.Exists(target))
        {
            return;
        }

        string cwd = Directory.GetCurrentDirectory();
        if (OutputPath.IsSameOrInside(cwd, target))
        {
            throw new CliException($"{target}: is the current folder or one of its parents; results replace their folder whole, so choose a new folder for --out");
        }

        if (!Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        if (!force)
        {
            throw new CliException($"{target}: the output folder exists and is not empty; choose another --out or pass --force to replace it");
        }

        foreach (string input in inputs)
        {
            if (OutputPath.IsSameOrInside(input, target))
            {
                throw new CliException($"{target}: holds {input}, an input of this command; --force would delete it. Choose another --out");
            }
        }

        if (!HoldsResults(target))
        {
            throw new CliException($"{target}: holds files that crisissim did not write (no {FileNames.Runs}, {FileNames.SweepManifest}, {FileNames.Provenance}, {FileNames.Comparison}, {FileNames.SlurmArray} or {FileNames.CalibrationManifest}); --force replaces only earlier results. Delete it yourself or choose another --out");
        }

    }

    /// <summary>Whether a folder looks like crisissim's results, the only kind --force replaces.</summary>
    public static bool HoldsResults(string folder) =>
        s_resultMarkers.Any(f => System.IO.File.Exists(Path.Combine(folder, f)));

    /// <summary>Path of <paramref name="file"/> inside the staging folder.</summary>
    public string File(string file) => Path.Combine(Staging, file);

    /// <summary>Moves the finished files into place.</summary>
    public void Commit()
    {
        if (_mode == OutputMode.Add)
        {
            CommitAdded();
        }
        else
        {
            CommitReplacing();
        }

        _committed = true;
    }

    private void CommitReplacing()
    {
        string aside = FileNames.Beside(Target, FileNames.ReplacedKind);
        bool hadOld = Directory.Exists(Target);
        if (hadOld)
        {
            Directory.Move(Target, aside); // the old results stay whole until the new ones are in place
        }

        try
        {
            Directory.Move(Staging, Target);
        }
        catch
        {
            if (hadOld)
            {
                Directory.Move(aside, Target);
            }

            throw;
        }

        if (hadOld)
        {
            TryDelete(aside);
        }
    }

    private void CommitAdded()
    {
        var files = Directory.GetFiles(Staging, "*", SearchOption.AllDirectories);
        var conflicts = new List<string>();
        foreach (string f in files)
        {
            string dest = Path.Combine(Target, Path.GetRelativePath(Staging, f));
            if (_inputs.Contains(dest, StringComparer.Ordinal))
            {
                throw new CliException($"{dest}: is an input of this command; it is never overwritten. Choose another --out");
            }

            if (System.IO.File.Exists(dest) || Directory.Exists(dest))
            {
                conflicts.Add(dest);
            }
        }

        if (conflicts.Count > 0 && !_force)
        {
            throw new CliException($"{Target}: {conflicts.Count} file(s) exist already, e.g. {conflicts[0]}; pass --force to replace them, or choose another --out");
        }

        Directory.CreateDirectory(Target);
        foreach (string f in files)
        {
            string dest = Path.Combine(Target, Path.GetRelativePath(Staging, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            System.IO.File.Move(f, dest, overwrite: true);
        }

        TryDelete(Staging);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_committed)
        {
            TryDelete(Staging);
        }

        _lock.Dispose();
    }

    /// <summary>Removes what writers that died left beside a target: only a holder of the lock can see them, and none is running.</summary>
    /// <param name="parent">The folder that holds the target.</param>
    /// <param name="name">The target's name.</param>
    /// <param name="kinds">Which hidden entries (default: partial and replaced folders).</param>
    internal static void RemoveLeftovers(string parent, string name, params string[] kinds)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(parent))
        {
            if (!IsLeftover(Path.GetFileName(entry), name, kinds))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                TryDelete(entry);
            }
            else
            {
                System.IO.File.Delete(entry);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is a dead writer's hidden folder for <paramref name="name"/>:
    /// exactly ".NAME.KIND-PID" (compared as text: a name with * or ? is not a pattern).
    /// </summary>
    internal static bool IsLeftover(string entry, string name, params string[] kinds)
    {
        string prefix = "." + name + ".";
        if (!entry.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = entry[prefix.Length..];
        int dash = rest.LastIndexOf('-');
        return dash > 0 && rest[(dash + 1)..].Length > 0 && rest[(dash + 1)..].All(char.IsAsciiDigit)
            && (kinds.Length == 0 ? rest[..dash] is FileNames.StagingKind or FileNames.ReplacedKind : kinds.Contains(rest[..dash]));
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover hidden folder is never mistaken for results, and the next writer removes it
        }
    }
}
