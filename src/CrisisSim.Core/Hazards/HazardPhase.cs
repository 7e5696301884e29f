using CrisisSim.Core.Engine;

namespace CrisisSim.Core.Hazards;

/// <summary>
/// Phase 1, hazards: each kind of <see cref="HazardCatalog"/> that the scenario holds acts, in catalog order (the
/// explosion kind always runs: it also decides what is known of the chemicals). The phase keeps what the rest of the
/// model asks of hazards: when the disaster struck, and whether the chemicals are identified.
/// </summary>
internal sealed class HazardPhase : Phase
{
    private readonly ExplosionHazard _explosion;
    private readonly HazardProcess[] _processes;

    public HazardPhase(RunState run)
        : base(run)
    {
        _processes = [.. HazardCatalog.All.Where(k => k == HazardCatalog.Explosion || k.PresentIn(run.Parameters)).Select(k => k.Start(run))];
        _explosion = (ExplosionHazard)_processes[0]; // first in the catalog, and always running
    }

    /// <summary>The processes of the kinds in this run, for the engine to connect and clock.</summary>
    public IReadOnlyList<Phase> Processes => _processes;

    /// <summary>
    /// Tick the disaster struck (the first explosion or shock, or the first zone the water trapped people in), or -1
    /// before (until then a fire is a local incident: the public does not react).
    /// </summary>
    public int OnsetTick { get; private set; } = -1;

    /// <summary>Whether the chemicals' identity is known to anyone (the truth, not a belief).</summary>
    public bool Identified => _explosion.Identified;

    /// <summary>The chemicals are identified: by a monitoring unit of node <paramref name="finder"/>, or (-1) by disclosure of records.</summary>
    public void Identify(int finder) => _explosion.Identify(finder);

    public void Advance()
    {
        foreach (var process in _processes)
        {
            process.Advance();
        }
    }

    /// <summary>The disaster strikes now (the first call counts; later ones change nothing).</summary>
    public void MarkOnset()
    {
        if (OnsetTick < 0)
        {
            OnsetTick = Tick;
        }
    }
}
