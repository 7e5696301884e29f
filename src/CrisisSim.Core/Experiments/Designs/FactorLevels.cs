using System.Globalization;

namespace CrisisSim.Core.Experiments.Designs;

/// <summary>
/// The levels of a factor on a grid (a list, or a range with a step), computed from an index without listing
/// them, so a range of millions of levels costs nothing until a point is read. Used by factorial points and by
/// the check of <c>compare.baseline</c>.
/// </summary>
public static class FactorLevels
{
    /// <summary>How many levels; <see cref="long.MaxValue"/> for a range too long to be a factor (the loader refuses it).</summary>
    public static long Count(Factor f)
    {
        if (f.Levels is not null)
        {
            return f.Levels.Count;
        }

        double span = (f.Max - f.Min) / f.Step;
        if (!(span >= 0) || span > DesignBuilder.MaxPoints)
        {
            return long.MaxValue;
        }

        long steps = (long)Math.Floor(span + 1e-9);
        if (f.WholeNumbers && f.Step < 1)
        {
            // Rounded to whole numbers, a step below 1 hits every whole number from the first level to the last once.
            return Round(f.Min + (steps * f.Step)) - Round(f.Min) + 1;
        }

        return steps + 1;
    }

    /// <summary>Level <paramref name="i"/> (0-based), as override text.</summary>
    public static string At(Factor f, long i)
    {
        if (f.Levels is not null)
        {
            return f.Levels[(int)i];
        }

        return f.WholeNumbers && f.Step < 1
            ? (Round(f.Min) + i).ToString(CultureInfo.InvariantCulture)
            : DesignBuilder.Format(f.Min + (i * f.Step), f.WholeNumbers);
    }

    /// <summary>Whether <paramref name="text"/> is one of the levels, exactly as runs.csv writes it (found without listing them).</summary>
    public static bool Contains(Factor f, string text)
    {
        if (f.Levels is not null)
        {
            return f.Levels.Contains(text);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
        {
            return false;
        }

        long count = Count(f);
        double guess = f.WholeNumbers && f.Step < 1 ? x - Round(f.Min) : (x - f.Min) / f.Step;
        long near = (long)Math.Round(Math.Clamp(guess, -1, count));
        for (long i = Math.Max(0, near - 1); i <= Math.Min(count - 1, near + 1); i++)
        {
            if (At(f, i) == text)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every level, listed (refused beyond <see cref="DesignBuilder.MaxPoints"/>: use <see cref="Count"/> and <see cref="At"/>).</summary>
    public static IReadOnlyList<string> List(Factor f)
    {
        if (f.Levels is not null)
        {
            return f.Levels;
        }

        long count = Count(f);
        if (count > DesignBuilder.MaxPoints)
        {
            throw new ArgumentException($"the range of {f.Path} has more than {DesignBuilder.MaxPoints} levels", nameof(f));
        }

        var levels = new List<string>((int)count);
        for (long i = 0; i < count; i++)
        {
            levels.Add(At(f, i));
        }

        return levels;
    }

    private static long Round(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
