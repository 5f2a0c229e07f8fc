namespace AgentPlatform.AgentHost.Workflows;

/// <summary>In-process task agents built into the host, for smoke tests, demos and the crash test.</summary>
public sealed class BuiltInAgentsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Workflows:BuiltInAgents";

    /// <summary>The side record's file name inside the data directory.</summary>
    public const string ExecutionLogFileName = "workflow-task-executions.log";

    /// <summary>When true two agents are registered: <c>echo</c> (capability <c>echo</c>) returns its input and appends
    /// each executed task id to <see cref="ExecutionLogFileName"/>, fsync'd before the result is reported; <c>noop</c>
    /// (capability <c>noop</c>) returns its input and does nothing else (no I/O, no delay), for benchmarks of the engine.</summary>
    public bool Enabled { get; set; }

    /// <summary>How long the echo agent works on each task before answering, in milliseconds (0 to 60000), so crash tests can kill the host while tasks are in flight.</summary>
    public int DelayMilliseconds { get; set; }
}
