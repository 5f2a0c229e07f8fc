using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>The cluster's message broker: one consumer group per (component, topic, consumer id), created when a replica's
/// app subscribes, each delivering its events in order with daprd's SUCCESS / RETRY / DROP rules, exponential back-off,
/// and the subscription's dead-letter topic when attempts run out or the app drops the event.</summary>
internal sealed class PubSubBroker(ClusterRuntime cluster) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Pubsub, string Topic, string Consumer), ConsumerGroup> _groups = new();
    private readonly ConcurrentBag<Task> _workers = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Queues <paramref name="cloudEvent"/> for every consumer group of the topic; with no group yet, the event is
    /// lost, as on an in-memory broker.</summary>
    public void Publish(string pubsub, string topic, JsonObject cloudEvent)
    {
        foreach (var group in _groups.Values.Where(group => group.Pubsub == pubsub && group.Topic == topic))
        {
            group.Pending.Writer.TryWrite((JsonObject)cloudEvent.DeepClone());
        }
    }

    /// <summary>Creates the consumer groups for the subscriptions a replica's app just reported.</summary>
    public void OnReplicaReady(Sidecar sidecar)
    {
        foreach (var subscription in sidecar.Subscriptions)
        {
            if (cluster.Components.PubSub(subscription.PubsubName) is not { } component)
            {
                cluster.Log.UnknownPubSub(sidecar.Replica, subscription.PubsubName, subscription.Topic);
                continue;
            }

            int? replica = component.DeliversToEveryReplica ? sidecar.Replica : null;
            var consumer = replica is { } index ? $"replica-{index}" : cluster.Options.AppId;
            _groups.GetOrAdd((subscription.PubsubName, subscription.Topic, consumer), key =>
            {
                var group = new ConsumerGroup(key.Pubsub, key.Topic, replica);
                _workers.Add(Task.Run(() => DeliverAllAsync(group, _stopping.Token)));
                return group;
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var group in _groups.Values)
        {
            group.Pending.Writer.TryComplete();
        }

        await Task.WhenAll(_workers).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task DeliverAllAsync(ConsumerGroup group, CancellationToken stopping)
    {
        try
        {
            await foreach (var cloudEvent in group.Pending.Reader.ReadAllAsync(stopping))
            {
                await DeliverAsync(group, cloudEvent, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(ConsumerGroup group, JsonObject cloudEvent, CancellationToken stopping)
    {
        var body = Encoding.UTF8.GetBytes(cloudEvent.ToJsonString());
        for (var attempt = 1; ; attempt++)
        {
            var (sidecar, subscription) = await WaitForReaderAsync(group, stopping);
            if (subscription is null)
            {
                return;
            }

            if (CloudEvents.HasExpired(cloudEvent, cluster.Time.GetUtcNow()))
            {
                DeadLetterOrDrop(group, subscription, cloudEvent, "expired");
                return;
            }

            var path = subscription.RouteFor(cloudEvent);
            if (path is null)
            {
                DeadLetterOrDrop(group, subscription, cloudEvent, "no route matches");
                return;
            }

            var outcome = await SendAsync(sidecar!, path, body, stopping);
            if (outcome == DeliveryOutcome.Success)
            {
                if (cluster.Faults.TryTakeRedelivery())
                {
                    await SendAsync(sidecar!, path, body, stopping);
                }

                return;
            }

            if (outcome == DeliveryOutcome.Drop || attempt >= cluster.Options.PubSubMaxAttempts)
            {
                DeadLetterOrDrop(group, subscription, cloudEvent, outcome == DeliveryOutcome.Drop ? "dropped by the app" : $"{attempt} attempts failed");
                return;
            }

            var backoff = cluster.Options.PubSubInitialBackoff * Math.Pow(2, attempt - 1);
            await Task.Delay(backoff < cluster.Options.PubSubMaxBackoff ? backoff : cluster.Options.PubSubMaxBackoff, stopping);
        }
    }

    private static async Task<DeliveryOutcome> SendAsync(Sidecar sidecar, string path, byte[] body, CancellationToken stopping)
    {
        try
        {
            var response = await sidecar.App.SendAsync(HttpMethod.Post, path, body, CloudEvents.ContentType, null, stopping);
            return DeliveryOutcomes.Of(response);
        }
        catch (AppUnreachableException)
        {
            sidecar.ReportAppUnreachable();
            return DeliveryOutcome.Retry;
        }
    }

    /// <summary>Waits until a replica of the group can take the event; a null subscription means the replica that owned
    /// the group no longer subscribes (the event is dropped).</summary>
    private async Task<(Sidecar? Sidecar, AppSubscription? Subscription)> WaitForReaderAsync(ConsumerGroup group, CancellationToken stopping)
    {
        while (true)
        {
            var sidecars = cluster.Sidecars;
            for (var offset = 0; offset < sidecars.Count; offset++)
            {
                var index = group.Replica ?? (group.NextReplica + offset) % sidecars.Count;
                var sidecar = sidecars[index];
                if (!sidecar.CanServe)
                {
                    if (group.Replica is not null)
                    {
                        break;
                    }

                    continue;
                }

                var subscription = sidecar.Subscriptions.FirstOrDefault(s => s.PubsubName == group.Pubsub && s.Topic == group.Topic);
                if (subscription is not null || group.Replica is not null)
                {
                    group.NextReplica = index + 1;
                    return (sidecar, subscription);
                }
            }

            await Task.Delay(cluster.Options.AppProbeInterval, stopping);
        }
    }

    private void DeadLetterOrDrop(ConsumerGroup group, AppSubscription subscription, JsonObject cloudEvent, string reason)
    {
        var id = cloudEvent["id"]?.ToString() ?? "";
        if (subscription.DeadLetterTopic is { } deadLetter && deadLetter != group.Topic)
        {
            cluster.Log.DeadLettered(id, group.Pubsub, group.Topic, deadLetter, reason);
            Publish(group.Pubsub, deadLetter, cloudEvent);
            return;
        }

        cluster.Log.Dropped(id, group.Pubsub, group.Topic, reason);
    }
}
