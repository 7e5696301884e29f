namespace CrisisSim.Core.Experiments;

/// <summary>One point of a design: the overrides that define it.</summary>
/// <param name="PointId">Index of the point in the design.</param>
/// <param name="Arm">The arm's name, or "" when the design has no arms.</param>
/// <param name="Values">The value of each factor at this point, as text, in factor order.</param>
/// <param name="Overrides">Every PATH=VALUE override of this point (arm first, then factors).</param>
/// <param name="SeedStream">
/// The stream its replicates' seeds derive from, under the master seed (null: the master seed itself, so every point
/// shares replicate r's seed). Points at one parameter set of a posterior share one stream: common random numbers
/// across arms, independent noise across sets.
/// </param>
public sealed record DesignPoint(int PointId, string Arm, IReadOnlyList<string> Values, IReadOnlyList<string> Overrides, string? SeedStream = null);

/// <summary>One run of a sweep: a point, a replicate and its seed, all fixed before dispatch.</summary>
/// <param name="RunId">Position in runs.csv.</param>
/// <param name="Point">The design point.</param>
/// <param name="Replicate">Replicate index.</param>
/// <param name="Seed">The run seed: derived from (master seed, the point's seed stream, replicate) only, so arms share seeds.</param>
public sealed record RunSpec(long RunId, DesignPoint Point, int Replicate, ulong Seed);
