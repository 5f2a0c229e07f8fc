using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Api.Grpc;

/// <summary>The check that an agent a message or request is addressed to exists.</summary>
internal static class Recipients
{
    /// <summary>Returns when <paramref name="agentId"/> names a registered agent; NOT_FOUND naming <c>agent_id</c> otherwise.</summary>
    public static async Task RequireAsync(IAgentIdentityStore identities, string agentId, CancellationToken cancellationToken)
    {
        if (!ApiKey.IsAgentId(agentId) || await identities.GetAsync(agentId, cancellationToken) is null)
        {
            throw GrpcErrors.NotFound($"There is no agent '{ClientText.Printable(agentId)}' (field 'agent_id').");
        }
    }
}
