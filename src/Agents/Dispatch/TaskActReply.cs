using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The answer to a <see cref="TaskAct"/>.</summary>
/// <param name="Status">What became of it.</param>
/// <param name="Task">The task as it stands afterwards; null when it does not exist.</param>
public sealed record TaskActReply(
    [property: JsonPropertyName("status")] TaskActStatus Status,
    [property: JsonPropertyName("task")] AgentTaskStatus? Task);
