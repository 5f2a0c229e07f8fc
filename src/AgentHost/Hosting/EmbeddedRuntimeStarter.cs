namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Starts the embedded runtime with the host, so reminders persisted before a restart fire without waiting for a call.</summary>
internal sealed class EmbeddedRuntimeStarter(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.StartEmbeddedRuntimeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
