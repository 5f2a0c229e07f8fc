namespace AgentPlatform.Workflows.Expressions;

/// <summary>Thrown when an expression or reference cannot be parsed, or cannot be evaluated (type mismatch).</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="position">The zero-based character position in the source text, or -1 for evaluation errors.</param>
    public ExpressionException(string message, int position)
        : base(position >= 0 ? $"{message} (at position {position})" : message)
    {
        Position = position;
        Reason = message;
    }

    /// <summary>The zero-based character position in the source text, or -1 for evaluation errors.</summary>
    public int Position { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }
}
