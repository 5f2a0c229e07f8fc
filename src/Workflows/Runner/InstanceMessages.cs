using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Runner;

/// <summary>Method names of the instance actor.</summary>
internal static class InstanceMethods
{
    public const string Start = "start";
    public const string Status = "status";
    public const string History = "history";
    public const string TaskResult = "task-result";
    public const string RaiseEvent = "raise-event";
    public const string Terminate = "terminate";
    public const string Resume = "resume";
    public const string Purge = "purge";
    public const string TimerReminderPrefix = "wf-timer:";
}

/// <summary>Starts an instance; ignored (answering the existing state) when the instance already has a history.</summary>
internal sealed record StartInstance(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("definition")] WorkflowDefinition Definition,
    [property: JsonPropertyName("input")] JsonElement? Input);

/// <summary>Delivers an external event.</summary>
internal sealed record RaiseEvent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("payload")] JsonElement? Payload);

/// <summary>Stops an instance.</summary>
internal sealed record TerminateInstance([property: JsonPropertyName("reason")] string Reason);

/// <summary>How an instance answered an operation.</summary>
internal enum InstanceOutcome
{
    /// <summary>Done as asked.</summary>
    Done,

    /// <summary>The instance has no history.</summary>
    NotFound,

    /// <summary>The instance existed already (start).</summary>
    Existing,

    /// <summary>The instance is in a state that forbids the operation (finished for raise/terminate, running for purge).</summary>
    Conflict,
}

/// <summary>An instance's answer: the outcome and the state after the operation.</summary>
internal sealed record InstanceReply(
    [property: JsonPropertyName("outcome")] InstanceOutcome Outcome,
    [property: JsonPropertyName("state")] WorkflowInstanceState? State);
