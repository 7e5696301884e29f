using System.Text.RegularExpressions;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>
/// The values of <c>crisissim slurm</c> that go into the scripts, refused here when sbatch or the shell would reject or
/// misread them (a line break would inject another #SBATCH line), not on the cluster hours later.
/// </summary>
internal static partial class SlurmChecks
{
    /// <summary>First words of a set-up command that someone may give as --crisissim (the review's 'module load …').</summary>
    private static readonly string[] SetupWords = ["module", "ml", "source", ".", "export", "conda", "spack", "eval", "cd", "set", "unset", "alias"];

    /// <summary>Refuses a Slurm time limit sbatch would not take.</summary>
    public static void Time(string option, string time)
    {
        if (!TimePattern().IsMatch(time))
        {
            throw new CliException($"{option} '{Printable(time)}': expected a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 02:00:00)");
        }
    }

    /// <summary>Refuses a memory amount sbatch would not take.</summary>
    public static void Memory(string option, string? mem)
    {
        if (mem is not null && !MemoryPattern().IsMatch(mem))
        {
            throw new CliException($"{option} '{Printable(mem)}': expected a positive amount with an optional unit K, M, G or T (e.g. 4G)");
        }
    }

    /// <summary>Refuses a partition or account that is not a plain name (or comma-separated names).</summary>
    public static void Name(string option, string? value)
    {
        if (value is not null && !NamePattern().IsMatch(value))
        {
            throw new CliException($"{option} '{Printable(value)}': expected a name of letters, digits, '_', '.' or '-' (a comma-separated list for partitions)");
        }
    }

    /// <summary>Refuses a count below <paramref name="min"/>.</summary>
    public static void AtLeast(string option, int value, int min, string what = "")
    {
        if (value < min)
        {
            throw new CliException($"{option} must be at least {min}{what}, not {value}");
        }
    }

    /// <summary>
    /// --crisissim is the command that runs crisissim (a binary, or dotnet and a dll) and nothing else: a command list or
    /// a set-up command (<c>module load …</c>, which used to become <c>exec module load …</c>) is refused with the options to use.
    /// </summary>
    public static void Command(string? command)
    {
        if (command is null)
        {
            return;
        }

        if (command.Trim().Length == 0 || command.Any(char.IsControl))
        {
            throw new CliException("--crisissim: expected the command that runs crisissim, on one line (e.g. /shared/bin/crisissim)");
        }

        string first = command.Trim().Split(' ', 2)[0];
        if (SetupWords.Contains(first, StringComparer.Ordinal) || command.IndexOfAny([';', '&', '|', '<', '>', '`']) >= 0)
        {
            throw new CliException($"--crisissim '{command}': expected only the command that runs crisissim (e.g. --crisissim /shared/bin/crisissim or --crisissim 'dotnet /shared/crisissim/crisissim.dll'); "
                + "put set-up such as 'module load dotnet' in --setup LINE (repeatable) or --setup-file FILE: they run before crisissim in every job script");
        }
    }

    /// <summary>The set-up lines: those of --setup-file (a site's environment), then each --setup; refused when a line holds a control character.</summary>
    public static IReadOnlyList<string> Setup(string[] lines, string? file)
    {
        var setup = new List<string>();
        if (file is not null)
        {
            string[] fileLines = InputText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
            for (int i = 0; i < fileLines.Length; i++)
            {
                if (fileLines[i].Any(c => char.IsControl(c) && c != '\t'))
                {
                    throw new CliException($"--setup-file {file}:{i + 1}: a control character (only text lines are copied into the job scripts)");
                }
            }

            setup.AddRange(fileLines);
        }

        foreach (string line in lines)
        {
            if (line.Any(c => char.IsControl(c) && c != '\t'))
            {
                throw new CliException($"--setup '{Printable(line)}': expected one line (give several --setup options, or a --setup-file, for several lines)");
            }

            setup.Add(line);
        }

        return setup;
    }

    private static string InputText(string file)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"--setup-file {file}: no such file");
        }

        if (new FileInfo(file).Length > 1 << 20)
        {
            throw new CliException($"--setup-file {file}: larger than 1 MB; expected a few set-up lines (module load, export, source)");
        }

        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--setup-file {file}: cannot read it: {WriterLock.Describe(ex)}");
        }
    }

    private static string Printable(string s) => new([.. s.Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex(@"^(\d+-\d{1,2}(:\d{1,2}){0,2}|\d+(:\d{1,2}){0,2}|UNLIMITED|INFINITE)\z")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[1-9]\d*[KMGT]?\z")]
    private static partial Regex MemoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*\z")]
    private static partial Regex NamePattern();
}
