using AgentPlatform.Llm.Governor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Declares every configured and registered LLM agent to the registry at start-up (capabilities and task limit), so dispatch matches
/// them by capability like any other agent.</summary>
/// <remarks>Presence actors of in-process agents publish no registry entries, so the entry is handed to this process's registry
/// observers here; every replica runs this at start-up and so learns the agents it hosts.</remarks>
internal sealed class LlmAgentRegistrar(IOptions<LlmOptions> options, LlmAgentCatalog catalog, ILogger<LlmAgentRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, agent) in options.Value.Agents)
        {
            await DeclareAsync(name, agent.Capabilities, agent.MaxConcurrentTasks, agent.Model, agent.Endpoint, cancellationToken);
        }

        foreach (var (name, stored) in await catalog.ListRegisteredAsync(cancellationToken))
        {
            var registration = stored.Registration;
            await DeclareAsync(name, registration.Capabilities ?? new Dictionary<string, double>(), registration.MaxConcurrentTasks ?? 1,
                registration.Model ?? "", registration.Endpoint ?? "", cancellationToken);
        }
    }

    private async Task DeclareAsync(
        string name, IReadOnlyDictionary<string, double> capabilities, int taskLimit, string model, string endpoint, CancellationToken cancellationToken)
    {
        await catalog.DeclareAsync(name, capabilities, taskLimit, cancellationToken);
        var agentId = LlmAgentCatalog.AgentIdOf(name);
        var endpointName = EndpointName.Of(new Uri(endpoint));
        Log.LlmAgentDeclared(logger, agentId, model, endpointName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
