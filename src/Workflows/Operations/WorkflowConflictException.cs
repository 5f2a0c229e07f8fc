namespace AgentPlatform.Workflows.Operations;

/// <summary>Raised when an operation conflicts with what is stored: an instance id used by another definition, a
/// finished instance asked to take an event or terminate, a running one asked to be purged, or a definition version
/// registered with different content.</summary>
public sealed class WorkflowConflictException : Exception
{
    /// <summary>Creates the exception with a message saying what conflicts.</summary>
    public WorkflowConflictException(string message)
        : base(message)
    {
    }
}
