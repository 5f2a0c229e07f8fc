using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Retries of an agent task: attempt <c>k</c> (k &gt;= 2) starts after
/// <c>min(initial_backoff * multiplier^(k-2), max_backoff)</c>.</summary>
public sealed record RetryPolicy
{
    /// <summary>The total number of attempts, the first included; at least 1.</summary>
    [JsonPropertyName("max_attempts")]
    public int MaxAttempts { get; init; } = 1;

    /// <summary>The delay before the second attempt (duration syntax); zero when absent.</summary>
    [JsonPropertyName("initial_backoff")]
    public string? InitialBackoff { get; init; }

    /// <summary>The factor applied to the delay after each attempt; at least 1.</summary>
    [JsonPropertyName("multiplier")]
    public double Multiplier { get; init; } = 2;

    /// <summary>The cap on the delay (duration syntax); uncapped when absent.</summary>
    [JsonPropertyName("max_backoff")]
    public string? MaxBackoff { get; init; }

    /// <summary>Whether a retry may move to another agent (the next-best one, excluding agents that failed the step); false keeps
    /// it on the agent that ran the previous attempt when that agent can take work. Null means true.</summary>
    [JsonPropertyName("reassign")]
    public bool? Reassign { get; init; }
}
