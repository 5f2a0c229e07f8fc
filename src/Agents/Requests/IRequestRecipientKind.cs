namespace AgentPlatform.Agents.Requests;

/// <summary>A kind of agent that requests can reach besides the registered API agents (an LLM agent, for one); it knows the ids of its
/// own agents.</summary>
public interface IRequestRecipientKind
{
    /// <summary>True when <paramref name="agentId"/> names an existing agent of this kind.</summary>
    ValueTask<bool> ExistsAsync(string agentId, CancellationToken cancellationToken = default);
}
