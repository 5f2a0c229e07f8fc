using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Rights;

/// <summary>The rights actor's state: the granted rights and the instances the agent started through them.</summary>
internal sealed record AgentRightsRecord(
    [property: JsonPropertyName("rights")] AgentRights Rights,
    [property: JsonPropertyName("started")] IReadOnlyList<string> Started);
