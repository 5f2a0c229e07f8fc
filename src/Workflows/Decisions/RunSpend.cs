using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>What a run spent on model calls, summed from the usage recorded with its task outcomes.</summary>
public sealed record RunSpend
{
    /// <summary>Prompt tokens of every recorded attempt.</summary>
    [JsonPropertyName("input_tokens")]
    public long InputTokens { get; init; }

    /// <summary>Completion tokens of every recorded attempt.</summary>
    [JsonPropertyName("output_tokens")]
    public long OutputTokens { get; init; }

    /// <summary>What the recorded attempts cost.</summary>
    [JsonPropertyName("cost")]
    public decimal Cost { get; init; }

    /// <summary>True when some counts were estimated because a provider reported no usage.</summary>
    [JsonPropertyName("estimated")]
    public bool Estimated { get; init; }

    /// <summary>Task attempts that reported usage.</summary>
    [JsonPropertyName("tasks")]
    public int Tasks { get; init; }

    /// <summary>Tool calls the models made.</summary>
    [JsonPropertyName("tool_calls")]
    public int ToolCalls { get; init; }

    /// <summary>The same per agent, ordered by agent id.</summary>
    [JsonPropertyName("by_agent")]
    public required IReadOnlyList<AgentSpend> ByAgent { get; init; }
}
