using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Rights;

/// <summary>The rights actor's state: the granted rights, and (as stored by earlier versions only) the instances the agent started
/// through them, which the actor now keeps under a key each and moves there on first read.</summary>
internal sealed record AgentRightsRecord(
    [property: JsonPropertyName("rights")] AgentRights Rights,
    [property: JsonPropertyName("started")] IReadOnlyList<string> Started);
