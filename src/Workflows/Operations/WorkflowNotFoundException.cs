namespace AgentPlatform.Workflows.Operations;

/// <summary>Raised when an operation names an instance or definition that does not exist.</summary>
public sealed class WorkflowNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What is missing, for example <c>instance</c> or <c>definition</c>.</param>
    /// <param name="id">The id that was not found.</param>
    public WorkflowNotFoundException(string what, string id)
        : base($"No workflow {what} '{id}' exists.")
    {
        What = what;
        Id = id;
    }

    /// <summary>What is missing: <c>instance</c> or <c>definition</c>.</summary>
    public string What { get; }

    /// <summary>The id that was not found.</summary>
    public string Id { get; }
}
