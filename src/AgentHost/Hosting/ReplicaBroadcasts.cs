using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Keeps the replicas of the host in step in Dapr mode: publishes this replica's inbox wake-ups and identity changes
/// on the broadcast topics, and applies the other replicas' ones to this process's waiters and caches.</summary>
/// <remarks>Every replica reads the broadcast topics in full (one consumer group per replica), so a reader waiting on any
/// replica wakes after a commit anywhere, and a rotated key stops verifying everywhere once the change arrives. Events carry
/// the sending replica's id; a replica ignores its own, having acted on it already.</remarks>
internal sealed class ReplicaBroadcasts(IPubSub pubSub, IServiceProvider services, ILogger<ReplicaBroadcasts> logger)
    : IInboxSignalRelay, IAgentIdentityChanges, IHostedService, IAsyncDisposable
{
    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly List<IAsyncDisposable> _subscriptions = [];

    public async ValueTask RelayAsync(string? channelId, long head, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
    {
        var wakeup = new InboxWakeup(agentIds, channelId, head, _replica);
        var (topic, options) = channelId is null
            ? (InboxWakeup.AgentTopic, new PublishOptions { Type = InboxWakeup.AgentEventType })
            : (InboxWakeup.ChannelTopic, new PublishOptions { Type = InboxWakeup.ChannelEventType, Subject = channelId });
        try
        {
            await pubSub.PublishAsync(topic, wakeup, options, cancellationToken);
        }
        catch (Exception error) when (channelId is null)
        {
            // A channel's outbox logs and retries its own wake-ups; a direct one is a hint that is not sent again.
            Log.BroadcastFailed(logger, topic, error);
            throw;
        }
    }

    public async ValueTask PublishAsync(string agentId, CancellationToken cancellationToken = default) =>
        await PublishAsync(AgentIdentityChanged.Topic, new AgentIdentityChanged(agentId, _replica), new PublishOptions { Type = AgentIdentityChanged.EventType }, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var signals = services.GetRequiredService<InboxSignals>();
        var identities = services.GetRequiredService<IAgentIdentityStore>() as ActorAgentIdentityStore;
        _subscriptions.Add(await pubSub.SubscribeAsync(new TopicSubscription(InboxWakeup.ChannelTopic, (e, _) => Wake(e, signals)), cancellationToken));
        _subscriptions.Add(await pubSub.SubscribeAsync(new TopicSubscription(InboxWakeup.AgentTopic, (e, _) => Wake(e, signals)), cancellationToken));
        _subscriptions.Add(await pubSub.SubscribeAsync(new TopicSubscription(AgentIdentityChanged.Topic, (e, _) => Forget(e, identities)), cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }

        _subscriptions.Clear();
    }

    private ValueTask<DeliveryResult> Wake(CloudEvent cloudEvent, InboxSignals signals)
    {
        if (cloudEvent.GetData<InboxWakeup>() is not { } wakeup)
        {
            return ValueTask.FromResult(DeliveryResult.Drop);
        }

        if (wakeup.Replica != _replica)
        {
            foreach (var agentId in wakeup.AgentIds)
            {
                signals.Wake(agentId);
            }
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }

    private ValueTask<DeliveryResult> Forget(CloudEvent cloudEvent, ActorAgentIdentityStore? identities)
    {
        if (cloudEvent.GetData<AgentIdentityChanged>() is not { } change)
        {
            return ValueTask.FromResult(DeliveryResult.Drop);
        }

        if (change.Replica != _replica)
        {
            identities?.ForgetCached(change.AgentId);
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }

    private async Task PublishAsync<T>(string topic, T data, PublishOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await pubSub.PublishAsync(topic, data, options, cancellationToken);
        }
        catch (Exception error)
        {
            Log.BroadcastFailed(logger, topic, error);
        }
    }
}
