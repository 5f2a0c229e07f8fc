using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Agents.Requests;

/// <summary>The one check of who a request may be sent to, for the HTTP and gRPC APIs and for agents' own tools alike: a registered
/// API agent, or an agent of a kind that registered an <see cref="IRequestRecipientKind"/>.</summary>
/// <param name="kinds">The other kinds of agents.</param>
/// <param name="identities">The registered API agents; absent where the host keeps none.</param>
public sealed class RequestRecipients(IEnumerable<IRequestRecipientKind> kinds, IAgentIdentityStore? identities)
{
    private readonly IRequestRecipientKind[] _kinds = [.. kinds];

    /// <summary>True when <paramref name="agentId"/> names an agent that can receive a request.</summary>
    public async ValueTask<bool> ExistsAsync(string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (ApiKey.IsAgentId(agentId))
        {
            return identities is not null && await identities.GetAsync(agentId, cancellationToken) is not null;
        }

        foreach (var kind in _kinds)
        {
            if (await kind.ExistsAsync(agentId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
