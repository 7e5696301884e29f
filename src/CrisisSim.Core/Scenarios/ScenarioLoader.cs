using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Scenarios;

/// <summary>A scenario ready to run, with the hash of its effective content (after overrides).</summary>
/// <param name="Scenario">The validated scenario.</param>
/// <param name="Hash">SHA-256 (hex, first 16 characters) of the canonical form of the effective document.</param>
public sealed record LoadedScenario(Scenario Scenario, string Hash);

/// <summary>Turns scenario text (and overrides) into a validated <see cref="Scenario"/>. Text in, object out: no files.</summary>
public static class ScenarioLoader
{
    /// <summary>Most resident agents a run may hold (memory is about 40 bytes each).</summary>
    public const long MaxResidents = 50_000_000;

    /// <summary>Most field units a run may hold (about 80 bytes each), scheduled and converging together.</summary>
    public const long MaxUnits = 5_000_000;

    /// <summary>Parses, overrides, binds and validates; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static LoadedScenario Load(string text, string source, IEnumerable<string>? overrides = null)
    {
        var root = YamlTreeReader.Read(text, source);
        foreach (string assignment in overrides ?? [])
        {
            if (root is not YamlMapNode)
            {
                break; // the document itself is wrong: report that, not the override
            }

            ScenarioOverrides.Apply(root, assignment);
        }

        var bound = SchemaBinder.Bind<Scenario>(root, source);
        ScenarioValidator.Validate(bound);
        return new LoadedScenario(bound.Value, Hash(root!));
    }

    /// <summary>A short stable hash of a document's canonical form (key order as written, values as text).</summary>
    public static string Hash(YamlTreeNode root)
    {
        var sb = new StringBuilder();
        Canonical(root, sb);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexStringLower(digest)[..16];
    }

    private static void Canonical(YamlTreeNode node, StringBuilder sb)
    {
        switch (node)
        {
            case YamlScalarNode s:
                sb.Append('"').Append(s.Value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case YamlListNode l:
                sb.Append('[');
                foreach (var item in l.Items)
                {
                    Canonical(item, sb);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case YamlMapNode m:
                sb.Append('{');
                foreach (var (k, v) in m.Entries)
                {
                    sb.Append(k.Value).Append(':');
                    Canonical(v, sb);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
        }
    }
}
