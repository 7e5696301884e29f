using System.Text.Json;
using System.Text.RegularExpressions;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.View;

/// <summary>
/// Two traced runs of the built-in scenario on one seed, made once for the viewer's tests: single government (the
/// default) and co-governance on the platform, as docs/viewer.md's commands make them.
/// </summary>
public static partial class TracedRuns
{
    private static readonly Lazy<TempDir> s_root = new(() =>
    {
        var root = new TempDir();
        Run(root["single"]);
        Run(root["co"], "--set", "governance.mode=co-governance", "--set", "governance.communication=platform");
        return root;
    });

    /// <summary>The single-government run's folder.</summary>
    public static string Single => s_root.Value["single"];

    /// <summary>The co-governance (platform) run's folder.</summary>
    public static string Co => s_root.Value["co"];

    /// <summary>A fresh folder inside the shared one.</summary>
    public static string NewFolder(string name)
    {
        string path = s_root.Value[name + "-" + Guid.NewGuid().ToString("N")[..8]];
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>crisissim run --trace into <paramref name="folder"/>, with <paramref name="args"/> after it.</summary>
    public static void Run(string folder, params string[] args)
    {
        var r = CliRunner.Run(["run", "--trace", "--out", folder, .. args]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
    }

    /// <summary>crisissim view on <paramref name="folders"/> into <paramref name="page"/>; returns the page's embedded data.</summary>
    public static JsonDocument View(string page, params string[] folders)
    {
        var r = CliRunner.Run(["view", .. folders, "--out", page]);
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);
        Assert.That(r.Stdout, Does.Contain(page));
        return Data(File.ReadAllText(page));
    }

    /// <summary>The JSON a page embeds in its &lt;script id="crisissim-data"&gt;.</summary>
    public static JsonDocument Data(string html)
    {
        var m = DataScript().Match(html);
        Assert.That(m.Success, Is.True, "the page embeds its data");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    /// <summary>A CSV file written by crisissim (no quoted commas in the columns read here): header and rows of cells.</summary>
    public static (string[] Header, List<string[]> Rows) Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))]);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"crisissim-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();
}
