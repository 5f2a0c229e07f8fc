using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>A stored API key: its id and the SHA-256 hash of its secret, never the secret.</summary>
/// <param name="KeyId">The key id (the part between <c>apk_</c> and the dot).</param>
/// <param name="Hash">Base64 of SHA-256 over the UTF-8 secret.</param>
/// <param name="CreatedAt">When the key was issued.</param>
public sealed record ApiKeyRecord(
    [property: JsonPropertyName("key_id")] string KeyId,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
