using System.Text.Json;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Liveness;

/// <summary><see cref="IAgentPresence"/> over presence actors: each call is one turn of the agent's <see cref="AgentPresenceActor"/>.</summary>
internal sealed class AgentPresenceService(IActorRuntime actors) : IAgentPresence
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default) =>
        CallAsync(agentId, AgentPresenceActor.HeartbeatMethod, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default) =>
        CallAsync(agentId, AgentPresenceActor.GetMethod, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<AgentPresence> SetBusyAsync(string agentId, bool busy, CancellationToken cancellationToken = default) =>
        CallAsync(agentId, AgentPresenceActor.SetBusyMethod, busy ? True : False, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default) =>
        await actors.InvokeAsync(PresenceKeys.ActorIdOf(agentId), AgentPresenceActor.RemoveMethod, null, cancellationToken);

    private async ValueTask<AgentPresence> CallAsync(string agentId, string method, object? payload, CancellationToken cancellationToken)
    {
        var actor = PresenceKeys.ActorIdOf(agentId);
        return await actors.InvokeAsync(actor, method, payload, cancellationToken) switch
        {
            AgentPresence presence => presence,
            JsonElement json => json.Deserialize<AgentPresence>(Json)
                ?? throw new InvalidOperationException($"Presence actor {actor} answered null."),
            var other => throw new InvalidOperationException($"Presence actor {actor} answered {other?.GetType().Name ?? "null"}."),
        };
    }
}
