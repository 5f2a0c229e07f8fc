using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>An agent's result, heartbeat or rejection of a task.</summary>
/// <param name="AgentId">The calling agent; only the agent holding the task may act on it.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Output">The output, for <see cref="TaskActKind.Complete"/>.</param>
/// <param name="Error">The error or rejection reason.</param>
/// <param name="Usage">What the attempt spent on model calls, for <see cref="TaskActKind.Complete"/> and <see cref="TaskActKind.Fail"/>.</param>
public sealed record TaskAct(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("kind")] TaskActKind Kind,
    [property: JsonPropertyName("output")] JsonElement? Output = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("usage")] AgentTaskUsage? Usage = null);
