using System.Globalization;
using CrisisSim.Core.Calibration;

namespace CrisisSim.Cli.Commands.Calibration;

/// <summary>The summary a calibration prints: acceptance rate, each parameter's prior range and posterior, each fit target's share of the draws in its band, each held-out target's check.</summary>
internal static class CalibrationSummary
{
    public static void Print(TextWriter o, PosteriorSummary s, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"accepted {s.Accepted} of {s.Draws} parameter sets ({s.AcceptanceRate:P1}); files in {folder}"));
        int width = Math.Max(9, s.Parameters.Max(p => p.Prior.Path.Length));
        o.WriteLine($"  {"parameter".PadRight(width)}  {"prior",-30}  {"posterior median",16}  {"5-95 %",-24}");
        foreach (var p in s.Parameters)
        {
            string prior = string.Create(inv, $"{Prior.KeyOf(p.Prior.Kind)}({G(p.Prior.Lo)}, {G(p.Prior.Hi)})");
            string range = double.IsNaN(p.Median) ? "-" : $"[{G(p.P05)}, {G(p.P95)}]";
            o.WriteLine($"  {p.Prior.Path.PadRight(width)}  {prior,-30}  {(double.IsNaN(p.Median) ? "-" : G(p.Median)),16}  {range,-24}");
        }

        foreach (var f in s.Fit)
        {
            o.WriteLine(string.Create(inv, $"  fit {Named(f.Target)} {f.Target.Band(G)}: {f.ShareInBand.ToString("P0", inv)} of the draws"));
        }

        foreach (var h in s.HeldOut)
        {
            o.WriteLine(string.Create(inv, $"  held out {Named(h.Target)} {h.Target.Band(G)}: {(double.IsNaN(h.ShareInBand) ? "no accepted set" : h.ShareInBand.ToString("P0", inv) + " of the accepted sets")}"));
        }

        if (s.Accepted == 0)
        {
            o.WriteLine("  no set was accepted: the bands may be out of the model's reach under these priors, or more draws are needed");
        }
    }

    /// <summary>A target's id, with its quantity and hour when the id does not say them.</summary>
    private static string Named(Target t) =>
        t.Quantity == t.Id && t.AtH is null ? t.Id : string.Create(CultureInfo.InvariantCulture, $"{t.Id} ({t.Quantity}{(t.AtH is { } h ? $" at {G(h)} h" : "")})");

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
