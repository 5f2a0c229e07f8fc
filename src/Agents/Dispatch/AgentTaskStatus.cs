using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>A task attempt as it stands: who holds it, until when, and how it ended.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="StepId">The step it runs.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="State">Waiting, assigned or finished.</param>
/// <param name="AgentId">The agent holding (or that last held) it.</param>
/// <param name="LeaseUntil">When an external agent's lease runs out unless it heartbeats.</param>
/// <param name="Deadline">When the attempt times out in all, if it has a timeout.</param>
/// <param name="End">How it ended, once finished.</param>
/// <param name="Error">Why it failed, if it did.</param>
public sealed record AgentTaskStatus(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("step_id")] string StepId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("state")] AgentTaskState State,
    [property: JsonPropertyName("agent_id")] string? AgentId,
    [property: JsonPropertyName("lease_until")] DateTimeOffset? LeaseUntil,
    [property: JsonPropertyName("deadline")] DateTimeOffset? Deadline,
    [property: JsonPropertyName("end")] AgentTaskEnd? End,
    [property: JsonPropertyName("error")] string? Error);
