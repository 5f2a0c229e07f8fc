using System.Collections.Concurrent;
using AgentPlatform.Llm.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace AgentPlatform.Llm.Tools;

/// <summary>The tools of the MCP servers configured for each LLM agent, through the ModelContextProtocol client: each server is
/// connected on the agent's first task and kept; its tools are offered to the model as <c>&lt;server&gt;_&lt;tool&gt;</c>.</summary>
/// <remarks>A re-registered agent (new options) gets new connections and its old ones are closed. A stdio server is a child process
/// of the host, ended when the host stops.</remarks>
public sealed class LlmMcpTools(ILoggerFactory? loggerFactory = null) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Written only under the gate; read without it, so a task of an agent already connected never waits for another's connect.
    private readonly ConcurrentDictionary<string, (LlmAgentOptions Options, List<McpClient> Clients, IReadOnlyList<AIFunction> Tools)> _agents =
        new(StringComparer.Ordinal);

    /// <summary>The MCP tools of agent <paramref name="agentName"/>, connecting its servers on first use.</summary>
    /// <exception cref="InvalidOperationException">A server could not be started or connected to.</exception>
    public async ValueTask<IReadOnlyList<AIFunction>> ForAsync(string agentName, LlmAgentOptions agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (agent.McpServers.Count == 0)
        {
            return [];
        }

        if (_agents.TryGetValue(agentName, out var connected) && ReferenceEquals(connected.Options, agent))
        {
            return connected.Tools;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_agents.TryGetValue(agentName, out var known))
            {
                if (ReferenceEquals(known.Options, agent))
                {
                    return known.Tools;
                }

                _agents.TryRemove(agentName, out _);
                await CloseAsync(known.Clients);
            }

            var clients = new List<McpClient>();
            var tools = new List<AIFunction>();
            try
            {
                foreach (var server in agent.McpServers)
                {
                    var client = await ConnectAsync(agentName, server, cancellationToken);
                    clients.Add(client);
                    foreach (var tool in await client.ListToolsAsync(cancellationToken: cancellationToken))
                    {
                        tools.Add(tool.WithName($"{server.Name}_{tool.Name}"));
                    }
                }
            }
            catch
            {
                await CloseAsync(clients);
                throw;
            }

            _agents[agentName] = (agent, clients, tools);
            return tools;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, clients, _) in _agents.Values)
        {
            await CloseAsync(clients);
        }

        _agents.Clear();
        _gate.Dispose();
    }

    private async Task<McpClient> ConnectAsync(string agentName, LlmMcpServerOptions server, CancellationToken cancellationToken)
    {
        IClientTransport transport = server.Url is { Length: > 0 } url
            ? new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url), Name = server.Name }, loggerFactory)
            : new StdioClientTransport(new StdioClientTransportOptions { Command = server.Command!, Arguments = server.Args, Name = server.Name }, loggerFactory);
        try
        {
            return await McpClient.CreateAsync(transport, loggerFactory: loggerFactory, cancellationToken: cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"MCP server '{server.Name}' of LLM agent '{agentName}' could not be connected: {failure.Message}", failure);
        }
    }

    private static async Task CloseAsync(List<McpClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
