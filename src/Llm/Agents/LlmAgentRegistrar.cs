using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Llm.Governor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Declares every configured LLM agent to the registry at start-up (capabilities and task limit), so dispatch matches
/// them by capability like any other agent.</summary>
/// <remarks>Presence actors of in-process agents publish no registry entries, so the entry is handed to this process's registry
/// observers here; every replica runs this at start-up and so learns the agents it hosts.</remarks>
internal sealed class LlmAgentRegistrar(
    IOptions<LlmOptions> options, IAgentPresence presence, IEnumerable<IAgentRegistryObserver> observers, ILogger<LlmAgentRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, agent) in options.Value.Agents)
        {
            var agentId = AgentId.Create(LlmAgent.AgentType, name).ToString();
            await presence.DeclareAsync(agentId, new AgentDeclaration(agent.Capabilities, agent.MaxConcurrentTasks), cancellationToken);
            var entry = await presence.GetEntryAsync(agentId, cancellationToken);
            foreach (var observer in observers)
            {
                observer.Observe(entry);
            }

            var endpoint = EndpointName.Of(new Uri(agent.Endpoint));
            Log.LlmAgentDeclared(logger, agentId, agent.Model, endpoint);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
