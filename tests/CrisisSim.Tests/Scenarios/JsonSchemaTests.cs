using CrisisSim.Core.Communication;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrisisSim.Cli;
using CrisisSim.Cli.Commands;
using CrisisSim.Core.Experiments;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;
using Json.Schema;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// The JSON Schema an editor checks scenario and experiment files against (issue 17) is generated from the same catalog
/// the binder and the loader use: every shipped file passes it, and a file the binder refuses for a key, a type, a range or
/// an enum spelling is refused by the schema too (checked with an independent validator, JsonSchema.Net).
/// </summary>
public class JsonSchemaTests
{
    private static readonly Lazy<JsonSchema> s_scenario = new(() => Build("scenario"));
    private static readonly Lazy<JsonSchema> s_experiment = new(() => Build("experiment"));

    private static JsonSchema Build(string kind) =>
        JsonSchema.Build(JsonDocument.Parse(SchemaCommand.Text(kind)).RootElement, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    [Test]
    public void EveryShippedScenarioAndExperimentPassesItsSchema()
    {
        foreach (var f in ShippedFiles.All.Where(f => f.Kind is ShippedKind.Scenario or ShippedKind.Experiment or ShippedKind.Calibration))
        {
            if (f.Kind == ShippedKind.Calibration)
            {
                continue; // calibration files have their own keys (priors, targets); no schema is promised for them
            }

            var schema = f.Kind == ShippedKind.Scenario ? s_scenario.Value : s_experiment.Value;
            Assert.That(Errors(schema, ShippedFiles.ReadText(f.Reference), f.Path), Is.Empty, f.Path);
        }
    }

    [TestCase("  trust: 0.6", "  trust: 1.5", "trust")]
    [TestCase("  mode: single-government", "  mode: single_government", "mode")]
    [TestCase("  trust: 0.6", "  tust: 0.6", "tust")]
    [TestCase("  horizon_h: 72", "  horizon_h: \"72\"", "horizon_h")]
    [TestCase("  blast_core:", "  Blast-Core:", "Blast-Core")]
    public void WhatTheBinderRefusesTheSchemaRefuses(string line, string replacement, string key)
    {
        Assert.That(Repo.BuiltInText, Does.Contain("\n" + line + "\n"));
        string text = Repo.BuiltInText.Replace("\n" + line + "\n", "\n" + replacement + "\n", StringComparison.Ordinal);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, "s.yaml"), "the binder refuses it");
        var errors = Errors(s_scenario.Value, text, "s.yaml");
        Assert.That(errors, Is.Not.Empty, "the schema refuses it too");
        Assert.That(string.Join("\n", errors), Does.Contain(key).Or.Contain("zones"));
    }

    [Test]
    public void AnExperimentsOverridesAndFactorsAreCheckedByPath()
    {
        const string Good = "name: e\ndesign:\n  kind: factorial\n  arms:\n    co: {governance.mode: co-governance}\n  factors:\n    governance.trust: [0.3, 0.9]\n    zones.qihang_jiayuan.residents: {min: 100, max: 200, step: 50}\nfixed:\n  governance.communication: platform\n";
        Assert.That(Errors(s_experiment.Value, Good, "e.yaml"), Is.Empty);
        foreach (string bad in new[]
        {
            Good.Replace("governance.communication: platform", "governance.communication: email", StringComparison.Ordinal),
            Good.Replace("governance.trust: [0.3, 0.9]", "governance.trust: [0.3, 1.9]", StringComparison.Ordinal),
            Good.Replace("governance.mode: co-governance", "governance.mood: co-governance", StringComparison.Ordinal),
            Good.Replace("kind: factorial", "kind: fractional", StringComparison.Ordinal),
            Good + "replicate: 3\n",
        })
        {
            Assert.That(Errors(s_experiment.Value, bad, "e.yaml"), Is.Not.Empty, bad);
        }
    }

    [Test]
    public void TheSchemasKeysAreTheLoadersKeys()
    {
        var experiment = JsonNode.Parse(SchemaCommand.Text("experiment"))!;
        Assert.That(Keys(experiment["properties"]), Is.EqualTo(ExperimentLoader.TopLevelKeys.Order()));
        Assert.That(Keys(experiment["properties"]!["design"]!["properties"]), Is.EqualTo(ExperimentLoader.DesignKeys.Order()));
        Assert.That(Keys(experiment["properties"]!["compare"]!["properties"]), Is.EqualTo(ExperimentLoader.CompareKeys.Order()));
        Assert.That(Keys(experiment["properties"]!["over"]!["properties"]), Is.EqualTo(ExperimentLoader.OverKeys.Order()));
        var scenario = JsonNode.Parse(SchemaCommand.Text("scenario"))!;
        Assert.That(Keys(scenario["properties"]), Is.EqualTo(SchemaCatalog.Keys(typeof(Scenario)).Order()));
        var trust = scenario["properties"]!["governance"]!["properties"]!["trust"]!;
        Assert.That(trust["minimum"]!.GetValue<double>(), Is.Zero);
        Assert.That(trust["maximum"]!.GetValue<double>(), Is.EqualTo(1));
        Assert.That(trust["description"]!.GetValue<string>(), Does.Contain("(share)").And.Contain("Source:"));
        var rules = experiment["definitions"]!["overrides"]!["properties"]!["governance.communication"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.That(rules, Is.EqualTo(SchemaCatalog.EnumNames(typeof(CommunicationRule)).Select(n => n.Name)));
    }

    [Test]
    public void TheSchemaCommandPrintsOrWritesItOnce()
    {
        using var tmp = new TempDir();
        var printed = CliRunner.Run("schema", "scenario");
        Assert.That(printed.ExitCode, Is.Zero, printed.Stderr);
        Assert.That(printed.Stdout, Is.EqualTo(SchemaCommand.Text("scenario")));
        Assert.That(CliRunner.Run("schema", "experiment", "--out", tmp["e.json"]).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(tmp["e.json"]), Is.EqualTo(SchemaCommand.Text("experiment")));
        var again = CliRunner.Run("schema", "experiment", "--out", tmp["e.json"]);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Stderr, Does.Contain("exists already"));
        Assert.That(CliRunner.Run("schema", "calibration").ExitCode, Is.EqualTo(2));
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).Order();

    /// <summary>The schema's errors for YAML <paramref name="text"/>, each with its instance location.</summary>
    internal static List<string> Errors(JsonSchema schema, string text, string source)
    {
        using var json = JsonDocument.Parse(ToJson(YamlTreeReader.Read(text, source))?.ToJsonString() ?? "null");
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")];
    }

    /// <summary>A YAML tree as JSON, scalars typed as YAML's core schema types them (quoted scalars stay text).</summary>
    private static JsonNode? ToJson(YamlTreeNode? node) => node switch
    {
        YamlMapNode map => new JsonObject(map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        YamlListNode list => new JsonArray([.. list.Items.Select(ToJson)]),
        YamlScalarNode { IsNull: true } => null,
        YamlScalarNode { Quoted: true } s => JsonValue.Create(s.Value),
        YamlScalarNode { Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
        YamlScalarNode s when long.TryParse(s.Value.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) => JsonValue.Create(l),
        YamlScalarNode s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
