using System.CommandLine;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands.Slurm;

/// <summary>The arguments and options of <c>crisissim slurm</c>, and the checked <see cref="SlurmJob"/> they describe.</summary>
internal sealed class SlurmOptions
{
    public Argument<string> Experiment { get; } = new("experiment") { Description = "Experiment file (YAML)" };

    public Option<int> Shards { get; } = new("--shards") { Description = "Number of shards (array tasks)", Required = true };

    public Option<string?> Out { get; } = new("--out") { Description = $"Folder for the scripts, logs, shards and merged results (default: {FileNames.DefaultRoot}/slurm-<name>)" };

    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition (#SBATCH --partition) of every job" };

    public Option<string> Time { get; } = new("--time") { Description = "Time limit per shard (#SBATCH --time)", DefaultValueFactory = _ => "01:00:00" };

    public Option<int> Cpus { get; } = new("--cpus") { Description = "CPUs per shard (#SBATCH --cpus-per-task); the shard uses them all", DefaultValueFactory = _ => 4 };

    public Option<string?> Mem { get; } = new("--mem") { Description = "Memory per shard (#SBATCH --mem), e.g. 4G" };

    public Option<string?> Account { get; } = new("--account") { Description = "Account to charge (#SBATCH --account)" };

    public Option<int> TicksEvery { get; } = new("--ticks-every") { Description = $"Also write {FileNames.Ticks} with every K-th tick (0: none)", DefaultValueFactory = _ => 0 };

    public Option<string?> Crisissim { get; } = new("--crisissim") { Description = "The command that runs crisissim on the nodes, e.g. /shared/bin/crisissim (default: this crisissim: the self-contained binary, or dotnet and this crisissim.dll); set-up goes in --setup" };

    public Option<string[]> Setup { get; } = new("--setup") { Description = "A shell line run before crisissim in every job script, e.g. 'module load dotnet' (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<string?> SetupFile { get; } = new("--setup-file") { Description = "A file of shell lines (e.g. a site's module loads) copied into every job script before crisissim, before the --setup lines" };

    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "Array tasks that run at once (#SBATCH --array=0-K%N; default: no limit)" };

    public Option<int> MaxArraySize { get; } = new("--max-array-size") { Description = "The cluster's MaxArraySize (scontrol show config): more shards are split into several array jobs", DefaultValueFactory = _ => 1001 };

    public Option<int> TermBefore { get; } = new("--term-before") { Description = "Seconds before the time limit at which a shard is sent SIGTERM to save and stop (#SBATCH --signal=B:TERM@S; 0: only Slurm's at the limit)", DefaultValueFactory = _ => 120 };

    public Option<string> MergeTime { get; } = new("--merge-time") { Description = "Time limit of the merge job (merge, comparison, figures, report)", DefaultValueFactory = _ => "01:00:00" };

    public Option<int> MergeCpus { get; } = new("--merge-cpus") { Description = "CPUs of the merge job", DefaultValueFactory = _ => 1 };

    public Option<string?> MergeMem { get; } = new("--merge-mem") { Description = "Memory of the merge job (#SBATCH --mem), e.g. 8G" };

    public Option<string> Format { get; } = new("--format") { Description = $"csv (default), or parquet: the merge also writes {FileNames.RunsParquet} and {FileNames.TicksParquet}", DefaultValueFactory = _ => "csv" };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace an existing non-empty folder (a folder this command wrote gets new scripts; its shards, logs and results stay)" };

    /// <summary>Every symbol, in the order of the help.</summary>
    public Symbol[] All
    {
        get
        {
            Format.AcceptOnlyFromAmong("csv", "parquet");
            return [Experiment, Shards, Out, Partition, Time, Cpus, Mem, Account, TicksEvery, Crisissim, Setup, SetupFile, MaxParallel, MaxArraySize, TermBefore, MergeTime, MergeCpus, MergeMem, Format, Force];
        }
    }

    /// <summary>The job the parsed options describe, every value checked; <paramref name="defaultCommand"/> when --crisissim is not given.</summary>
    public SlurmJob JobOf(ParseResult parse, Func<string> defaultCommand)
    {
        int shards = parse.GetValue(Shards);
        SlurmChecks.AtLeast("--shards", shards, 1);
        SlurmChecks.AtLeast("--cpus", parse.GetValue(Cpus), 1);
        SlurmChecks.AtLeast("--merge-cpus", parse.GetValue(MergeCpus), 1);
        SlurmChecks.AtLeast("--max-array-size", parse.GetValue(MaxArraySize), 1);
        SlurmChecks.AtLeast("--term-before", parse.GetValue(TermBefore), 0, " (0: no early SIGTERM)");
        SlurmChecks.AtLeast("--ticks-every", parse.GetValue(TicksEvery), 0, $" (0: no {FileNames.Ticks})");
        if (parse.GetValue(MaxParallel) is { } n)
        {
            SlurmChecks.AtLeast("--max-parallel", n, 1);
        }

        SlurmChecks.Time("--time", parse.GetValue(Time)!);
        SlurmChecks.Time("--merge-time", parse.GetValue(MergeTime)!);
        SlurmChecks.Memory("--mem", parse.GetValue(Mem));
        SlurmChecks.Memory("--merge-mem", parse.GetValue(MergeMem));
        SlurmChecks.Name("--partition", parse.GetValue(Partition));
        SlurmChecks.Name("--account", parse.GetValue(Account));
        SlurmChecks.Command(parse.GetValue(Crisissim));
        var setup = SlurmChecks.Setup(parse.GetValue(Setup) ?? [], parse.GetValue(SetupFile));
        var merge = new MergeResources(parse.GetValue(MergeTime)!, parse.GetValue(MergeCpus), parse.GetValue(MergeMem));
        return new SlurmJob(shards, parse.GetValue(Partition), parse.GetValue(Time)!, parse.GetValue(Cpus), parse.GetValue(Mem), parse.GetValue(Account),
            parse.GetValue(TicksEvery), parse.GetValue(Crisissim)?.Trim() ?? defaultCommand(), setup, parse.GetValue(MaxParallel), parse.GetValue(MaxArraySize),
            parse.GetValue(TermBefore), merge, parse.GetValue(Format) == "parquet");
    }
}
