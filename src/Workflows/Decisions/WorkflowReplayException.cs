namespace AgentPlatform.Workflows.Decisions;

/// <summary>Thrown when a history does not fit the definition: it does not start with <c>WorkflowStarted</c>, names
/// another definition, or records a task or timer the decider never asked for (a nondeterministic change).</summary>
public sealed class WorkflowReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What does not fit.</param>
    /// <param name="sequence">The sequence number of the offending event.</param>
    public WorkflowReplayException(string message, long sequence)
        : base($"{message} (event seq {sequence})")
    {
        Sequence = sequence;
    }

    /// <summary>The sequence number of the offending event.</summary>
    public long Sequence { get; }
}
