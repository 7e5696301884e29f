namespace CrisisSim.Cli.Output;

/// <summary>
/// An output folder that appears complete or not at all: files are written into a hidden staging folder
/// beside the target, which is renamed into place when everything is written. An existing non-empty
/// target is never overwritten unless forced. A failure or crash leaves the target untouched.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>Where files are written until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Prepares to write <paramref name="target"/>; refuses a non-empty existing folder unless <paramref name="force"/>.</summary>
    public static OutputFolder Begin(string target, bool force)
    {
        target = Path.GetFullPath(target);
        if (System.IO.File.Exists(target))
        {
            throw new CliException($"{target}: is a file; --out needs a folder");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !force)
        {
            throw new CliException($"{target}: the output folder exists and is not empty; choose another --out or pass --force to replace it");
        }

        string parent = Path.GetDirectoryName(target) ?? ".";
        try
        {
            Directory.CreateDirectory(parent);
            string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Environment.ProcessId}");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            return new OutputFolder(target, staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{target}: cannot create the output folder: {ex.Message}");
        }
    }

    /// <summary>Path of <paramref name="file"/> inside the staging folder.</summary>
    public string File(string file) => Path.Combine(Staging, file);

    /// <summary>Moves the finished files into place.</summary>
    public void Commit()
    {
        if (Directory.Exists(Target))
        {
            Directory.Delete(Target, recursive: true);
        }

        Directory.Move(Staging, Target);
        _committed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            try
            {
                Directory.Delete(Staging, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover staging folder is hidden and never mistaken for results
            }
        }
    }
}
