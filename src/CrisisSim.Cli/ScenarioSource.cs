using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Cli;

/// <summary>Where scenario text comes from: a file, or the built-in Tianjin 8·12 scenario embedded in the binary.</summary>
public static class ScenarioSource
{
    /// <summary>The name under which the built-in scenario is reported: what a user types for it.</summary>
    public const string BuiltInName = ShippedFiles.DefaultScenario;

    /// <summary>The built-in scenario's text (the same bytes as scenarios/tianjin-8-12.yaml).</summary>
    public static string BuiltInText() => ShippedFiles.ReadText(BuiltInName);

    /// <summary>
    /// Reads a scenario or experiment file's text, with a clear error when it cannot be read. Only a regular file
    /// is read: a folder, a character or block device (<c>/dev/zero</c>), a FIFO, a socket is refused before a
    /// single byte is read, and no open can block (see <see cref="BoundedFile"/>). At most
    /// <see cref="Core.Scenarios.Schema.YamlTreeReader.MaxTextLength"/> bytes are read, whatever the file claims.
    /// </summary>
    public static string ReadFile(string path)
    {
        if (ShippedFiles.IsShipped(path))
        {
            return ShippedFiles.ReadText(path);
        }

        if (path.Length == 0)
        {
            throw new CliException("'': expected the path of a scenario or experiment file (.yaml)");
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a folder; expected a scenario file (.yaml)");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file");
        }

        byte[] bytes = BoundedFile.Read(path, Core.Scenarios.Schema.YamlTreeReader.MaxTextLength);
        try
        {
            int bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            throw new CliException($"{path}:1:1: file is not UTF-8 text (is it binary?)");
        }
    }

    /// <summary>Loads a scenario from a file, or the built-in one when <paramref name="path"/> is null, applying overrides.</summary>
    public static (LoadedScenario Loaded, string Source) Load(string? path, IEnumerable<string> overrides)
    {
        string source = path is null ? BuiltInName : ShippedFiles.IsShipped(path) ? ShippedFiles.Find(path).Reference : path;
        string text = path is null ? BuiltInText() : ReadFile(path);
        if (Core.Scenarios.Schema.YamlTreeReader.Read(text, source) is Core.Scenarios.Schema.YamlMapNode top && top.Find("design") is not null && top.Find("zones") is null)
        {
            throw new CliException($"{source}: is an experiment (it has a design:); run it with crisissim sweep {Shell.Quote(source)}");
        }

        return (ScenarioLoader.Load(text, source, overrides), source);
    }
}

/// <summary>
/// Reads a file that must be a regular file, never blocking and never reading more than a bound.
/// <para>
/// On Linux (x86_64 and arm64, whose <c>open</c> flags are the generic ones) the file is opened with libc
/// <c>open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)</c>, so a FIFO opens at once instead of waiting
/// for a writer, and its type is then read with <c>statx(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE)</c> on
/// the open descriptor: <c>struct statx</c> has one layout on every architecture (<c>stx_mode</c> at byte 28,
/// <c>stx_size</c> at byte 40), unlike <c>struct stat</c>. Because the descriptor checked is the one read, a file
/// swapped for a FIFO between a check and the open is still refused. The path is also checked before the open,
/// so that a socket (which cannot be opened) gets the same clear message. Only then is the descriptor wrapped in
/// a <see cref="FileStream"/> and read, at most <c>max + 1</c> bytes.
/// </para>
/// <para>Elsewhere the file is read through <see cref="FileStream"/> with the same byte bound (a FIFO could block there; not tested).</para>
/// </summary>
internal static class BoundedFile
{
    private const int ORdOnly = 0, ONonBlock = 0x800, ONoCtty = 0x100, OCloExec = 0x80000;
    private const int AtFdCwd = -100, AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int StatxModeOffset = 28, StatxSizeOffset = 40, StatxBufferSize = 256;

    private static bool UseLibc => OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>The bytes of <paramref name="path"/>: refused unless a regular file of at most <paramref name="max"/> bytes.</summary>
    public static byte[] Read(string path, int max)
    {
        if (!UseLibc)
        {
            try
            {
                using var managed = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                return ReadAtMost(managed, path, max);
            }
            catch (UnauthorizedAccessException)
            {
                throw new CliException($"{path}: permission denied");
            }
            catch (IOException ex)
            {
                throw new CliException($"{path}: cannot be read: {ex.Message}");
            }
        }

        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        var stat = new byte[StatxBufferSize];
        if (NativeMethods.Statx(AtFdCwd, name, 0, StatxType | StatxSize, stat) == 0)
        {
            Check(path, stat, max);
        }

        int fd = NativeMethods.Open(name, ORdOnly | ONonBlock | ONoCtty | OCloExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new CliException(errno == 13 ? $"{path}: permission denied" : $"{path}: cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (NativeMethods.Statx(fd, [0], AtEmptyPath, StatxType | StatxSize, stat) != 0)
        {
            throw new CliException($"{path}: cannot be read: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        Check(path, stat, max);
        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            return ReadAtMost(stream, path, max);
        }
        catch (IOException ex)
        {
            throw new CliException($"{path}: cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// What <paramref name="path"/> is when it exists and is not a regular file ("a FIFO (named pipe)", "a character
    /// device", …), else null: for result tables and output targets, which must never be opened (a FIFO blocks) or
    /// replaced (a device) when they are something else.
    /// </summary>
    public static string? NotRegular(string path)
    {
        if (!UseLibc)
        {
            return Directory.Exists(path) ? "a folder" : null;
        }

        var stat = new byte[StatxBufferSize];
        if (NativeMethods.Statx(AtFdCwd, Encoding.UTF8.GetBytes(path + "\0"), 0, StatxType, stat) != 0 || (BitConverter.ToUInt32(stat, 0) & StatxType) == 0)
        {
            return null; // absent or unknown: opening it will say what is wrong
        }

        int mode = BitConverter.ToUInt16(stat, StatxModeOffset) & 0xF000;
        return mode == 0x8000 ? null : KindOf(mode);
    }

    /// <summary>The words for a file type (the S_IFMT bits of st_mode) that is not a regular file.</summary>
    private static string KindOf(int mode) => mode switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x4000 => "a folder",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a regular file",
    };

    /// <summary>Refuses <paramref name="path"/> unless it is a regular file (or absent).</summary>
    public static void RequireRegular(string path)
    {
        if (NotRegular(path) is { } kind)
        {
            throw new CliException($"{path}: is {kind}, not a regular file");
        }
    }

    /// <summary>Refuses anything but a regular file, and a regular file larger than <paramref name="max"/> bytes.</summary>
    private static void Check(string path, byte[] stat, int max)
    {
        uint mask = BitConverter.ToUInt32(stat, 0);
        int mode = BitConverter.ToUInt16(stat, StatxModeOffset) & 0xF000;
        if ((mask & StatxType) != 0 && mode != 0x8000)
        {
            throw new CliException($"{path}: is {KindOf(mode)}, not a regular file; expected a scenario or experiment file (.yaml)");
        }

        ulong size = BitConverter.ToUInt64(stat, StatxSizeOffset);
        if ((mask & StatxSize) != 0 && size > (ulong)max)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path}:1:1: file is {size} bytes; scenario and experiment files are at most {max} bytes"));
        }
    }

    /// <summary>Reads to the end, refusing the file as soon as it passes <paramref name="max"/> bytes (whatever it claimed).</summary>
    private static byte[] ReadAtMost(Stream stream, string path, int max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > max)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path}:1:1: file is more than {max} bytes; scenario and experiment files are at most {max} bytes"));
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);
    }
}
