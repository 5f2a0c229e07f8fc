namespace AgentPlatform.Workflows.Definitions;

/// <summary>Thrown when a definition cannot be loaded or is invalid; carries every problem found.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public WorkflowDefinitionException(IReadOnlyList<WorkflowProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in definition order.</summary>
    public IReadOnlyList<WorkflowProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<WorkflowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return "Invalid workflow definition:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
    }
}
