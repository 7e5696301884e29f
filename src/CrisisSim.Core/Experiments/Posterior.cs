using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Analysis;
using CrisisSim.Core.Scenarios.Schema;

namespace CrisisSim.Core.Experiments;

/// <summary>
/// An experiment's <c>over: {posterior: FOLDER}</c>: every design point is run at each accepted parameter set of a
/// calibration (its posterior.csv), so a comparison pools over the sets and its interval carries parameter
/// uncertainty, not only seed noise.
/// </summary>
/// <param name="From">The calibration's output folder, as written (relative to the experiment file).</param>
/// <param name="Take">Use only the first this many accepted sets, in draw order (null: all).</param>
/// <param name="Position">Where <c>over.posterior</c> is written.</param>
/// <param name="Sample">The sets read from the folder (null until the CLI has read it).</param>
public sealed record PosteriorSpec(string From, int? Take, SourcePosition Position, PosteriorSample? Sample = null)
{
    /// <summary>The calibrated parameters to carry over (over.parameters), or null: all of them.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }

    /// <summary>
    /// The parameters the sets assign: <see cref="Parameters"/>, each of which must be among the calibration's
    /// <paramref name="calibrated"/> ones (an <see cref="AnalysisException"/> names one that is not), or all of them.
    /// </summary>
    public IReadOnlyList<string> Carried(IReadOnlyList<string> calibrated, string manifest)
    {
        if (Parameters is null)
        {
            return calibrated;
        }

        if (Parameters.FirstOrDefault(p => !calibrated.Contains(p)) is { } stranger)
        {
            throw new AnalysisException($"{manifest}: over.parameters names '{stranger}', which the calibration did not fit; its parameters are {string.Join(", ", calibrated)}");
        }

        return Parameters;
    }

    /// <summary>The runs.csv column that names a run's parameter set: its draw in the calibration.</summary>
    public const string Column = "posterior_draw";
}

/// <summary>One accepted parameter set: its draw in the calibration and the value of each parameter.</summary>
/// <param name="Draw">The draw's index (its row in the calibration's draws.csv).</param>
/// <param name="Values">The values, in <see cref="PosteriorSample.Paths"/> order.</param>
public sealed record PosteriorSet(int Draw, IReadOnlyList<double> Values);

/// <summary>The accepted parameter sets of a calibration, as an experiment runs over them.</summary>
/// <param name="Paths">The calibrated parameters (the calibration's priors), normalised.</param>
/// <param name="Sets">The sets, in draw order.</param>
/// <param name="Source">Where they were read from, for messages.</param>
public sealed record PosteriorSample(IReadOnlyList<string> Paths, IReadOnlyList<PosteriorSet> Sets, string Source)
{
    /// <summary>The overrides of set <paramref name="set"/>, as PATH=VALUE (shortest round-trip text).</summary>
    public IReadOnlyList<string> Overrides(int set) =>
        [.. Paths.Select((p, j) => p + "=" + Sets[set].Values[j].ToString("R", CultureInfo.InvariantCulture))];

    /// <summary>A hash of the paths and every value (a resume or merge must find the same sets).</summary>
    public string Hash()
    {
        var text = new StringBuilder(string.Join('\n', Paths));
        foreach (var s in Sets)
        {
            text.Append('\n').Append(s.Draw.ToString(CultureInfo.InvariantCulture));
            foreach (double v in s.Values)
            {
                text.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// The sets of a posterior.csv (columns draw, each of <paramref name="paths"/>, then anything), the first
    /// <paramref name="take"/> of them when given; throws <see cref="AnalysisException"/> naming the row and column of
    /// anything that is not a finite number, a missing column, a repeated draw, or a table with no set.
    /// </summary>
    public static PosteriorSample FromTable(ResultTable table, IReadOnlyList<string> paths, string source, int? take)
    {
        int draw = table.Column("draw");
        int[] cols = [.. paths.Select(table.Column)];
        var missing = paths.Where((_, j) => cols[j] < 0).Prepend(draw < 0 ? "draw" : null).OfType<string>().ToList();
        if (missing.Count > 0)
        {
            throw new AnalysisException($"{source}: no column {string.Join(", ", missing)}; expected the posterior.csv of crisissim calibrate");
        }

        var sets = new List<PosteriorSet>();
        var seen = new HashSet<int>();
        for (int r = 0; r < table.Rows.Count && (take is null || sets.Count < take); r++)
        {
            var row = table.Rows[r];
            string Cell(int c) => c < row.Length ? row[c] : "";
            if (!int.TryParse(Cell(draw), NumberStyles.None, CultureInfo.InvariantCulture, out int d) || !seen.Add(d))
            {
                throw new AnalysisException($"{source}: row {r + 2}: draw '{Cell(draw)}' is not a new whole number");
            }

            var values = new double[paths.Count];
            for (int j = 0; j < paths.Count; j++)
            {
                values[j] = ResultTable.Number(Cell(cols[j]));
                if (!double.IsFinite(values[j]))
                {
                    throw new AnalysisException($"{source}: row {r + 2}, column {paths[j]}: '{Cell(cols[j])}' is not a finite number");
                }
            }

            sets.Add(new PosteriorSet(d, values));
        }

        if (sets.Count == 0)
        {
            throw new AnalysisException($"{source}: no accepted parameter set; an experiment cannot run over an empty posterior (widen the calibration's bands or draw more)");
        }

        if (take is not null && sets.Count < take)
        {
            throw new AnalysisException(string.Create(CultureInfo.InvariantCulture, $"{source}: sets: {take} asked for, but the posterior has only {sets.Count} accepted sets"));
        }

        return new PosteriorSample(paths, sets, source);
    }
}
