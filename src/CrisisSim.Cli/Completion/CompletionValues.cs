using System.CommandLine.Completions;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Cli.Completion;

/// <summary>
/// Completion sources that options attach (<c>option.CompletionSources.Add(...)</c>), read from the catalogs so a new
/// metric or parameter completes without an edit: runs.csv metrics, ticks.csv series, and the PATH= of every scenario
/// parameter for <c>--set</c>.
/// </summary>
public static class CompletionValues
{
    private static readonly Lazy<IReadOnlyList<string>> s_parameterPaths = new(ParameterPathsOfBuiltIn);

    /// <summary>The runs.csv metrics, in column order.</summary>
    public static IEnumerable<CompletionItem> RunMetrics(CompletionContext context) => MetricCatalog.Runs.Select(m => new CompletionItem(m.Name, detail: m.Caption));

    /// <summary>The ticks.csv series, in column order.</summary>
    public static IEnumerable<CompletionItem> TickSeries(CompletionContext context) => MetricCatalog.Ticks.Select(m => new CompletionItem(m.Name, detail: m.Caption));

    /// <summary>"PATH=" for every scenario parameter, the placeholders of maps and lists filled in from the built-in scenario.</summary>
    public static IEnumerable<CompletionItem> ParameterPaths(CompletionContext context) => s_parameterPaths.Value.Select(p => new CompletionItem(p + "="));

    /// <summary>
    /// The leaf paths of the parameter catalog, with <c>&lt;id&gt;</c> replaced by each key and <c>&lt;i&gt;</c> by
    /// each index the built-in scenario has there (zones.port_core.residents, hazard.explosions.0.time_h). A map or
    /// list the built-in scenario lacks leaves its paths out: there is nothing to fill them with.
    /// </summary>
    private static IReadOnlyList<string> ParameterPathsOfBuiltIn()
    {
        var rows = SchemaCatalog.Table(typeof(Scenario));
        var leaves = rows.Where(r => !rows.Any(o => o.Path.StartsWith(r.Path + ".", StringComparison.Ordinal))).Select(r => r.Path);
        var root = YamlTreeReader.Read(ScenarioSource.BuiltInText(), ScenarioSource.BuiltInName);
        return [.. leaves.SelectMany(p => Expand(root, p.Split('.'), 0, "")).Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Expand(YamlTreeNode? node, string[] segments, int at, string prefix)
    {
        if (at == segments.Length)
        {
            yield return prefix;
            yield break;
        }

        string segment = segments[at];
        IEnumerable<(string Key, YamlTreeNode? Child)> children = segment switch
        {
            "<id>" => node is YamlMapNode map ? map.Entries.Select(e => (e.Key.Value, (YamlTreeNode?)e.Value)) : [],
            "<i>" => node is YamlListNode list ? list.Items.Select((item, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), (YamlTreeNode?)item)) : [],
            _ => [(segment, (node as YamlMapNode)?.Find(segment))],
        };
        foreach (var (key, child) in children)
        {
            foreach (string path in Expand(child, segments, at + 1, prefix.Length == 0 ? key : prefix + "." + key))
            {
                yield return path;
            }
        }
    }
}
