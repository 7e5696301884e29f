using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Core.Scenarios.Presets;
using CrisisSim.Core.Scenarios.Schema;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Scenarios;

/// <summary>
/// Governance arrangements as presets (issue 18): each sets the same levers, each value with a source; selecting one is
/// shorthand for its values where it is written (a file's own values win over its preset, an arm's preset replaces the
/// file's values and the arm's other values replace the preset's); china-2015 is the built-in scenario's arrangement.
/// </summary>
public class GovernancePresetTests
{
    private static double[] MetricsOf(Scenario scenario) =>
        [.. RunMetrics.Declared.Select(d => d.Value(new Simulation(scenario, 7).Run()))];

    private static string Value(Scenario s, string path) => path switch
    {
        "governance.mode" => SchemaCatalog.EnumName(s.Governance.Mode),
        "governance.communication" => SchemaCatalog.EnumName(s.Governance.Communication),
        "governance.trust" => s.Governance.Trust.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "governance.responsibility_clarity" => s.Governance.ResponsibilityClarity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "governance.register_volunteers" => s.Governance.RegisterVolunteers ? "true" : "false",
        "governance.legal.authorisation_delay_h" => s.Governance.Legal.AuthorisationDelayH.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "governance.legal.permitted_task_share" => s.Governance.Legal.PermittedTaskShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "communication.platform.members" => SchemaCatalog.EnumName(s.Communication.Platform.Members),
        _ => throw new ArgumentException(path),
    };

    [Test]
    public void EveryPresetSetsEveryLeverOnceWithASourceAndEachValueIsWhatTheScenarioGets()
    {
        Assert.That(GovernancePresets.All.Select(p => p.Name),
            Is.EqualTo(Enum.GetValues<GovernancePresetName>().Where(n => n != GovernancePresetName.None)), "one preset per name");
        foreach (var preset in GovernancePresets.All)
        {
            Assert.That(preset.Values.Select(v => v.Path), Is.EqualTo(GovernancePresets.Paths), preset.Key);
            Assert.That(preset.Values.Select(v => v.Source), Has.All.Length.GreaterThan(10), preset.Key);
            var s = Repo.BuiltIn($"governance.preset={preset.Key}");
            Assert.That(s.Governance.Preset, Is.EqualTo(preset.Name));
            foreach (var v in preset.Values)
            {
                Assert.That(Value(s, v.Path), Is.EqualTo(v.Value), $"{preset.Key}: {v.Path}");
            }
        }
    }

    [Test]
    public void China2015IsTheBuiltInScenariosArrangement()
    {
        string[] shortRun = ["time.horizon_h=12"];
        Assert.That(MetricsOf(Repo.BuiltIn([.. shortRun, "governance.preset=china-2015"])), Is.EqualTo(MetricsOf(Repo.BuiltIn(shortRun))));
        Assert.That(MetricsOf(Repo.BuiltIn([.. shortRun, "governance.preset=us-nims-ics"])), Is.Not.EqualTo(MetricsOf(Repo.BuiltIn(shortRun))),
            "another arrangement changes the run");
    }

    [Test]
    public void AFilesOwnValuesWinOverItsPresetAndAnOverridesPresetReplacesTheFilesValues()
    {
        var us = GovernancePresets.Find(GovernancePresetName.UsNimsIcs)!;
        string usTrust = us.Values.Single(v => v.Path == "governance.trust").Value;
        string text = Repo.BuiltInText.Replace("  trust: 0.6\n", "  preset: us-nims-ics\n  trust: 0.31\n", StringComparison.Ordinal);
        Assert.That(text, Does.Contain("preset: us-nims-ics"));

        var file = ScenarioLoader.Load(text, "f.yaml").Scenario;
        Assert.That(file.Governance.Trust, Is.EqualTo(0.31), "a value written beside the preset wins");
        Assert.That(file.Governance.Mode, Is.EqualTo(GovernanceMode.SingleGovernment), "the built-in file writes mode: single-government, which wins too");

        var arm = ScenarioLoader.Load(Repo.BuiltInText, "f.yaml", ["governance.trust=0.2", "governance.preset=us-nims-ics"]).Scenario;
        Assert.That(arm.Governance.Trust, Is.EqualTo(0.2), "an arm's other values replace its preset's, in whatever order they are written");
        Assert.That(Value(arm, "governance.mode"), Is.EqualTo(us.Values.Single(v => v.Path == "governance.mode").Value), "the arm's preset replaces the file's values");

        var replaced = ScenarioLoader.Load(text, "f.yaml", ["governance.preset=china-2015"]).Scenario;
        Assert.That(replaced.Governance.Trust, Is.EqualTo(0.6), "an override's preset replaces the file's values, its own trust included");
        Assert.That(usTrust, Is.Not.EqualTo("0.31"));
    }

    [Test]
    public void AnUnknownPresetIsRefusedNamingTheChoices()
    {
        var r = CliRunner.Run("validate", Repo.PathOf("scenarios", "tianjin-8-12.yaml"), "--set", "governance.preset=sweden");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Stderr, Does.Contain("'sweden' is not a governance preset; expected one of none, china-2015, china-today, us-nims-ics"));
        string text = Repo.BuiltInText.Replace("  trust: 0.6\n", "  preset: sweden\n", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(text, "f.yaml"));
        Assert.That(ex!.Errors[0].ToString(), Does.StartWith("f.yaml:").And.Contain("governance.preset"));
    }

    [Test]
    public void TheArrangementsPageEmbedsThePresetsAsCoded()
    {
        string page = File.ReadAllText(Repo.PathOf("docs", "cases", "governance-arrangements.md")).ReplaceLineEndings("\n");
        const string begin = "<!-- presets:begin -->\n", end = "<!-- presets:end -->";
        int from = page.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        Assert.That(page[from..page.IndexOf(end, StringComparison.Ordinal)], Is.EqualTo(CrisisSim.Cli.Commands.PresetsCommand.Markdown()),
            "regenerate with crisissim presets --markdown");
        Assert.That(CliRunner.Run("presets").Stdout, Does.Contain("us-nims-ics — United States: NIMS/ICS with VOAD"));
    }
}
