using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What matching needs to know about one agent, published on <see cref="Topic"/> whenever any of it changes, so every
/// process can keep an in-memory index fresh.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Status">Its status.</param>
/// <param name="Capabilities">Capability name → proficiency.</param>
/// <param name="Load">Tasks in flight.</param>
/// <param name="MaxConcurrentTasks">Its task limit.</param>
/// <param name="TrackRecord">How its tasks went.</param>
/// <param name="Version">Counts up with every change of this agent; an index keeps the entry with the highest version.</param>
/// <param name="Removed">True when the agent was removed; the index forgets it.</param>
/// <param name="Role">Its layer in hierarchical teams; null for none.</param>
public sealed record AgentRegistryEntry(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("status")] AgentStatus Status,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("load")] int Load,
    [property: JsonPropertyName("maxConcurrentTasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("trackRecord")] AgentTrackRecord TrackRecord,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("removed")] bool Removed = false,
    [property: JsonPropertyName("role")] Identity.AgentRole? Role = null)
{
    /// <summary>The pub/sub topic entries are published to.</summary>
    public const string Topic = "agents.registry";

    /// <summary>The CloudEvent type of the notification.</summary>
    public const string EventType = "agents.registry.changed";
}
