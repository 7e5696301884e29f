using System.CommandLine;
using System.Globalization;
using CrisisSim.Cli.Commands.Slurm;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim slurm EXPERIMENT --shards N [...]</c>: writes a ready sbatch job array (one shard per task, using
/// SLURM_ARRAY_TASK_ID; several arrays above MaxArraySize), a merge job that runs after every task ended (afterany) and
/// writes what a single-machine sweep writes, and the scripts that submit them and resubmit exactly the unfinished
/// shards. Plain, inspectable files: no home-made scheduler.
/// </summary>
public static class SlurmCommand
{
    public static Command Create()
    {
        var o = new SlurmOptions();
        var command = new Command("slurm", "Write an sbatch job array for a sweep (one shard per task), a merge job that runs after it, and submit and resubmit scripts");
        foreach (var symbol in o.All)
        {
            if (symbol is Argument a)
            {
                command.Arguments.Add(a);
            }
            else
            {
                command.Options.Add((Option)symbol);
            }
        }

        command.SetAction(parse => Execute(CommandOutput.Of(parse), parse.GetValue(o.Experiment)!, o.JobOf(parse, DefaultCommand), parse.GetValue(o.Out), parse.GetValue(o.Force)));
        return command;
    }

    private static int Execute(CommandOutput io, string experimentPath, SlurmJob job, string? outDir, bool force)
    {
        var exp = ExperimentSource.Load(experimentPath, allowLarge: false);
        if (job.Shards > exp.Runs.Count)
        {
            throw new CliException($"--shards {job.Shards} is more than the {exp.Runs.Count} runs of the experiment");
        }

        string dir = OutputPath.Resolve(outDir ?? Path.Combine(FileNames.DefaultRoot, "slurm-" + exp.Spec.Name));
        WriteFolder(io, dir, SlurmScripts.For(job, exp, experimentPath, dir), force, experimentPath);
        int arrays = job.ArrayOffsets.Count();
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {dir}/{FileNames.SlurmArray} ({job.Shards} shards of ~{(exp.Runs.Count + job.Shards - 1) / job.Shards} runs, {job.Cpus} CPUs each{(arrays > 1 ? $", submitted as {arrays} array jobs of at most {job.MaxArraySize} tasks (--max-array-size)" : "")}), {FileNames.SlurmMerge}, {FileNames.SlurmSubmit} and {FileNames.SlurmResubmit}"));
        io.Out.WriteLine($"jobs run:     {job.Command}{(job.Setup.Count > 0 ? $", after {job.Setup.Count} set-up line(s)" : "")}");
        io.Out.WriteLine($"submit with:  bash {Shell.Quote(Path.Combine(dir, FileNames.SlurmSubmit))}");
        io.Out.WriteLine($"if tasks fail: bash {Shell.Quote(Path.Combine(dir, FileNames.SlurmResubmit))} (resubmits only the unfinished shards, then the merge)");
        io.Out.WriteLine($"results in:   {dir}/{FileNames.SlurmMerged} (logs in {dir}/{FileNames.SlurmLogs}); see docs/cluster.md");
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

    private static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>
    /// The command that runs this crisissim on the nodes: the crisissim executable when that is what runs now (the
    /// self-contained single file, or an apphost), else <c>dotnet /abs/path/crisissim.dll</c> with <c>dotnet</c> found on the
    /// node's PATH (after the --setup lines, e.g. <c>module load dotnet</c>) rather than this machine's dotnet path.
    /// </summary>
    public static string DefaultCommand()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "crisissim")
        {
            return SlurmScripts.Quote(process);
        }

        return "dotnet " + SlurmScripts.Quote(Path.Combine(AppContext.BaseDirectory, "crisissim.dll"));
    }
}
