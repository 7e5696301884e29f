namespace CrisisSim.Core.Metrics;

/// <summary>Which direction of a metric is favourable, for comparisons and thresholds.</summary>
public enum Better
{
    /// <summary>Neither: a quantity that describes the response (messages, cost) without a better side.</summary>
    Neither,

    /// <summary>Lower is better: harm, delay, waste.</summary>
    Lower,

    /// <summary>Higher is better: lives saved, people treated.</summary>
    Higher,
}

/// <summary>How prominently a metric is reported.</summary>
public enum Prominence
{
    /// <summary>In the files; compared when named (<c>--metric</c>, or an experiment's compare section).</summary>
    Detail,

    /// <summary>The headline: compared at the end of every factorial sweep, in its report and by <c>crisissim compare</c> unless the experiment names others.</summary>
    Headline,
}

/// <summary>One output column: what it means, its unit, which way is better, how "never" is written.</summary>
/// <param name="Name">The column name in runs.csv or ticks.csv.</param>
/// <param name="Unit">The unit, as axis labels show it.</param>
/// <param name="Better">Which direction is favourable.</param>
/// <param name="Meaning">What the column counts, in the words of the README's column table.</param>
/// <param name="Prominence">Where it is reported by default.</param>
/// <param name="Never">The model's value when the event never happened in the run (e.g. -1), which the column writes as an empty cell (missing, never a number to average), or null.</param>
/// <param name="Short">A few words for sentences, figure titles and axes when <paramref name="Meaning"/> is too long for them, or null.</param>
/// <param name="Count">
/// Whether the column is a whole number in every run: a count (persons, messages, units) or a 0/1 flag. Declared with an
/// accessor typed to return a whole number (<see cref="Counted"/> in <see cref="RunMetrics.Declared"/> and
/// <see cref="TickRecord.Declared"/>), so the compiler holds it; Parquet writes such a column as int64, every other as double.
/// </param>
public sealed record MetricInfo(string Name, string Unit, Better Better, string Meaning, Prominence Prominence = Prominence.Detail, double? Never = null, string? Short = null, bool Count = false)
{
    /// <summary>Longest meaning used as a caption as it is.</summary>
    private const int CaptionLength = 45;

    /// <summary>
    /// What figures call the metric: <see cref="Short"/>, else the meaning when it is short and plain (no colon or
    /// parenthesis), else the column name in words ("rescue time p90 h").
    /// </summary>
    public string Caption => Short
        ?? (Meaning.Length <= CaptionLength && Meaning.IndexOfAny([':', '(']) < 0 ? Meaning : Name.Replace('_', ' '));

    /// <summary>Which direction is favourable, in words: "lower is better", "higher is better", or null for neither.</summary>
    public string? BetterInWords => Better switch
    {
        Better.Lower => "lower is better",
        Better.Higher => "higher is better",
        _ => null,
    };

    /// <summary>A declaration of a count: <paramref name="info"/> marked <see cref="Count"/>, with its whole-number accessor widened for the table.</summary>
    public static (MetricInfo Info, Func<T, double> Value) Counted<T>(MetricInfo info, Func<T, long> value) => (info with { Count = true }, x => value(x));
}

/// <summary>Units that several metrics share, as axis labels show them.</summary>
public static class MetricUnits
{
    /// <summary>People.</summary>
    public const string Persons = "persons";

    /// <summary>Hours of the run.</summary>
    public const string Hours = "hours";

    /// <summary>People times hours.</summary>
    public const string PersonHours = "person-hours";

    /// <summary>A share of the public, 0 to 1.</summary>
    public const string Share = "share of the public";
}

/// <summary>
/// The one declaration of every output metric (runs.csv) and series (ticks.csv). Comparisons, thresholds,
/// figure labels and the README's column table read it. The entries are declared next to the quantities they
/// describe (<see cref="RunMetrics.Declared"/>, <see cref="TickRecord.Declared"/>), so a column cannot lack one.
/// </summary>
public static class MetricCatalog
{
    /// <summary>The runs.csv metrics, in column order.</summary>
    public static IReadOnlyList<MetricInfo> Runs { get; } = [.. RunMetrics.Declared.Select(d => d.Info)];

    /// <summary>The ticks.csv series after run_id, tick and time_h, in column order.</summary>
    public static IReadOnlyList<MetricInfo> Ticks { get; } = [.. TickRecord.Declared.Select(d => d.Info)];

    private static readonly Dictionary<string, MetricInfo> s_runs = Runs.ToDictionary(m => m.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, MetricInfo> s_ticks = Ticks.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The runs.csv metric <paramref name="name"/>, or null.</summary>
    public static MetricInfo? Run(string name) => s_runs.GetValueOrDefault(name);

    /// <summary>A runs.csv metric or, failing that, a ticks.csv series called <paramref name="name"/>, or null.</summary>
    public static MetricInfo? Find(string name) => s_runs.GetValueOrDefault(name) ?? s_ticks.GetValueOrDefault(name);

    /// <summary>The metrics reported at <paramref name="least"/> prominence or more, in column order.</summary>
    public static IReadOnlyList<string> Reported(Prominence least) => [.. Runs.Where(m => m.Prominence >= least).Select(m => m.Name)];
}
