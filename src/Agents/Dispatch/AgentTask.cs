using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>One attempt of a piece of work to hand to an agent: who may take it, what it is, and how urgent.</summary>
/// <remarks>The same attempt may be dispatched more than once (after a restart); <see cref="TaskId"/> is the idempotency key.
/// Attempts of one piece of work share <see cref="WorkKey"/>: an agent whose attempt failed is not chosen for a later one.</remarks>
public sealed record AgentTask
{
    /// <summary>The task id, unique per attempt; agents act on the task by it.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>Names the piece of work all attempts belong to (for a workflow step, the instance and the step).</summary>
    [JsonPropertyName("work_key")]
    public required string WorkKey { get; init; }

    /// <summary>The step the task runs, as shown to the agent.</summary>
    [JsonPropertyName("step_id")]
    public required string StepId { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    /// <summary>The agent chosen explicitly (an external agent's id, or <c>type/key</c> of an in-process agent), or null.</summary>
    [JsonPropertyName("agent_id")]
    public string? AgentId { get; init; }

    /// <summary>Capability name to weight, when the agent is chosen by matching.</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, double>? Capabilities { get; init; }

    /// <summary>The least match score in [0, 1] of a candidate.</summary>
    [JsonPropertyName("min_confidence")]
    public double MinConfidence { get; init; }

    /// <summary>When set, only an agent with this team role may take the task: matching skips the others, and an explicit agent with
    /// another role (or none) ends the attempt as unassignable.</summary>
    [JsonPropertyName("role")]
    public Identity.AgentRole? Role { get; init; }

    /// <summary>When set, the candidate set: only these agents may take the task (matching passes over the others, and an explicit
    /// agent outside it ends the attempt as unassignable).</summary>
    [JsonPropertyName("agents")]
    public IReadOnlyList<string>? Agents { get; init; }

    /// <summary>True (the default) moves a retry to the next-best agent, passing over agents that failed earlier attempts of the work;
    /// false keeps it on the agent that failed the previous attempt when that agent can take work.</summary>
    [JsonPropertyName("reassign")]
    public bool Reassign { get; init; } = true;

    /// <summary>The task input; absent means JSON null.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>How long the attempt may take in all; the agent sees it as a deadline.</summary>
    [JsonPropertyName("timeout")]
    public TimeSpan? Timeout { get; init; }

    /// <summary>The delivery priority of the task in the agent's inbox.</summary>
    [JsonPropertyName("priority")]
    public MessagePriority Priority { get; init; }

    /// <summary>The workflow instance the task belongs to, if any: the agent handed the task may raise events on it (with the
    /// <c>raise_events</c> right).</summary>
    [JsonPropertyName("instance_id")]
    public string? InstanceId { get; init; }

    /// <summary>W3C trace context of the work that scheduled the task.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }
}
