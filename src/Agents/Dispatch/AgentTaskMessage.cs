using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The direct message an in-process agent (a <see cref="Core.RoutedAgent"/>) gets for a task: handle it with an
/// <see cref="Core.RpcAttribute"/> handler whose response is the task output; throwing fails the attempt.</summary>
/// <param name="TaskId">The task id (the idempotency key: the same attempt may come twice after a restart).</param>
/// <param name="StepId">The step it runs.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Input">The task input.</param>
/// <param name="Deadline">When the attempt times out, if it has a timeout.</param>
/// <param name="InstanceId">The workflow instance the task belongs to, if any (an LLM agent counts its spend against that run).</param>
public sealed record AgentTaskMessage(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("step_id")] string StepId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("deadline")] DateTimeOffset? Deadline,
    [property: JsonPropertyName("instance_id")] string? InstanceId = null);
