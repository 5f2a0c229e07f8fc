using AgentPlatform.Agents.Requests;

namespace AgentPlatform.Llm.Agents;

/// <summary>LLM agents as recipients of requests, by their member id <c>llm:{name}</c>: an agent configured or registered now.</summary>
internal sealed class LlmRequestRecipients(LlmAgentCatalog catalog) : IRequestRecipientKind
{
    private static readonly string Prefix = LlmAgentCatalog.MemberIdOf("");

    /// <inheritdoc/>
    public async ValueTask<bool> ExistsAsync(string agentId, CancellationToken cancellationToken = default) =>
        agentId.StartsWith(Prefix, StringComparison.Ordinal) && agentId.Length > Prefix.Length
        && await catalog.FindAsync(agentId[Prefix.Length..], cancellationToken) is not null;
}
