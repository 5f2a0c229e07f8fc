using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Runs a task on one agent, chosen by explicit id or by required capabilities.</summary>
public sealed record AgentTaskStep : WorkflowStep
{
    /// <summary>The explicit agent id; exclusive with <see cref="Capabilities"/>.</summary>
    [JsonPropertyName("agent")]
    public string? Agent { get; init; }

    /// <summary>Required capabilities, name to weight (weights &gt; 0); exclusive with <see cref="Agent"/>.</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, double>? Capabilities { get; init; }

    /// <summary>The minimum match score in [0,1] a candidate agent must reach (capability selection only).</summary>
    [JsonPropertyName("min_confidence")]
    public double? MinConfidence { get; init; }

    /// <summary>When set (<c>manager</c>, <c>coordinator</c>, <c>executor</c>), only agents with this team role may run the task.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>The candidate set: an array of agent ids, or one <c>${...}</c> reference to such an array resolved when an attempt is
    /// scheduled; only these agents may run the task. Absent: every agent is a candidate.</summary>
    [JsonPropertyName("agents")]
    public JsonElement? Agents { get; init; }

    /// <summary>The task input: any JSON whose strings may contain <c>${...}</c> references.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The time one attempt may take (for example <c>30s</c> or <c>PT30S</c>); no timeout when absent.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }

    /// <summary>The quality-of-service class of the task's delivery: <c>high</c>, <c>normal</c> or <c>low</c>; normal when absent.</summary>
    [JsonPropertyName("priority")]
    public string? Priority { get; init; }

    /// <summary>The retry policy; one attempt when absent.</summary>
    [JsonPropertyName("retry")]
    public RetryPolicy? Retry { get; init; }

    /// <summary>Context chunking (map-reduce) of a long text; absent sends the input in one call.</summary>
    [JsonPropertyName("chunking")]
    public TaskChunking? Chunking { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => StepKinds.AgentTask;
}
