using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The inbox messages of task dispatch: a <c>task</c> for the agent that takes it, and <c>task_cancelled</c> for the agent
/// that held an attempt that was terminated, timed out or moved. Both are direct messages of kind <see cref="MessageKind.Task"/> whose
/// title is the type and whose content is a JSON object with <c>type</c> and <c>task_id</c>.</summary>
public static class TaskMessages
{
    /// <summary>The sender id of task messages.</summary>
    public const string Sender = "platform";

    /// <summary>The title and <c>type</c> of a task handed to an agent.</summary>
    public const string TaskType = "task";

    /// <summary>The title and <c>type</c> of the notice that an attempt was taken away.</summary>
    public const string CancelledType = "task_cancelled";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static DirectMessage Task(AgentTaskRecord record) => new()
    {
        SenderId = Sender,
        Kind = MessageKind.Task,
        Title = TaskType,
        Priority = record.Task.Priority,
        TraceParent = record.Task.TraceParent,
        Content = JsonSerializer.Serialize(
            new TaskContent(
                TaskType, record.Task.TaskId, record.Task.StepId, record.Task.Attempt, record.Task.Input, record.Deadline, record.LeaseUntil,
                record.Task.Priority.ToWire(), record.Task.TraceParent),
            Json),
    };

    internal static DirectMessage Cancelled(AgentTaskRecord record, string reason) => new()
    {
        SenderId = Sender,
        Kind = MessageKind.Task,
        Title = CancelledType,
        Priority = MessagePriority.High,
        TraceParent = record.Task.TraceParent,
        Content = JsonSerializer.Serialize(new CancelledContent(CancelledType, record.Task.TaskId, reason), Json),
    };

    private sealed record TaskContent(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("step_id")] string StepId,
        [property: JsonPropertyName("attempt")] int Attempt,
        [property: JsonPropertyName("input")] JsonElement? Input,
        [property: JsonPropertyName("deadline")] DateTimeOffset? Deadline,
        [property: JsonPropertyName("lease_until")] DateTimeOffset? LeaseUntil,
        [property: JsonPropertyName("priority")] string Priority,
        [property: JsonPropertyName("traceparent")] string? TraceParent);

    private sealed record CancelledContent(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("reason")] string Reason);
}
