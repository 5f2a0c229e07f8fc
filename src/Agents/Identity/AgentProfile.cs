using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>The registered, public profile of an agent.</summary>
/// <param name="Id">The agent id, for example <c>agt_3f9a0c1d2e4b5a6978c0</c>; immutable.</param>
/// <param name="Name">The unique name chosen at registration; immutable.</param>
/// <param name="Description">What the agent does; empty when not given.</param>
/// <param name="Emoji">An optional short symbol shown next to the name.</param>
/// <param name="Capabilities">Capability name → proficiency in [0, 1].</param>
/// <param name="CreatedAt">When the agent registered.</param>
/// <param name="Role">Its layer in hierarchical teams; null when it has none.</param>
public sealed record AgentProfile(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("emoji")] string? Emoji,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("role")] AgentRole? Role = null);
