using System.CommandLine;
using System.Globalization;
using CrisisSim.Cli.Commands.Slurm;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim slurm EXPERIMENT --shards N [...]</c>: writes a ready sbatch job array (one shard per task,
/// using SLURM_ARRAY_TASK_ID) and a merge job that runs after every shard succeeded (afterok), plus a
/// submit script. Plain, inspectable files: no home-made scheduler.
/// </summary>
public static class SlurmCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment file (YAML)" };
        var shards = new Option<int>("--shards") { Description = "Number of shards (array tasks)", Required = true };
        var outDir = new Option<string?>("--out") { Description = $"Folder for the scripts, logs, shards and merged results (default: {FileNames.DefaultRoot}/slurm-<name>)" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (#SBATCH --partition)" };
        var time = new Option<string>("--time") { Description = "Time limit per shard (#SBATCH --time)", DefaultValueFactory = _ => "01:00:00" };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per shard (#SBATCH --cpus-per-task); the shard uses them all", DefaultValueFactory = _ => 4 };
        var mem = new Option<string?>("--mem") { Description = "Memory per shard (#SBATCH --mem), e.g. 4G" };
        var account = new Option<string?>("--account") { Description = "Account to charge (#SBATCH --account)" };
        var ticksEvery = new Option<int>("--ticks-every") { Description = $"Also write {FileNames.Ticks} with every K-th tick (0: none)", DefaultValueFactory = _ => 0 };
        var crisissim = new Option<string?>("--crisissim") { Description = "Command that runs crisissim on the cluster (default: this binary, as run now)" };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty folder" };
        var command = new Command("slurm", "Write an sbatch job array for a sweep (one shard per task) and a merge job that runs after it")
        {
            experiment, shards, outDir, partition, time, cpus, mem, account, ticksEvery, crisissim, force,
        };
        command.SetAction(parse => Execute(
            CommandOutput.Of(parse), parse.GetValue(experiment)!, parse.GetValue(shards), parse.GetValue(outDir), parse.GetValue(partition), parse.GetValue(time)!,
            parse.GetValue(cpus), parse.GetValue(mem), parse.GetValue(account), parse.GetValue(ticksEvery), parse.GetValue(crisissim), parse.GetValue(force)));
        return command;
    }

    private static int Execute(CommandOutput io, string experimentPath, int shards, string? outDir, string? partition, string time, int cpus, string? mem, string? account, int ticksEvery, string? crisissim, bool force)
    {
        if (shards < 1)
        {
            throw new CliException($"--shards must be at least 1, not {shards}");
        }

        if (cpus < 1)
        {
            throw new CliException($"--cpus must be at least 1, not {cpus}");
        }

        CheckOptions(time, mem, partition, account, ticksEvery, crisissim);
        var exp = ExperimentSource.Load(experimentPath, allowLarge: false);
        if (shards > exp.Runs.Count)
        {
            throw new CliException($"--shards {shards} is more than the {exp.Runs.Count} runs of the experiment");
        }

        string dir = OutputPath.Resolve(outDir ?? Path.Combine(FileNames.DefaultRoot, "slurm-" + exp.Spec.Name));
        var job = new SlurmJob(shards, partition, time, cpus, mem, account, ticksEvery, crisissim ?? DefaultCommand());
        WriteFolder(io, dir, SlurmScripts.For(job, exp, experimentPath, dir), force, experimentPath);
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {dir}/{FileNames.SlurmArray} ({shards} shards of ~{(exp.Runs.Count + shards - 1) / shards} runs, {cpus} CPUs each), {FileNames.SlurmMerge} and {FileNames.SlurmSubmit}"));
        io.Out.WriteLine($"submit with:  bash {dir}/{FileNames.SlurmSubmit}");
        io.Out.WriteLine($"results in:   {dir}/{FileNames.SlurmMerged} (logs in {dir}/{FileNames.SlurmLogs}); docs/cluster.md explains resuming failed tasks");
        return ExitCodes.Success;
    }

    /// <summary>
    /// A new folder appears whole (<see cref="OutputFolder"/>). With --force, a folder this command wrote before gets
    /// new scripts only: its shards, logs and merged results stay (they may be hours of work).
    /// </summary>
    private static void WriteFolder(CommandOutput io, string dir, (string Name, string Text)[] scripts, bool force, string experimentPath)
    {
        if (force && File.Exists(Path.Combine(dir, FileNames.SlurmArray)))
        {
            using var held = WriterLock.Acquire(dir);
            foreach (var (name, text) in scripts)
            {
                OutputFile.AtomicWrite(Path.Combine(dir, name), tmp => Write(tmp, text));
            }

            Directory.CreateDirectory(Path.Combine(dir, FileNames.SlurmLogs));
            Directory.CreateDirectory(Path.Combine(dir, FileNames.SlurmShards));
            io.Out.WriteLine($"rewrote the scripts in {dir}; its shards, logs and merged results are kept");
            return;
        }

        using var folder = OutputFolder.Begin(dir, force, [experimentPath]);
        Directory.CreateDirectory(folder.File(FileNames.SlurmLogs));
        Directory.CreateDirectory(folder.File(FileNames.SlurmShards));
        foreach (var (name, text) in scripts)
        {
            Write(folder.File(name), text);
        }

        folder.Commit();
    }

    /// <summary>
    /// Values that go into #SBATCH lines must be what Slurm accepts: a value that is not (or that holds a line
    /// break, which would inject another #SBATCH line) is refused here, not by sbatch on the cluster.
    /// </summary>
    private static void CheckOptions(string time, string? mem, string? partition, string? account, int ticksEvery, string? crisissim)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(time, @"^(\d+-\d{1,2}(:\d{1,2}){0,2}|\d+(:\d{1,2}){0,2}|UNLIMITED|INFINITE)$"))
        {
            throw new CliException($"--time '{Printable(time)}': expected a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 02:00:00)");
        }

        if (mem is not null && !System.Text.RegularExpressions.Regex.IsMatch(mem, @"^[1-9]\d*[KMGT]?$"))
        {
            throw new CliException($"--mem '{Printable(mem)}': expected a positive amount with an optional unit K, M, G or T (e.g. 4G)");
        }

        foreach (var (name, value) in new[] { ("--partition", partition), ("--account", account) })
        {
            if (value is not null && !System.Text.RegularExpressions.Regex.IsMatch(value, @"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$"))
            {
                throw new CliException($"{name} '{Printable(value)}': expected a name of letters, digits, '_', '.' or '-' (a comma-separated list for partitions)");
            }
        }

        if (ticksEvery < 0)
        {
            throw new CliException($"--ticks-every must be 0 (no {FileNames.Ticks}) or more, not {ticksEvery}");
        }

        if (crisissim is not null && (crisissim.Length == 0 || crisissim.Any(char.IsControl)))
        {
            throw new CliException("--crisissim: expected a command on one line");
        }
    }

    private static string Printable(string s) => new([.. s.Select(c => char.IsControl(c) ? '?' : c)]);

    private static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>The command that runs this crisissim: the apphost, or "dotnet path/crisissim.dll".</summary>
    public static string DefaultCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string dll = typeof(SlurmCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? $"{SlurmScripts.Quote(process)} {SlurmScripts.Quote(dll)}" : SlurmScripts.Quote(process);
    }
}
