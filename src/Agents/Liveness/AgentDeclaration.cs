using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What an agent declares about the work it takes, at registration or by a later change; null fields stay as they are.</summary>
/// <param name="Capabilities">Capability name → proficiency in [0, 1], replacing the whole map; null keeps it.</param>
/// <param name="MaxConcurrentTasks">How many tasks it takes at once (1 to <see cref="MaxTaskLimit"/>); null keeps it.</param>
/// <param name="SetHeartbeatInterval">True to replace the agent's own heartbeat interval with <paramref name="HeartbeatInterval"/>.</param>
/// <param name="HeartbeatInterval">The agent's own heartbeat interval, within <see cref="AgentLivenessOptions.MinAgentHeartbeatInterval"/>
/// and <see cref="AgentLivenessOptions.MaxAgentHeartbeatInterval"/>; null means the host's <see cref="AgentLivenessOptions.HeartbeatInterval"/>.</param>
/// <param name="SetRole">True to replace the agent's team role with <paramref name="Role"/>.</param>
/// <param name="Role">Its layer in hierarchical teams; null for none.</param>
public sealed record AgentDeclaration(
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double>? Capabilities = null,
    [property: JsonPropertyName("maxConcurrentTasks")] int? MaxConcurrentTasks = null,
    [property: JsonPropertyName("setHeartbeatInterval")] bool SetHeartbeatInterval = false,
    [property: JsonPropertyName("heartbeatInterval")] TimeSpan? HeartbeatInterval = null,
    [property: JsonPropertyName("setRole")] bool SetRole = false,
    [property: JsonPropertyName("role")] Identity.AgentRole? Role = null)
{
    /// <summary>The task limit of an agent that declared none.</summary>
    public const int DefaultMaxConcurrentTasks = 1;

    /// <summary>The largest task limit an agent may declare.</summary>
    public const int MaxTaskLimit = 10_000;
}
