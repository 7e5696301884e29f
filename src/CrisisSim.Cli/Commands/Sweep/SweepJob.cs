using CrisisSim.Cli.Output;
using CrisisSim.Core.Experiments;

namespace CrisisSim.Cli.Commands.Sweep;

/// <summary>What every phase of one sweep invocation works on: start or resume, the runs, the closing phase.</summary>
/// <param name="Io">Where messages go.</param>
/// <param name="ExperimentPath">The experiment file as the user gave it (for resume hints).</param>
/// <param name="Experiment">The loaded experiment and its run list.</param>
/// <param name="Mine">The runs of this shard, in run_id order (all runs when not sharded).</param>
/// <param name="Folder">The output folder's layout.</param>
/// <param name="Options">The options as parsed.</param>
internal sealed record SweepJob(CommandOutput Io, string ExperimentPath, LoadedExperiment Experiment, IReadOnlyList<RunSpec> Mine, SweepFolder Folder, SweepOptions Options);
