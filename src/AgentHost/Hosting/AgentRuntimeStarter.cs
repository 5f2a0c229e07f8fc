using AgentPlatform.Agents.Core;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Subscribes the agent runtime to published agent messages when the host starts, so hosted agents receive events
/// before anything in this process publishes one.</summary>
internal sealed class AgentRuntimeStarter(IAgentRuntime agents) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => agents.StartAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
