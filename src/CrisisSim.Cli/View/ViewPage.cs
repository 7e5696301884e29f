using System.Net;
using System.Text;

namespace CrisisSim.Cli.View;

/// <summary>
/// The page of crisissim view: one self-contained HTML file — its style, its script (hand-written, no library) and the
/// runs' data (<see cref="ViewData"/>) inline, so it opens from disk in any browser, offline, with nothing fetched.
/// </summary>
internal static class ViewPage
{
    /// <summary>The id of the &lt;script type="application/json"&gt; element that holds the data.</summary>
    public const string DataId = "crisissim-data";

    private static readonly Lazy<string> s_script = new(() => Resource("viewer.js"));
    private static readonly Lazy<string> s_style = new(() => Resource("viewer.css"));

    /// <summary>The page of <paramref name="runs"/> (one, or two side by side on one time slider).</summary>
    public static string Render(IReadOnlyList<TracedRun> runs)
    {
        string title = runs.Count == 1 ? runs[0].Title : $"{runs[0].Title} vs {runs[1].Title}";
        string scenario = string.Join(" / ", runs.Select(r => r.ScenarioName).Distinct(StringComparer.Ordinal));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>CrisisSim view: ").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>\n").Append(s_style.Value).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>").Append(WebUtility.HtmlEncode(scenario)).Append("</h1>\n<p class=\"subtitle\">")
            .Append(WebUtility.HtmlEncode(title)).Append(" — a picture of the run").Append(runs.Count == 1 ? "" : "s, side by side on one clock").Append("</p>\n</header>\n")
            .Append("<main id=\"app\">\n<noscript><p>This page plays the run with JavaScript, which is turned off; the data is in the page and in the run folder's CSV files.</p></noscript>\n</main>\n")
            .Append("<script type=\"application/json\" id=\"").Append(DataId).Append("\">").Append(ViewData.Json(runs)).Append("</script>\n")
            .Append("<script>\n").Append(s_script.Value).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ViewPage).Assembly.GetManifestResourceStream("CrisisSim.Cli.View." + name)
            ?? throw new InvalidOperationException($"the viewer's {name} is not embedded in the crisissim binary");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
