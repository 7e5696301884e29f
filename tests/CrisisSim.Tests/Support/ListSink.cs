using CrisisSim.Core.Metrics;

namespace CrisisSim.Tests.Support;

/// <summary>A trace sink that keeps every event of a run in memory, for tests that read the run's story.</summary>
public sealed class ListSink : ITraceSink
{
    /// <summary>The events, in the order the run produced them.</summary>
    public List<TraceEvent> Events { get; } = [];

    /// <inheritdoc/>
    public void Record(in TraceEvent e) => Events.Add(e);
}
