using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Scenarios.Presets;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>A scenario ready to run, with the hash of its effective content (after overrides).</summary>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Hash">
/// SHA-256 (hex, first 16 characters) of the canonical form of the effective document, without the zones' map positions
/// (<c>zones.&lt;id&gt;.map</c>: only drawn by crisissim view, so two documents that differ only there run alike and hash alike).
/// </param>
public sealed record LoadedScenario(Scenario Scenario, string Hash)
{
    /// <summary>What the scenario can never do (<see cref="ScenarioWarnings"/>), each at its key's position or the --set that wrote it; never part of a run or of <see cref="Hash"/>.</summary>
    public IReadOnlyList<ScenarioWarning> Warnings { get; init; } = [];
}

/// <summary>Turns scenario text (and overrides) into a validated <see cref="Scenario"/>. Text in, object out: no files.</summary>
public static class ScenarioLoader
{
    /// <summary>Most resident agents a run may hold (memory is about 40 bytes each).</summary>
    public const long MaxResidents = 50_000_000;

    /// <summary>Most field units a run may hold (about 80 bytes each), scheduled and converging together.</summary>
    public const long MaxUnits = 5_000_000;

    /// <summary>
    /// Parses, overrides, binds and validates; throws <see cref="ScenarioException"/> listing every problem.
    /// Overrides are parsed and normalised first, and one parameter given twice is refused. An error that an
    /// override causes is reported at the override (<c>--set PATH=VALUE</c>, with its value), not at the line
    /// of another key in the file.
    /// </summary>
    public static LoadedScenario Load(string text, string source, IEnumerable<string>? overrides = null)
    {
        var root = YamlTreeReader.Read(text, source);
        var parsed = new List<ScenarioOverride>();
        if (root is YamlMapNode)
        {
            // (when the document itself is wrong, report that, not the overrides)
            PresetExpansion.ApplyFilePreset(root);
            parsed.AddRange((overrides ?? []).Select(ScenarioOverrides.Parse));
            ScenarioOverrides.RefuseDuplicates(parsed);
            foreach (var o in PresetExpansion.Order(parsed))
            {
                ScenarioOverrides.Apply(root, o);
            }
        }

        try
        {
            var bound = SchemaBinder.Bind<Scenario>(root, source);
            ScenarioValidator.Validate(bound);
            return new LoadedScenario(bound.Value, ScenarioHash(root!)) { Warnings = ScenarioWarnings.Of(bound) };
        }
        catch (ScenarioException ex) when (parsed.Count > 0)
        {
            throw Attribute(ex, parsed, text, source);
        }
    }

    /// <summary>
    /// Reports each error at the override that caused it: one whose path contains the error's key path (or lies
    /// inside it); otherwise, when the file is valid without the overrides, at the only override (or naming them all).
    /// </summary>
    private static ScenarioException Attribute(ScenarioException ex, List<ScenarioOverride> overrides, string text, string source)
    {
        bool? baseValid = null;
        var errors = new List<ScenarioError>();
        foreach (var e in ex.Errors)
        {
            if (overrides.Any(o => o.Origin == e.Position))
            {
                errors.Add(e);
                continue;
            }

            var cause = overrides.LastOrDefault(o => e.KeyPath.Length > 0 && ParameterPath.Overlaps(o.Path, e.KeyPath));
            if (cause is not null)
            {
                errors.Add(new ScenarioError(cause.Origin, e.KeyPath, $"{e.Message} (with this override; {e.KeyPath} is at {e.Position})"));
                continue;
            }

            baseValid ??= IsValid(text, source);
            if (baseValid == true)
            {
                errors.Add(overrides.Count == 1
                    ? new ScenarioError(overrides[0].Origin, e.KeyPath, $"{e.Message} (with this override; the file alone is valid; {(e.KeyPath.Length > 0 ? e.KeyPath : "the document")} is at {e.Position})")
                    : new ScenarioError(e.Position, e.KeyPath, $"{e.Message} (the file alone is valid; this follows from the overrides {string.Join(", ", overrides.Select(o => $"'{o.Origin.Source}'"))})"));
            }
            else
            {
                errors.Add(e);
            }
        }

        return new ScenarioException(errors);
    }

    private static bool IsValid(string text, string source)
    {
        try
        {
            ScenarioValidator.Validate(SchemaBinder.Bind<Scenario>(YamlTreeReader.Read(text, source), source));
            return true;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    /// <summary>
    /// A short stable hash of a document's canonical form: key order as written; every scalar and key
    /// length-prefixed (so no key or value can imitate the structure around it), nulls and quoting marked,
    /// lists and maps prefixed with their item count. Equal documents hash alike; different ones do not collide
    /// short of SHA-256.
    /// </summary>
    public static string Hash(YamlTreeNode root)
    {
        var sb = new StringBuilder();
        Canonical(root, sb);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>
    /// <see cref="Hash"/> of a scenario document without its zones' map positions (<c>zones.&lt;id&gt;.map</c>), which no
    /// rule of the model reads: adding, moving or removing them changes neither a result nor this hash, nor the design
    /// hash of a sweep on the scenario. A document without map positions hashes as <see cref="Hash"/> does.
    /// </summary>
    public static string ScenarioHash(YamlTreeNode root)
    {
        var sb = new StringBuilder();
        Canonical(root, sb, Skip.ScenarioRoot);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(digest)[..16];
    }

    /// <summary>The canonical encoding <see cref="Hash"/> digests (exposed for tests).</summary>
    public static string CanonicalText(YamlTreeNode root)
    {
        var sb = new StringBuilder();
        Canonical(root, sb);
        return sb.ToString();
    }

    private static void Scalar(char tag, string value, StringBuilder sb) =>
        sb.Append(tag).Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);

    /// <summary>Where <see cref="Canonical"/> is in a scenario document, to leave out zones.&lt;id&gt;.map (None: keep everything).</summary>
    private enum Skip
    {
        None,
        ScenarioRoot,
        Zones,
        Zone,
    }

    private static void Canonical(YamlTreeNode node, StringBuilder sb, Skip skip = Skip.None)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        switch (node)
        {
            case YamlScalarNode { IsNull: true }:
                sb.Append('~');
                break;
            case YamlScalarNode s:
                Scalar(s.Quoted ? 'q' : 's', s.Value, sb);
                break;
            case YamlListNode l:
                sb.Append('l').Append(l.Items.Count.ToString(inv)).Append('[');
                foreach (var item in l.Items)
                {
                    Canonical(item, sb);
                }

                sb.Append(']');
                break;
            case YamlMapNode m:
                var kept = m.Entries.Where(e => !(skip == Skip.Zone && e.Key.Value == "map")).ToList();
                sb.Append('m').Append(kept.Count.ToString(inv)).Append('{');
                foreach (var (k, v) in kept)
                {
                    Scalar('k', k.Value, sb);
                    Canonical(v, sb, skip switch
                    {
                        Skip.ScenarioRoot when k.Value == "zones" => Skip.Zones,
                        Skip.Zones => Skip.Zone,
                        _ => Skip.None,
                    });
                }

                sb.Append('}');
                break;
        }
    }
}
