using System.Text.Json.Serialization;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The answer to a task result, heartbeat or rejection: what became of it and the task as it stands.</summary>
public sealed record TaskActView(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("status")] TaskActStatus Status,
    [property: JsonPropertyName("task")] AgentTaskStatus Task);
