namespace CrisisSim.Core.Scenarios.Schema;

/// <summary>One problem with an input file: where, which key path, and what was expected.</summary>
/// <param name="Position">File, line and column (or the --set override).</param>
/// <param name="KeyPath">Dotted key path of the offending value ("" for the whole document).</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ScenarioError(SourcePosition Position, string KeyPath, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => KeyPath.Length > 0
        ? $"{Position}: {KeyPath}: {Message}"
        : $"{Position}: {Message}";
}

/// <summary>Thrown when an input file is invalid; carries every problem found, each with its position.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Wraps the problems found.</summary>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Wraps a single problem.</summary>
    public ScenarioException(ScenarioError error)
        : this([error])
    {
    }

    /// <summary>The problems, in the order found.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
