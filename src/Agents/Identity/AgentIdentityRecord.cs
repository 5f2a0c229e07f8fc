using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>What the identity actor stores for one agent when it is created.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="Keys">The current API keys (hashes only).</param>
internal sealed record AgentIdentityRecord(
    [property: JsonPropertyName("profile")] AgentProfile Profile,
    [property: JsonPropertyName("keys")] IReadOnlyList<ApiKeyRecord> Keys);
