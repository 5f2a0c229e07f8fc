using System.Collections.Concurrent;
using AgentPlatform.Llm.Agents;
using Microsoft.Extensions.AI;

namespace AgentPlatform.Llm.Tools;

/// <summary>Every tool an LLM agent is given: its platform functions and the tools of its MCP servers.</summary>
/// <remarks>An agent's platform functions are built once per version of its options (the catalog hands out the same options
/// instance until the agent changes), as its MCP tools are: building them reflects over the delegates and writes their schemas,
/// which is not work for every conversation.</remarks>
public sealed class LlmToolbox(LlmPlatformFunctions platform, LlmMcpTools mcp)
{
    private readonly ConcurrentDictionary<string, (LlmAgentOptions Options, IReadOnlyList<AIFunction> Functions)> _platform =
        new(StringComparer.Ordinal);

    /// <summary>The tools of agent <paramref name="agentName"/>; empty when it has none.</summary>
    public async ValueTask<IReadOnlyList<AIFunction>> ForAsync(string agentName, LlmAgentOptions agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var functions = PlatformFunctions(agentName, agent);
        var servers = await mcp.ForAsync(agentName, agent, cancellationToken);
        return servers.Count == 0 ? functions : [.. functions, .. servers];
    }

    private IReadOnlyList<AIFunction> PlatformFunctions(string agentName, LlmAgentOptions agent)
    {
        if (_platform.TryGetValue(agentName, out var built) && ReferenceEquals(built.Options, agent))
        {
            return built.Functions;
        }

        var functions = platform.For(agentName, agent);
        _platform[agentName] = (agent, functions);
        return functions;
    }
}
