using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>A presence actor's answer to a call that may change the agent: its presence and, when matching data changed, the new
/// registry entry.</summary>
internal sealed record PresenceReply(
    [property: JsonPropertyName("presence")] AgentPresence Presence,
    [property: JsonPropertyName("changed")] AgentRegistryEntry? Changed);
