using AgentPlatform.Llm.Governor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Agents;

/// <summary>Declares every configured and registered LLM agent to the registry once the host has started (capabilities and task
/// limit), so dispatch matches them by capability like any other agent.</summary>
/// <remarks>Presence actors of in-process agents publish no registry entries, so the entry is handed to this process's registry
/// observers here; every replica runs this at start-up and so learns the agents it hosts. It waits for the host to have started
/// because in Dapr mode actor calls reach this very app, which answers only then; a failed round is tried again a few times.</remarks>
internal sealed class LlmAgentRegistrar(
    IOptions<LlmOptions> options, LlmAgentCatalog catalog, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<LlmAgentRegistrar> logger)
    : BackgroundService
{
    private const int MaxRounds = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        for (var round = 1; ; round++)
        {
            try
            {
                await DeclareAllAsync(stoppingToken);
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.LlmAgentsNotDeclared(logger, failure, round, MaxRounds);
                if (round == MaxRounds)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(round), time, stoppingToken);
            }
        }
    }

    private async Task DeclareAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, agent) in options.Value.Agents)
        {
            await DeclareAsync(name, agent.Capabilities, agent.MaxConcurrentTasks, agent.Model, agent.Endpoint, cancellationToken);
        }

        foreach (var (name, stored) in await catalog.ListRegisteredAsync(cancellationToken))
        {
            if (!catalog.IsConfigured(name))
            {
                var registration = stored.Registration;
                await DeclareAsync(name, registration.Capabilities ?? new Dictionary<string, double>(), registration.MaxConcurrentTasks ?? 1,
                    registration.Model ?? "", registration.Endpoint ?? "", cancellationToken);
            }
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
}
