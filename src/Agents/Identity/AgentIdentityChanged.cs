using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>Tells every replica of the host that an agent's profile or keys changed, so each drops its cached copy.</summary>
/// <param name="AgentId">The agent that changed.</param>
/// <param name="Replica">The replica that made the change and has dropped its copy already.</param>
public sealed record AgentIdentityChanged(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("replica")] string Replica)
{
    /// <summary>The topic of identity changes.</summary>
    public const string Topic = "agents.identity";

    /// <summary>The CloudEvent type of an identity change.</summary>
    public const string EventType = "agentplatform.identity.changed";
}
