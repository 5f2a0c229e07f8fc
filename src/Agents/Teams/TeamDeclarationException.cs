namespace AgentPlatform.Agents.Teams;

/// <summary>A team declaration is not valid; <see cref="Problems"/> names every problem found.</summary>
public sealed class TeamDeclarationException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public TeamDeclarationException(IReadOnlyList<TeamProblem> problems)
        : base($"The team declaration is not valid: {string.Join("; ", (problems ?? []).Select(p => $"{p.Path}: {p.Message}"))}") =>
        Problems = problems ?? [];

    /// <summary>Creates the exception with no problems listed.</summary>
    public TeamDeclarationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TeamDeclarationException(string message)
        : base(message) => Problems = [new TeamProblem("/", message)];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TeamDeclarationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new TeamProblem("/", message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<TeamProblem> Problems { get; }
}
