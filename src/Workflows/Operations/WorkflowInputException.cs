using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Operations;

/// <summary>Raised when a start input does not match the definition's <c>inputs</c> hints; nothing was started.</summary>
public sealed class WorkflowInputException : Exception
{
    /// <summary>Creates the exception from the problems found, each located as <c>input.&lt;field&gt;</c>.</summary>
    public WorkflowInputException(IReadOnlyList<WorkflowProblem> problems)
        : base("The workflow input is invalid: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<WorkflowProblem> Problems { get; }
}
