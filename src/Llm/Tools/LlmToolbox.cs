using AgentPlatform.Llm.Agents;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Llm.Tools;

/// <summary>Every tool an LLM agent is given: its platform functions and the tools of its MCP servers.</summary>
public sealed class LlmToolbox(LlmPlatformFunctions platform, LlmMcpTools mcp)
{
    /// <summary>The tools of agent <paramref name="agentName"/>; empty when it has none.</summary>
    public async ValueTask<IReadOnlyList<AIFunction>> ForAsync(string agentName, LlmAgentOptions agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var functions = platform.For(agentName, agent);
        var servers = await mcp.ForAsync(agentName, agent, cancellationToken);
        return servers.Count == 0 ? functions : [.. functions, .. servers];
    }
}
