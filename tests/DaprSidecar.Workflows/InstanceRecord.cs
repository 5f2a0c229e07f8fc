using AgentPlatform.DaprSidecar.Workflows.Protocol;

namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>One workflow instance's metadata row.</summary>
internal sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public required OrchestrationStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>The parent's instance id and the event id of its CreateChildWorkflow action, for child workflows.</summary>
    public string? ParentInstanceId { get; init; }

    public int ParentTaskId { get; init; }

    public bool IsFinished => Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
