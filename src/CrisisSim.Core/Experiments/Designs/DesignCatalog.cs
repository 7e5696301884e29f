namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// Every design type, in the order messages list them. The one place a new type is registered: the loader finds
/// <c>design.kind</c> here, allows the union of the types' settings, and every message that names kinds reads
/// the names from here.
/// </summary>
public static class DesignCatalog
{
    /// <summary>The registered types, each with its default settings.</summary>
    public static IReadOnlyList<IDesignType> All { get; } =
    [
        new FactorialDesign(),
        new LhsDesign(),
        new MorrisDesign(),
        new SobolDesign(),
    ];

    /// <summary>The type assumed while reading a section whose kind is missing or unknown (an error is reported then).</summary>
    public static IDesignType Default => All[0];

    /// <summary>
    /// The settings allowed in any design section: each key once, as first declared, in catalog order (today
    /// samples, trajectories, levels).
    /// </summary>
    public static IReadOnlyList<DesignSetting> Settings { get; } = [.. All.SelectMany(t => t.Settings).DistinctBy(s => s.Key)];

    /// <summary>The type named <paramref name="name"/> (exact, lower case), or null.</summary>
    public static IDesignType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// The names of the types <paramref name="which"/> selects, for a message: "a", "a or b", "a, b or c" (with
    /// <paramref name="conjunction"/> "or").
    /// </summary>
    public static string Names(Func<IDesignType, bool> which, string conjunction)
    {
        var names = All.Where(which).Select(t => t.Name).ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + $" {conjunction} " + names[^1];
    }
}
