namespace AgentPlatform.Agents.Rights;

/// <summary>The scoped workflow rights the operator grants agents, and the checks the HTTP edge makes against them.</summary>
/// <remarks>Rights are data on the agent (one actor per agent), durable before a change is answered. Without a grant an agent may
/// do nothing with workflows; everything not listed here stays operator-only.</remarks>
public interface IAgentRights
{
    /// <summary>The agent's rights; <see cref="AgentRights.None"/> when nothing was granted.</summary>
    ValueTask<AgentRights> GetAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the agent's rights (an empty list and false revoke everything).</summary>
    ValueTask<AgentRights> SetAsync(string agentId, AgentRights rights, CancellationToken cancellationToken = default);

    /// <summary>True when the agent may start instances of <paramref name="definitionId"/>.</summary>
    ValueTask<bool> CanStartAsync(string agentId, string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Remembers that the agent started <paramref name="instanceId"/>, so that it may raise events on it.</summary>
    ValueTask RecordStartedAsync(string agentId, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Remembers that the agent was handed a task of <paramref name="instanceId"/>, so that it may raise events on it.</summary>
    ValueTask RecordWorkingForAsync(string agentId, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>True when the agent may raise events on <paramref name="instanceId"/>: it holds the right and started the instance or
    /// was handed one of its tasks.</summary>
    ValueTask<bool> CanRaiseEventAsync(string agentId, string instanceId, CancellationToken cancellationToken = default);
}
