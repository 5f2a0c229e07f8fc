using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>How a task's agent is chosen: an explicit id, or required capabilities with a minimum score.</summary>
public sealed record AgentSelector
{
    /// <summary>The explicit agent id, when chosen by id.</summary>
    [JsonPropertyName("agent_id")]
    public string? AgentId { get; init; }

    /// <summary>Required capabilities, name to weight, when chosen by capability.</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyDictionary<string, double>? Capabilities { get; init; }

    /// <summary>The minimum match score in [0,1] for capability selection.</summary>
    [JsonPropertyName("min_confidence")]
    public double MinConfidence { get; init; }

    /// <summary>When set, only agents with this team role (<c>manager</c>, <c>coordinator</c>, <c>executor</c>) may run the task; an
    /// explicit agent with another role fails the attempt.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    /// <summary>When set, the task's candidate set: only these agents may run it (matching ranks only them, and an explicit agent
    /// outside the set fails the attempt); null leaves every agent a candidate.</summary>
    [JsonPropertyName("agents")]
    public IReadOnlyList<string>? Agents { get; init; }

    /// <summary>False keeps a retry on the agent that ran the previous attempt when it can take work, instead of moving it to the
    /// next-best agent; null means true.</summary>
    [JsonPropertyName("reassign")]
    public bool? Reassign { get; init; }
}
