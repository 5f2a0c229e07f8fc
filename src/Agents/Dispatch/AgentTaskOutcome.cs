using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>How one task attempt ended, as reported to whoever dispatched it.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Succeeded">True when the agent produced <paramref name="Output"/>.</param>
/// <param name="Output">The output of a successful task.</param>
/// <param name="Error">Why it failed: the agent's error, a rejection, a timed-out lease, an agent gone offline, no such agent.</param>
/// <param name="AgentId">The agent that ran (or last held) the attempt; null when none was chosen.</param>
/// <param name="Usage">What the attempt spent on model calls, when its agent reported it.</param>
public sealed record AgentTaskOutcome(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("output")] JsonElement? Output,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("agent_id")] string? AgentId,
    [property: JsonPropertyName("usage")] AgentTaskUsage? Usage = null);
