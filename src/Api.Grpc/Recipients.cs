using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Requests;
using Grpc.Core;

namespace AgentPlatform.Api.Grpc;

/// <summary>The check that an agent a message or request is addressed to exists.</summary>
internal static class Recipients
{
    /// <summary>Returns when <paramref name="agentId"/> names a registered agent; NOT_FOUND naming <c>agent_id</c> otherwise.</summary>
    public static async Task RequireAsync(IAgentIdentityStore identities, string agentId, CancellationToken cancellationToken)
    {
        if (!ApiKey.IsAgentId(agentId) || await identities.GetAsync(agentId, cancellationToken) is null)
        {
            throw NotFound(agentId);
        }
    }

    /// <summary>Returns when <paramref name="agentId"/> names an agent a request can reach (see <see cref="RequestRecipients"/>);
    /// NOT_FOUND naming <c>agent_id</c> otherwise.</summary>
    public static async Task RequireAsync(RequestRecipients recipients, string agentId, CancellationToken cancellationToken)
    {
        if (!await recipients.ExistsAsync(agentId, cancellationToken))
        {
            throw NotFound(agentId);
        }
    }

    private static RpcException NotFound(string agentId) =>
        GrpcErrors.NotFound($"There is no agent '{ClientText.Printable(agentId)}' (field 'agent_id').");
}
