using System.Globalization;

namespace CrisisSim.Cli.Output;

/// <summary>
/// A run seed as text. runs.csv writes each seed twice: <c>seed</c> in decimal (exact in pandas, which reads it as
/// int64) and <c>seed_hex</c> as <c>0x</c> and 16 upper-case hex digits, which R, Excel and every CSV reader keep as
/// text, exactly (a number above 2^53 would lose digits as a double). <c>run --seed</c> takes either form.
/// </summary>
public static class SeedText
{
    /// <summary>What <c>--seed</c> takes, for error messages.</summary>
    public static string Expected { get; } = $"a whole number from 0 to 18446744073709551615, or 0x and up to 16 hex digits (as {FileNames.Runs}'s seed_hex)";

    /// <summary>The seed_hex cell of <paramref name="seed"/>: <c>0x</c> and 16 upper-case hex digits, e.g. 0x431E5C0F4F3D2A8B.</summary>
    public static string Hex(ulong seed) => "0x" + seed.ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>Reads a seed written in decimal or as <c>0x</c> and hex digits (either case); false for anything else.</summary>
    public static bool TryParse(string text, out ulong seed)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out seed);
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seed);
    }
}
