using System.CommandLine;
using System.Globalization;
using System.Text;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim slurm EXPERIMENT --shards N [...]</c>: writes a ready sbatch job array (one shard per task,
/// using SLURM_ARRAY_TASK_ID) and a merge job that runs after every shard succeeded (afterok), plus a
/// submit script. Plain, inspectable files: no home-made scheduler.
/// </summary>
public static class SlurmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var experiment = new Argument<string>("experiment") { Description = "Experiment file (YAML)" };
        var shards = new Option<int>("--shards") { Description = "Number of shards (array tasks)", Required = true };
        var outDir = new Option<string?>("--out") { Description = "Folder for the scripts, logs, shards and merged results (default: results/slurm-<name>)" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (#SBATCH --partition)" };
        var time = new Option<string>("--time") { Description = "Time limit per shard (#SBATCH --time)", DefaultValueFactory = _ => "01:00:00" };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per shard (#SBATCH --cpus-per-task); the shard uses them all", DefaultValueFactory = _ => 4 };
        var mem = new Option<string?>("--mem") { Description = "Memory per shard (#SBATCH --mem), e.g. 4G" };
        var account = new Option<string?>("--account") { Description = "Account to charge (#SBATCH --account)" };
        var ticksEvery = new Option<int>("--ticks-every") { Description = "Also write ticks.csv with every K-th tick (0: none)", DefaultValueFactory = _ => 0 };
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

        string dir = OutputPath.Resolve(outDir ?? Path.Combine("results", "slurm-" + exp.Spec.Name));
        string cmd = crisissim ?? DefaultCommand();
        string exp_ = Quote(Path.GetFullPath(experimentPath));
        string q = Quote(dir);
        string logs = SbatchPath(Path.Combine(dir, "logs"));

        var array = new StringBuilder();
        array.Append("#!/bin/bash\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=crisissim-{Safe(exp.Spec.Name)}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{shards - 1}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        array.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{logs}/shard-%A_%a.out\"\n");
        AppendOptional(array, partition, mem, account);
        array.Append(CultureInfo.InvariantCulture, $"# One shard of {exp.Runs.Count} runs ({exp.Points.Count} points × {exp.Spec.Replicates} replicates) per array task.\n");
        array.Append("# Re-running a task resumes its shard (--resume): resubmit failed tasks with e.g. sbatch --array=3,7 array.sbatch\n");
        array.Append("set -euo pipefail\n");
        array.Append(CultureInfo.InvariantCulture,
            $"exec {cmd} sweep {exp_} --out {q}/shards/shard-$SLURM_ARRAY_TASK_ID --shard $SLURM_ARRAY_TASK_ID/{shards} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" --ticks-every {ticksEvery} --resume --progress\n");

        var merge = new StringBuilder();
        merge.Append("#!/bin/bash\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=crisissim-{Safe(exp.Spec.Name)}-merge\n");
        merge.Append("#SBATCH --cpus-per-task=1\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        merge.Append(CultureInfo.InvariantCulture, $"#SBATCH --output=\"{logs}/merge-%j.out\"\n");
        AppendOptional(merge, partition, mem, account);
        merge.Append("# Joins the shards into the files one machine would have written, then compares the arms.\n");
        merge.Append("set -euo pipefail\n");
        merge.Append(CultureInfo.InvariantCulture, $"{cmd} merge {q}/shards --out {q}/merged --force\n");
        merge.Append(CultureInfo.InvariantCulture, $"{cmd} compare {q}/merged --out {q}/merged/compare --force || true\n");

        var submit = new StringBuilder();
        submit.Append("#!/bin/bash\n");
        submit.Append("# Submits the shard array and a merge job that starts only when every shard succeeded.\n");
        submit.Append("set -euo pipefail\n");
        submit.Append("cd \"$(dirname \"$0\")\"\n");
        submit.Append("array=$(sbatch --parsable array.sbatch)\n");
        submit.Append("array=${array%%;*}\n");
        submit.Append("merge=$(sbatch --parsable --dependency=afterok:$array merge.sbatch)\n");
        submit.Append("merge=${merge%%;*}\n");
        submit.Append(CultureInfo.InvariantCulture, $"echo \"submitted shard array $array ({shards} tasks) and merge job $merge\"\n");
        submit.Append(CultureInfo.InvariantCulture, $"echo \"follow with: squeue -j $array,$merge   results: {dir}/merged\"\n");

        var scripts = new[] { ("array.sbatch", array.ToString()), ("merge.sbatch", merge.ToString()), ("submit.sh", submit.ToString()) };
        if (force && File.Exists(Path.Combine(dir, "array.sbatch")))
        {
            // A folder of this command's: new scripts, while its shards, logs and merged results stay (they may be hours of work).
            using var held = WriterLock.Acquire(dir);
            foreach (var (name, text) in scripts)
            {
                OutputFile.AtomicWrite(Path.Combine(dir, name), tmp => Write(tmp, text));
            }

            Directory.CreateDirectory(Path.Combine(dir, "logs"));
            Directory.CreateDirectory(Path.Combine(dir, "shards"));
            io.Out.WriteLine($"rewrote the scripts in {dir}; its shards, logs and merged results are kept");
        }
        else
        {
            using var folder = OutputFolder.Begin(dir, force, [experimentPath]);
            Directory.CreateDirectory(folder.File("logs"));
            Directory.CreateDirectory(folder.File("shards"));
            foreach (var (name, text) in scripts)
            {
                Write(folder.File(name), text);
            }

            folder.Commit();
        }

        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {dir}/array.sbatch ({shards} shards of ~{(exp.Runs.Count + shards - 1) / shards} runs, {cpus} CPUs each), merge.sbatch and submit.sh"));
        io.Out.WriteLine($"submit with:  bash {dir}/submit.sh");
        io.Out.WriteLine($"results in:   {dir}/merged (logs in {dir}/logs); docs/cluster.md explains resuming failed tasks");
        return ExitCodes.Success;
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
            throw new CliException($"--ticks-every must be 0 (no ticks.csv) or more, not {ticksEvery}");
        }

        if (crisissim is not null && (crisissim.Length == 0 || crisissim.Any(char.IsControl)))
        {
            throw new CliException("--crisissim: expected a command on one line");
        }
    }

    private static string Printable(string s) => new([.. s.Select(c => char.IsControl(c) ? '?' : c)]);

    private static void AppendOptional(StringBuilder sb, string? partition, string? mem, string? account)
    {
        if (partition is not null)
        {
            sb.Append("#SBATCH --partition=").Append(partition).Append('\n');
        }

        if (mem is not null)
        {
            sb.Append("#SBATCH --mem=").Append(mem).Append('\n');
        }

        if (account is not null)
        {
            sb.Append("#SBATCH --account=").Append(account).Append('\n');
        }
    }

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
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? $"{Quote(process)} {Quote(dll)}" : Quote(process);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A path for an #SBATCH filename option: inside double quotes, with % (a Slurm filename pattern) written as %%.</summary>
    private static string SbatchPath(string path)
    {
        if (path.Contains('"', StringComparison.Ordinal))
        {
            throw new CliException($"{path}: a folder with a double quote cannot be named in an #SBATCH line; choose another --out");
        }

        return path.Replace("%", "%%", StringComparison.Ordinal);
    }

    private static string Safe(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
