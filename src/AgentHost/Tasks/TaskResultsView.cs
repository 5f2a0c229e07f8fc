using System.Text.Json.Serialization;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The answer to several task results: what became of each, in the order they were sent.</summary>
public sealed record TaskResultsView([property: JsonPropertyName("results")] IReadOnlyList<TaskResultItemView> Results);

/// <summary>What became of one result of a batch, and the task as it stands; a task the caller does not hold (<c>not_found</c>,
/// <c>not_assigned</c>) comes without it, as the task actor answers those (an agent learns nothing about tasks it does not hold).</summary>
public sealed record TaskResultItemView(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("status")] TaskActStatus Status,
    [property: JsonPropertyName("task"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AgentTaskStatus? Task);
