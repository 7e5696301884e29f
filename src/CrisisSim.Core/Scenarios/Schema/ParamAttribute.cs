namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>
/// Declares a scenario value: its YAML key, meaning, unit, accepted range and source. The binder
/// validates against it and the parameter table in docs/model.md is generated from it, so the model
/// document and the code cannot drift apart.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ParamAttribute : Attribute
{
    /// <summary>Declares the key <paramref name="key"/> with its meaning.</summary>
    public ParamAttribute(string key, string meaning)
    {
        Key = key;
        Meaning = meaning;
    }

    /// <summary>The snake_case key in the scenario file.</summary>
    public string Key { get; }

    /// <summary>What the value means in the model.</summary>
    public string Meaning { get; }

    /// <summary>Unit of the value ("h", "min", "persons", "share", "–" for dimensionless).</summary>
    public string Unit { get; init; } = "–";

    /// <summary>Smallest accepted value (numbers; lists: fewest items).</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Largest accepted value (numbers; lists: most items).</summary>
    public double Max { get; init; } = double.NaN;

    /// <summary>Where the default comes from: a fact or paper cited by its section of docs/sources.md ("sources.md §1.1: …"), or "assumption".</summary>
    public string Source { get; init; } = "assumption";

    /// <summary>Whether the key must be present in the file.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// A key this one replaced, with what changed ("capacity_per_tick: now a rate per hour, …"): a file that still uses
    /// the old key gets that explanation instead of a bare "unknown key".
    /// </summary>
    public string? Replaces { get; init; }
}

/// <summary>The spelling of an enum member in scenario files (e.g. "co-governance").</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class YamlNameAttribute : Attribute
{
    /// <summary>Names the member <paramref name="name"/> in files.</summary>
    public YamlNameAttribute(string name) => Name = name;

    /// <summary>The spelling in files.</summary>
    public string Name { get; }
}

/// <summary>Implemented by items of a YAML mapping keyed by id (zones, actors): the binder sets the id from the key.</summary>
public interface IKeyed
{
    /// <summary>The item's id: its key in the mapping.</summary>
    string Id { get; set; }
}
