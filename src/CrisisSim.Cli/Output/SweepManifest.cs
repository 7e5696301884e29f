using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrisisSim.Cli.Output;

/// <summary>
/// sweep.json, the one description of a sweep folder: what was run (experiment, hashes, design size,
/// shard, options) and how far it got. This type is its only schema: every command reads it through
/// <see cref="Read"/>, which checks each field's presence and type and names the field that is wrong.
/// </summary>
public sealed record SweepManifest
{
    /// <summary>crisissim version that started the sweep.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>.NET runtime version that started the sweep.</summary>
    public required string DotnetVersion { get; init; }

    /// <summary>The experiment file as given.</summary>
    public required string Experiment { get; init; }

    /// <summary>The name: of the experiment file, which titles the report and names a default output folder.</summary>
    public required string ExperimentName { get; init; }

    /// <summary>The experiment file's text (so a report or resume can re-read it).</summary>
    public required string ExperimentText { get; init; }

    /// <summary>The scenario's source name.</summary>
    public required string Scenario { get; init; }

    /// <summary>Hash of the effective base scenario.</summary>
    public required string ScenarioHash { get; init; }

    /// <summary>Hash of experiment and scenario: a resume or merge must match it.</summary>
    public required string DesignHash { get; init; }

    /// <summary>factorial, lhs, morris or sobol.</summary>
    public required string DesignKind { get; init; }

    /// <summary>The factor columns of runs.csv.</summary>
    public required IReadOnlyList<string> Factors { get; init; }

    /// <summary>The master seed, as text (64-bit).</summary>
    public required string MasterSeed { get; init; }

    /// <summary>Replicates per design point; replicate r has the same seed at every point (common random numbers, which the paired comparison relies on).</summary>
    public required int Replicates { get; init; }

    /// <summary>Design points of the whole sweep (not only this shard).</summary>
    public required long Points { get; init; }

    /// <summary>Runs of the whole sweep.</summary>
    public required long Runs { get; init; }

    /// <summary>This folder's shard (0 when not sharded).</summary>
    public required int ShardIndex { get; init; }

    /// <summary>Shards of the sweep (1 when not sharded).</summary>
    public required int ShardCount { get; init; }

    /// <summary>Runs this folder holds when complete: those with run_id mod ShardCount = ShardIndex.</summary>
    public required long ShardRuns { get; init; }

    /// <summary>Every K-th tick goes to ticks.csv (0: none).</summary>
    public required int TicksEvery { get; init; }

    /// <summary>csv, or parquet (also runs.parquet and ticks.parquet).</summary>
    public string Format { get; init; } = "csv";

    /// <summary>When the sweep started (UTC, ISO 8601).</summary>
    public required string StartedUtc { get; init; }

    /// <summary>True only when every promised output (<see cref="Outputs"/>) was written.</summary>
    public bool Complete { get; init; }

    /// <summary>The files the closing phase wrote, relative to the folder; a resume checks each exists.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>When the sweep finished (UTC).</summary>
    public string? FinishedUtc { get; init; }

    /// <summary>Seconds of the last session that ran runs.</summary>
    public double? LastSessionElapsedS { get; init; }

    /// <summary>Runs with status failed, over every session (a merged sweep sums its shards').</summary>
    public long? FailedRuns { get; init; }

    /// <summary>The shard folders a merged sweep came from.</summary>
    public IReadOnlyList<string>? MergedFrom { get; init; }

    /// <summary>When the shards were merged (UTC).</summary>
    public string? MergedUtc { get; init; }

    /// <summary>The sweep's comparison (<see cref="Analysis.ComparisonPlan.ToJson"/>), for a design that compares groups; null otherwise.</summary>
    public JsonObject? Comparison { get; init; }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Reads and checks <paramref name="path"/>; a file that is not a sweep manifest is a clear error, never an exception.</summary>
    public static SweepManifest Read(string path)
    {
        var f = new Fields(ReadObject(path), path);
        var m = new SweepManifest
        {
            ToolVersion = f.Text("tool_version"),
            DotnetVersion = f.Text("dotnet_version"),
            Experiment = f.Text("experiment"),
            ExperimentName = f.Text("experiment_name"),
            ExperimentText = f.Text("experiment_text"),
            Scenario = f.Text("scenario"),
            ScenarioHash = f.Text("scenario_hash"),
            DesignHash = f.Text("design_hash"),
            DesignKind = f.Text("design_kind"),
            Factors = f.Texts("factors") ?? throw f.Missing("factors", "a list of column names"),
            MasterSeed = f.Text("master_seed"),
            Replicates = (int)f.Whole("replicates", 1, int.MaxValue),
            Points = f.Whole("points", 1, long.MaxValue),
            Runs = f.Whole("runs", 1, long.MaxValue),
            ShardIndex = (int)f.Whole("shard_index", 0, int.MaxValue),
            ShardCount = (int)f.Whole("shard_count", 1, int.MaxValue),
            ShardRuns = f.Whole("shard_runs", 0, long.MaxValue),
            TicksEvery = (int)f.Whole("ticks_every", 0, int.MaxValue),
            Format = f.OptionalText("format") ?? "csv",
            StartedUtc = f.Text("started_utc"),
            Complete = f.Flag("complete"),
            Outputs = f.Texts("outputs") ?? [],
            FinishedUtc = f.OptionalText("finished_utc"),
            LastSessionElapsedS = f.OptionalNumber("last_session_elapsed_s"),
            FailedRuns = f.OptionalWhole("failed_runs"),
            MergedFrom = f.Texts("merged_from"),
            MergedUtc = f.OptionalText("merged_utc"),
            Comparison = f.OptionalObject("comparison"),
        };
        Check(m, path);
        return m;
    }

    /// <summary>The manifest file as one JSON object: a regular file of a sane size, valid JSON, no repeated key.</summary>
    private static JsonObject ReadObject(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliException($"{path}: no such file; is this the --out folder of a sweep?");
            }

            BoundedFile.RequireRegular(path);
            if (info.Length > 64L * 1024 * 1024)
            {
                throw new CliException($"{path}: {info.Length} bytes is too large for a sweep manifest");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read: {WriterLock.Describe(ex)}");
        }

        JsonObject o;
        try
        {
            o = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new CliException($"{path}: not a sweep manifest (expected a JSON object)");
            _ = o.Count; // JsonNode parses lazily: force it here, where a repeated key is a JsonException
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: not a sweep manifest: invalid JSON at line {ex.LineNumber + 1} ({ex.Message.Split('.')[0]})");
        }

        return o;
    }

    /// <summary>The checks across fields, which no single field's type can make.</summary>
    private static void Check(SweepManifest m, string path)
    {
        if (m.ShardIndex >= m.ShardCount)
        {
            throw new CliException($"{path}: shard_index {m.ShardIndex} is not below shard_count {m.ShardCount}");
        }

        if (m.Format is not ("csv" or "parquet"))
        {
            throw new CliException($"{path}: format must be csv or parquet, not '{m.Format}'");
        }

        if (m.Outputs.Any(p => Path.IsPathRooted(p) || p.Split('/', '\\').Contains("..")))
        {
            throw new CliException($"{path}: outputs must name files inside the folder");
        }
    }

    /// <summary>Writes the manifest (through a temporary file, so it is never torn).</summary>
    public void Write(string path) => OutputFile.AtomicWrite(path, tmp => File.WriteAllText(tmp, ToJson().ToJsonString(s_indented) + "\n"));

    private JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["tool"] = "crisissim",
            ["tool_version"] = ToolVersion,
            ["dotnet_version"] = DotnetVersion,
            ["command"] = "sweep",
            ["experiment"] = Experiment,
            ["experiment_name"] = ExperimentName,
            ["experiment_text"] = ExperimentText,
            ["scenario"] = Scenario,
            ["scenario_hash"] = ScenarioHash,
            ["design_hash"] = DesignHash,
            ["design_kind"] = DesignKind,
            ["factors"] = new JsonArray([.. Factors.Select(x => JsonValue.Create(x))]),
            ["master_seed"] = MasterSeed,
            ["replicates"] = Replicates,
            ["points"] = Points,
            ["runs"] = Runs,
            ["shard_index"] = ShardIndex,
            ["shard_count"] = ShardCount,
            ["shard_runs"] = ShardRuns,
            ["ticks_every"] = TicksEvery,
            ["format"] = Format,
            ["started_utc"] = StartedUtc,
            ["complete"] = Complete,
            ["outputs"] = new JsonArray([.. Outputs.Select(x => JsonValue.Create(x))]),
        };
        Add(o, "finished_utc", FinishedUtc);
        Add(o, "last_session_elapsed_s", LastSessionElapsedS);
        Add(o, "failed_runs", FailedRuns);
        if (MergedFrom is not null)
        {
            o["merged_from"] = new JsonArray([.. MergedFrom.Select(x => JsonValue.Create(x))]);
        }

        Add(o, "merged_utc", MergedUtc);
        if (Comparison is not null)
        {
            o["comparison"] = Comparison.DeepClone();
        }

        return o;
    }

    private static void Add<T>(JsonObject o, string key, T? value)
    {
        if (value is not null)
        {
            o[key] = JsonValue.Create(value);
        }
    }

    /// <summary>Typed access to the fields of one manifest, with messages that name the field.</summary>
    private readonly struct Fields(JsonObject o, string path)
    {
        public CliException Missing(string key, string expected) => new($"{path}: field '{key}' is missing; expected {expected} (is this {FileNames.SweepManifest} from another tool or hand-edited?)");

        public string Text(string key) => OptionalText(key) ?? throw Missing(key, "a text");

        public string? OptionalText(string key) => Get(key) switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => throw Wrong(key, "a text", other),
        };

        public bool Flag(string key) => Get(key) switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            var other => throw Wrong(key, "true or false", other),
        };

        public long Whole(string key, long min, long max) => OptionalWhole(key, min, max) ?? throw Missing(key, "a whole number");

        public long? OptionalWhole(string key, long min = 0, long max = long.MaxValue)
        {
            var node = Get(key);
            if (node is null)
            {
                return null;
            }

            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long n) && n >= min && n <= max)
            {
                return n;
            }

            throw Wrong(key, string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"), node);
        }

        public JsonObject? OptionalObject(string key) => Get(key) switch
        {
            null => null,
            JsonObject obj => obj,
            var other => throw Wrong(key, "an object", other),
        };

        public double? OptionalNumber(string key) => Get(key) switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
            var other => throw Wrong(key, "a number", other),
        };

        public IReadOnlyList<string>? Texts(string key)
        {
            var node = Get(key);
            if (node is null)
            {
                return null;
            }

            if (node is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            {
                return [.. a.Select(x => x!.GetValue<string>())];
            }

            throw Wrong(key, "a list of texts", node);
        }

        private JsonNode? Get(string key) => o.TryGetPropertyValue(key, out var v) ? v : null;

        private CliException Wrong(string key, string expected, JsonNode? found)
        {
            string shown = found?.ToJsonString() ?? "null";
            return new CliException($"{path}: field '{key}' must be {expected}, not {(shown.Length > 40 ? shown[..40] + "…" : shown)}");
        }
    }
}
