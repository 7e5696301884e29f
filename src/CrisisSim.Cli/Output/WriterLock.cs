using System.Globalization;

namespace CrisisSim.Cli.Output;

/// <summary>
/// The one writer of an output path. The lock is the kernel's (<c>flock</c>, which .NET takes for
/// <see cref="FileShare.None"/>) on a hidden file <c>.NAME.lock</c> beside the resolved target: it is
/// released when the process ends however it ends, so a killed writer never leaves a stale lock, and
/// two spellings of one target meet at one lock file. The lock file is never deleted (deleting it would
/// let a third writer lock a new file while a second still holds the old one); who holds it is written
/// to <c>.NAME.owner</c>, which is only read to name the holder in the refusal.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerFile;

    private WriterLock(FileStream held, string ownerFile)
    {
        _lock = held;
        _ownerFile = ownerFile;
    }

    /// <summary>Locks <paramref name="target"/> (an already resolved path) for this process, or refuses naming the holder.</summary>
    public static WriterLock Acquire(string target)
    {
        string parent = Path.GetDirectoryName(target) ?? throw new CliException($"{target}: cannot write to the root of the file system");
        CreateParent(parent, target);
        string lockFile = FileNames.LockOf(target);
        string ownerFile = FileNames.OwnerOf(target);
        FileStream held;
        try
        {
            held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException ex) when (IsHeldByAnother(ex))
        {
            throw new CliException($"{target}: another crisissim is writing here ({Owner(ownerFile)}); wait for it to finish or stop it, then try again");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{target}: cannot create the lock file {lockFile}: {Describe(ex)}");
        }

        try
        {
            OutputFile.AtomicWrite(ownerFile, tmp => File.WriteAllText(tmp, string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} since {DateTime.UtcNow:O}\n")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new CliException($"{target}: cannot write {ownerFile}: {Describe(ex)}");
        }

        return new WriterLock(held, ownerFile);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            File.Delete(_ownerFile); // before the release, so the next holder's owner file is never the one deleted
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover owner file is only ever read to name a live holder
        }

        _lock.Dispose();
    }

    /// <summary>What an I/O error on an output path is, in words (read-only file system, full disk, permission).</summary>
    public static string Describe(Exception ex) => (ex.HResult & 0xFFFF) switch
    {
        30 => "the file system is read-only",
        28 => "no space left on the device",
        13 or 1 => "permission denied",
        20 => "a part of the path is a file, not a folder",
        _ when ex is UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };

    /// <summary>EWOULDBLOCK from flock (11 on Linux, 35 on macOS) or a Windows sharing violation.</summary>
    private static bool IsHeldByAnother(IOException ex) => ex.HResult is 11 or 35 or unchecked((int)0x80070020);

    private static void CreateParent(string parent, string target)
    {
        for (string? p = parent; p is not null; p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                throw new CliException($"{target}: {p} is a file, not a folder");
            }

            if (Directory.Exists(p))
            {
                break;
            }
        }

        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{target}: cannot create the folder {parent}: {Describe(ex)}");
        }
    }

    private static string Owner(string ownerFile)
    {
        try
        {
            string text = File.ReadAllText(ownerFile).Trim();
            return text.Length > 0 && text.Length < 200 ? text : "pid unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "pid unknown";
        }
    }
}
