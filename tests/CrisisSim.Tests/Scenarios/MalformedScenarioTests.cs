using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>What loading one corpus file must report: the first error's position, key path and message.</summary>
/// <param name="File">Corpus file name.</param>
/// <param name="Line">Expected 1-based line of the first error.</param>
/// <param name="Column">Expected 1-based column of the first error (0: not checked).</param>
/// <param name="Path">Expected dotted key path of the first error ("" for the whole document).</param>
/// <param name="Fragment">A fragment of the first error's message.</param>
/// <param name="Errors">How many errors the file gives in all (one defect should give one error, except where it cascades).</param>
/// <param name="Bug">When set, the case fails because of a known bug in src/ and is ignored with this reason.</param>
public sealed record CorpusCase(string File, int Line, int Column, string Path, string Fragment, int Errors = 1, string? Bug = null)
{
    /// <inheritdoc/>
    public override string ToString() => File;
}

/// <summary>
/// Each file in Corpus/ is the valid base scenario with one defect. Loading it must throw a
/// <see cref="ScenarioException"/> whose first error names the right line, column, key path and problem, and
/// the CLI must print that error (no stack trace) and exit 2 without writing anything.
/// </summary>
public class MalformedScenarioTests
{
    /// <summary>One case per corpus file (the base excepted).</summary>
    public static readonly CorpusCase[] Cases =
    [
        // YAML syntax and document shape
        // YamlDotNet fails here with a non-YAML exception; the reader reports the last position it reached (the unclosed brace's line).
        new("syntax-unclosed-bracket.yaml", 23, 0, "", "unclosed bracket or brace"),
        new("syntax-unclosed-bracket-at-end.yaml", 54, 1, "", "invalid YAML: "),
        new("syntax-bad-indentation.yaml", 5, 13, "", "invalid YAML: "),
        // YamlDotNet reports a tab at the start of the plain scalar it was scanning (the "10" on line 4), not at the tab on line 5.
        new("syntax-tab-indentation.yaml", 4, 17, "", "tab character"),
        new("syntax-non-scalar-key.yaml", 54, 1, "", "a mapping key must be a plain word"),
        new("syntax-undefined-alias.yaml", 53, 10, "", "alias *trust refers to no anchor defined before it"),
        new("empty.yaml", 1, 1, "", "the file is empty; expected a mapping with the keys name, description"),
        new("only-comment.yaml", 1, 1, "", "the file is empty"),
        new("top-scalar.yaml", 2, 1, "", "expected a mapping with the keys name, description, time"),
        new("top-list.yaml", 2, 1, "", "found a list"),
        new("top-null.yaml", 2, 1, "", "found nothing (null)"),
        new("second-document.yaml", 54, 1, "", "a second YAML document starts here; a scenario file holds exactly one document"),
        new("duplicate-key-top.yaml", 3, 1, "name", "duplicate key 'name' (first given at line 2)"),
        new("duplicate-key.yaml", 54, 3, "governance.trust", "duplicate key 'trust' (first given at line 53)"),
        new("alias-bomb.yaml", 9, 9, "", "the document expands to more than 200000 nodes once aliases are followed"),

        // Wrong types
        new("type-text-for-number.yaml", 53, 10, "governance.trust", "expected a number from 0 to 1, found 'high'"),
        new("type-quoted-number.yaml", 5, 14, "time.horizon_h", "expected a number from 1 to 336, found '24'"),
        new("type-list-for-mapping.yaml", 3, 7, "time", "expected a mapping with the keys tick_minutes, horizon_h, found a list"),
        new("type-mapping-for-list.yaml", 33, 12, "hazard.toxic.zones", "expected a list, found a mapping"),
        new("type-bool-yes.yaml", 15, 15, "zones.site.cordoned", "expected true or false, found 'yes'"),
        new("type-null-name.yaml", 2, 6, "name", "expected text, found nothing (null)"),
        new("type-fraction-for-whole.yaml", 38, 12, "actors.fire.units", "expected a whole number from 0 to 1000000, found '10.5'"),

        // Unknown keys, with and without a close match
        new("unknown-key-top.yaml", 3, 1, "colour", "unknown key 'colour'; the keys allowed here are: name, description"),
        new("unknown-key-top-typo.yaml", 54, 1, "trafic", "unknown key 'trafic'; did you mean 'traffic'?"),
        new("unknown-key-governance.yaml", 53, 3, "governance.trsut", "unknown key 'trsut'; did you mean 'trust'?"),
        new("unknown-key-governance-no-match.yaml", 54, 3, "governance.budget_yuan", "unknown key 'budget_yuan'; the keys allowed here are: preset, mode, communication"),
        new("unknown-key-zone.yaml", 14, 5, "zones.site.residnets", "unknown key 'residnets'; did you mean 'residents'?"),
        new("unknown-key-zone-no-match.yaml", 22, 5, "zones.shelter.elevation_m", "unknown key 'elevation_m'; the keys allowed here are: kind, residents"),
        new("unknown-key-actor.yaml", 38, 5, "actors.fire.unit", "unknown key 'unit'; did you mean 'units'?"),
        new("unknown-key-actor-no-match.yaml", 51, 5, "actors.red_cross.phone", "unknown key 'phone'; the keys allowed here are: sector, tasks"),
        // A key the schema renamed: the message names its successor and what changed (not a guess by spelling).
        new("renamed-key-capacity.yaml", 56, 5, "communication.hierarchy.capacity_per_tick", "'capacity_per_tick' is now 'capacity_per_h': the capacity is now a rate per hour (10 a tick at 10-minute ticks is 60 an hour)"),
        new("unknown-key-blast.yaml", 16, 106, "zones.site.blast.injured", "unknown key 'injured'; the keys allowed here are: killed, trapped"),

        // Enum spellings
        new("enum-governance-mode.yaml", 52, 9, "governance.mode", "'cogovernance' is not one of single-government, co-governance; did you mean 'co-governance'?"),
        new("enum-zone-kind.yaml", 20, 11, "zones.shelter.kind", "'sheltr' is not one of blast_core, port_yard"),
        new("enum-task.yaml", 37, 19, "actors.fire.tasks.1", "'rescure' is not one of fire, rescue"),

        // Ranges and numbers
        new("range-trust.yaml", 53, 10, "governance.trust", "1.5 is out of range; expected a number from 0 to 1 (share)"),
        new("range-negative-residents.yaml", 14, 16, "zones.site.residents", "-5 is out of range; expected a whole number from 0 to 100000000 (persons)"),
        new("range-tick-minutes.yaml", 4, 17, "time.tick_minutes", "3 is out of range; expected a number from 5 to 10 (min)"),
        // The validator's "horizon shorter than one tick" check cannot fire: horizon_h ≥ 1 h and tick_minutes ≤ 10 min.
        new("range-horizon-shorter-than-tick.yaml", 5, 14, "time.horizon_h", "0.1 is out of range; expected a number from 1 to 336 (h)"),
        new("range-travel-time-zero.yaml", 23, 46, "roads.0.travel_time_h", "0 is out of range; expected a number from 0.01 to 48 (h)"),
        new("nonfinite-nan.yaml", 53, 10, "governance.trust", "expected a number from 0 to 1, found '.nan'"),
        new("nonfinite-nan-dotnet.yaml", 53, 10, "governance.trust", "expected a finite number from 0 to 1, found 'NaN'"),
        new("nonfinite-inf.yaml", 5, 14, "time.horizon_h", "expected a number from 1 to 336, found '.inf'"),
        new("nonfinite-overflow.yaml", 5, 14, "time.horizon_h", "expected a finite number from 1 to 336, found '1e999'"),

        // Missing required keys (reported at the mapping that lacks them)
        new("missing-name.yaml", 2, 1, "name", "required key 'name' is missing"),
        new("missing-zones.yaml", 2, 1, "zones", "required key 'zones' is missing"),
        new("missing-roads.yaml", 2, 1, "roads", "required key 'roads' is missing"),
        new("missing-road-travel-time.yaml", 24, 5, "roads.1.travel_time_h", "required key 'travel_time_h' is missing"),
        new("missing-actor-base.yaml", 36, 5, "actors.fire.base", "required key 'base' is missing"),
        new("missing-zone-kind.yaml", 17, 12, "zones.staging.kind", "required key 'kind' is missing"),
        new("too-few-zones.yaml", 12, 3, "zones", "expected at least 2 item(s), found 1"),
        new("id-upper-case.yaml", 46, 3, "actors.Red_Cross", "'Red_Cross' is not a valid id: use lower-case letters"),
        new("id-starts-with-digit.yaml", 22, 3, "zones.2nd_shelter", "'2nd_shelter' is not a valid id"),

        // References to zones that do not exist
        new("ref-road-end.yaml", 24, 25, "roads.1.to", "no zone 'shelterr' is defined; did you mean 'shelter'?", Errors: 2),
        new("ref-road-start-no-match.yaml", 23, 12, "roads.0.from", "no zone 'airport' is defined; zones are: site, staging, shelter", Errors: 3),
        new("ref-actor-base.yaml", 50, 11, "actors.red_cross.base", "no zone 'warehouse' is defined; zones are: site, staging, shelter"),
        new("ref-explosion-zone.yaml", 27, 38, "hazard.explosions.0.zone", "no zone 'core' is defined"),
        new("ref-flareup-zone.yaml", 31, 27, "hazard.fire.flareups.0.zone", "no zone 'sites' is defined; did you mean 'site'?"),
        new("ref-toxic-zone.yaml", 33, 19, "hazard.toxic.zones.1", "no zone 'port' is defined"),
        new("ref-fire-origin.yaml", 29, 13, "hazard.fire.origin", "no zone 'stagin' is defined; did you mean 'staging'?"),
        new("road-self-loop.yaml", 25, 22, "roads.2.to", "a road must join two different zones, but both ends are 'site'"),
        // Positions of block mappings are those of their first key: 'depot:' is on line 22, its 'kind:' on line 23.
        new("disconnected-zone.yaml", 23, 5, "zones.depot", "zone 'depot' is not connected by roads to zone 'site'; every zone must be reachable"),

        // Consistency between values
        new("arrival-end-before-start.yaml", 40, 20, "actors.fire.arrival_end_h", "the last arrival (2 h) is before the first (5 h)"),
        new("survival-rises.yaml", 9, 26, "population.trapped_survival_day2", "survival of trapped people cannot rise with time"),
        new("blast-over-one.yaml", 16, 12, "zones.site.blast", "explosion 0 (strength 3) would hit 1.5 of the zone's people"),
        new("actor-no-tasks.yaml", 48, 12, "actors.red_cross.tasks", "an actor needs at least one task"),
        new("actor-task-twice.yaml", 37, 12, "actors.fire.tasks", "a task is listed twice"),
        new("two-broadcasters.yaml", 35, 3, "actors", "at most one actor may have the task 'information'"),
        new("organisation-information.yaml", 44, 12, "actors.publicity.tasks", "only a government actor can release official information"),
        // convergence_pool is absent, so the error points at the actor.
        new("convergence-pool-zero.yaml", 47, 5, "actors.red_cross.convergence_pool", "a converging actor needs a convergence_pool above 0"),
        new("population-too-large.yaml", 7, 10, "population.scale", "the scenario would hold 60000000 residents (about 2288 MiB); at most 50000000 are supported"),
    ];

    /// <summary>Files whose unknown key or zone has no close match: the message must not guess.</summary>
    private static readonly string[] s_noHint =
    [
        "unknown-key-top.yaml", "unknown-key-governance-no-match.yaml", "unknown-key-zone-no-match.yaml",
        "unknown-key-actor-no-match.yaml", "unknown-key-blast.yaml", "ref-road-start-no-match.yaml", "ref-actor-base.yaml",
    ];

    /// <summary>A representative subset run through the real CLI.</summary>
    private static readonly string[] s_cliFiles =
    [
        "syntax-bad-indentation.yaml", "empty.yaml", "alias-bomb.yaml", "second-document.yaml", "type-text-for-number.yaml",
        "unknown-key-top-typo.yaml", "unknown-key-actor.yaml", "enum-governance-mode.yaml", "range-trust.yaml",
        "missing-road-travel-time.yaml", "ref-actor-base.yaml", "disconnected-zone.yaml", "two-broadcasters.yaml",
        "population-too-large.yaml",
    ];

    public static IEnumerable<TestCaseData> AllCases() => Cases.Select(ToData);

    public static IEnumerable<TestCaseData> CliCases() => Cases.Where(c => s_cliFiles.Contains(c.File)).Select(ToData);

    public static IEnumerable<TestCaseData> NoHintCases() => Cases.Where(c => s_noHint.Contains(c.File)).Select(ToData);

    private static TestCaseData ToData(CorpusCase c)
    {
        var data = new TestCaseData(c).SetArgDisplayNames(c.File);
        return c.Bug is null ? data : data.Ignore(c.Bug);
    }

    [Test]
    public void BaseScenario_IsValid()
    {
        var loaded = ScenarioLoader.Load(CorpusFiles.Text(CorpusFiles.Base), CorpusFiles.Base);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(loaded.Scenario.Name, Is.EqualTo("Corpus base"));
            Assert.That(loaded.Scenario.Zones.Select(z => z.Id), Is.EqualTo(new[] { "site", "staging", "shelter" }));
            Assert.That(loaded.Scenario.Actors.Select(a => a.Id), Is.EqualTo(new[] { "fire", "publicity", "red_cross" }));
            Assert.That(loaded.Scenario.Roads, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public void BaseScenario_PassesCliValidate()
    {
        string path = CorpusFiles.PathOf(CorpusFiles.Base);

        var result = CliRunner.Run("validate", path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Stdout, Does.Contain($"{path}: ok"));
            Assert.That(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.StartWith("warning: "), "no error (the base has no medical, shelter or monitoring actor: warnings)");
        }
    }

    [Test]
    public void EveryCorpusFile_HasExactlyOneCase()
    {
        var files = CorpusFiles.Names().Where(n => n != CorpusFiles.Base).ToList();
        var cased = Cases.Select(c => c.File).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cased, Is.Unique, "a corpus file has two cases");
            Assert.That(files, Is.EquivalentTo(cased), "every corpus file needs a case, and every case a file");
            Assert.That(files, Has.Count.GreaterThanOrEqualTo(40));
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void Load_ReportsTheDefect(CorpusCase c)
    {
        string text = CorpusFiles.Text(c.File);

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, c.File));

        var first = ex.Errors[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Position.Source, Is.EqualTo(c.File), "source");
            Assert.That(first.Position.Line, Is.EqualTo(c.Line), $"line of {first}");
            if (c.Column > 0)
            {
                Assert.That(first.Position.Column, Is.EqualTo(c.Column), $"column of {first}");
            }

            Assert.That(first.KeyPath, Is.EqualTo(c.Path), $"key path of {first}");
            Assert.That(first.Message, Does.Contain(c.Fragment), "message");
            Assert.That(ex.Errors, Has.Count.EqualTo(c.Errors), ex.Message);
            Assert.That(ex.Errors.Select(e => e.Position.Source), Is.All.EqualTo(c.File), "every error names the file");
            Assert.That(ex.Errors.Select(e => e.Position.Line), Is.All.GreaterThanOrEqualTo(1), "every error has a line");
            Assert.That(ex.Errors.Select(e => e.Position.Column), Is.All.GreaterThanOrEqualTo(1), "every error has a column");
            Assert.That(ex.Message, Does.StartWith(first.ToString()), "the exception message lists the errors");
        }
    }

    [TestCaseSource(nameof(NoHintCases))]
    public void Load_WithNoCloseMatch_DoesNotGuess(CorpusCase c)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(CorpusFiles.Text(c.File), c.File));

        Assert.That(ex.Errors[0].Message, Does.Not.Contain("did you mean"));
    }

    [TestCaseSource(nameof(CliCases))]
    public void CliValidate_PrintsTheErrorAndExits2(CorpusCase c)
    {
        string path = CorpusFiles.PathOf(c.File);

        var result = CliRunner.Run("validate", path);

        string prefix = c.Path.Length > 0 ? $"error: {path}:{c.Line}:{c.Column}: {c.Path}: " : $"error: {path}:{c.Line}:{c.Column}: ";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.Contain($"{path}:{c.Line}:"));
            Assert.That(result.Stderr, Does.Contain(c.Path));
            Assert.That(result.Stderr, Does.StartWith(prefix));
            Assert.That(result.Stderr, Does.Contain(c.Fragment));
            Assert.That(result.Stderr, Does.Not.Contain("   at "), "stack trace");
            Assert.That(result.Stderr, Does.Not.Contain("Exception"), "exception name");
        }
    }

    [TestCase("range-trust.yaml")]
    [TestCase("syntax-bad-indentation.yaml")]
    [TestCase("ref-road-end.yaml")]
    public void CliRun_WithAMalformedFile_Exits2AndCreatesNoOutputFolder(string file)
    {
        using var tmp = new TempDir();
        string outDir = tmp["out"];
        string path = CorpusFiles.PathOf(file);

        var result = CliRunner.Run("run", path, "--out", outDir);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
            Assert.That(Directory.Exists(outDir), Is.False, "the output folder must not be created");
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.StartWith($"error: {path}:"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "), "stack trace");
            Assert.That(result.Stderr, Does.Not.Contain("Exception"), "exception name");
        }
    }

    [Test]
    public void CliValidate_SeveralFiles_ReportsEachAndExits2()
    {
        string good = CorpusFiles.PathOf(CorpusFiles.Base);
        string bad1 = CorpusFiles.PathOf("range-trust.yaml");
        string bad2 = CorpusFiles.PathOf("missing-name.yaml");

        var result = CliRunner.Run("validate", good, bad1, bad2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stdout, Does.Contain($"{good}: ok"));
            Assert.That(result.Stderr, Does.Contain($"error: {bad1}:53:10: governance.trust: "));
            Assert.That(result.Stderr, Does.Contain($"error: {bad2}:2:1: name: required key 'name' is missing"));
        }
    }

    [Test]
    public void Load_BinaryTextWithNulBytes_IsRefused()
    {
        string text = "name: x\0\0\0\x01\x02zones:\0";

        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, "garbage.yaml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex.Errors, Has.Count.EqualTo(1));
            Assert.That(ex.Errors[0].Position, Is.EqualTo(new SourcePosition("garbage.yaml", 1, 1)));
            Assert.That(ex.Errors[0].KeyPath, Is.Empty);
            Assert.That(ex.Errors[0].Message, Does.Contain("NUL bytes"));
        }
    }

    [Test]
    public void CliValidate_BinaryFileWithNulBytes_Exits2()
    {
        using var tmp = new TempDir();
        string path = tmp["garbage.yaml"];
        File.WriteAllBytes(path, [0x00, 0x01, 0x02, 0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x00, 0x0A, 0x7F, 0x00]);

        var result = CliRunner.Run("validate", path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.StartWith($"error: {path}:1:1: "));
            Assert.That(result.Stderr, Does.Contain("NUL bytes"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public void CliValidate_FileThatIsNotUtf8_Exits2()
    {
        using var tmp = new TempDir();
        string path = tmp["latin1.yaml"];
        File.WriteAllBytes(path, [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF, 0xFE, 0x0A]);

        var result = CliRunner.Run("validate", path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Stdout, Is.Empty);
            Assert.That(result.Stderr, Does.StartWith($"error: {path}:1:1: file is not UTF-8 text"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        }
    }
}
