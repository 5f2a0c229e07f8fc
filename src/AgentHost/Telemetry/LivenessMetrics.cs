using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.AgentHost.Telemetry;

/// <summary>Counts agent status transitions from the <see cref="AgentStatusChanged"/> notifications liveness publishes.</summary>
internal sealed class LivenessMetrics(IPubSub pubSub, IMeterFactory meters) : IHostedService, IAsyncDisposable
{
    private readonly Counter<long> _transitions = meters.Create(PlatformTelemetry.LivenessMeter).CreateCounter<long>(
        "agentplatform.liveness.transitions", "{transition}", "Agent status changes, tagged with the previous and the current status.");

    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _subscription = await pubSub.SubscribeAsync(new TopicSubscription(AgentStatusChanged.Topic, Count), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }

    private ValueTask<DeliveryResult> Count(CloudEvent notification, CancellationToken cancellationToken)
    {
        if (notification.GetData<AgentStatusChanged>() is { } change)
        {
            _transitions.Add(1,
                new KeyValuePair<string, object?>("previous", Name(change.Previous)),
                new KeyValuePair<string, object?>("current", Name(change.Current)));
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }

    private static string Name(AgentStatus status) => status.ToString().ToLowerInvariant();
}
