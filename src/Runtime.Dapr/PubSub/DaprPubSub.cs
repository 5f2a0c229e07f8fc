using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Runtime.PubSub;
using Dapr.Client;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Dapr.PubSub;

/// <summary>Platform pub/sub on Dapr: publishes with <see cref="DaprClient"/> to the component each topic lives on, and hands
/// the sidecar's deliveries of the declared topics to the handlers subscribed in this process.</summary>
/// <remarks>Dapr reads an app's subscriptions once, at start-up, so <see cref="SubscribeAsync"/> accepts only topics declared in
/// <see cref="DaprPubSubOptions.Subscriptions"/>, with the dead-letter topic declared there. A delivery for a topic nobody here
/// subscribes to is acknowledged, as an in-process broker would drop it. Data is written as JSON with the actor options; the
/// event id, type, subject, trace context and time-to-live travel as Dapr's <c>cloudevent.*</c> and <c>ttlInSeconds</c>
/// publish metadata, so the CloudEvent a subscriber receives carries them.</remarks>
public sealed class DaprPubSub : IPubSub
{
    private readonly DaprClient _client;
    private readonly DaprPubSubOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Subscriber[]> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates the pub/sub over <paramref name="client"/>.</summary>
    public DaprPubSub(DaprClient client, DaprPubSubOptions options, ILogger<DaprPubSub> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name => _options.Component;

    /// <inheritdoc/>
    public async ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, data?.GetType() ?? typeof(object), ActorJson.Options);
        await _client.PublishByteEventAsync(_options.ComponentOf(topic), topic, bytes, "application/json", Metadata(options), cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The topic is not declared, or the subscription names another dead-letter topic than
    /// the declared one.</exception>
    public ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (!_options.Subscriptions.TryGetValue(subscription.Topic, out var deadLetter))
        {
            throw new ArgumentException(
                $"Topic '{subscription.Topic}' is not declared: Dapr reads subscriptions at start-up, so declare it in DaprPubSubOptions.Subscriptions.",
                nameof(subscription));
        }

        if (subscription.DeadLetterTopic is { } wanted && wanted != deadLetter)
        {
            throw new ArgumentException(
                $"Topic '{subscription.Topic}' is declared with dead-letter topic '{deadLetter}', not '{wanted}'.", nameof(subscription));
        }

        var subscriber = new Subscriber(this, subscription);
        lock (_gate)
        {
            _handlers[subscription.Topic] = [.. _handlers.GetValueOrDefault(subscription.Topic) ?? [], subscriber];
        }

        return ValueTask.FromResult<IAsyncDisposable>(subscriber);
    }

    /// <summary>Hands one delivery to every handler of its topic in this process and combines their answers: any retry (or
    /// failure) asks for a redelivery, else any drop drops it, else it succeeded.</summary>
    public async Task<DeliveryResult> DeliverAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!_handlers.TryGetValue(cloudEvent.Topic, out var subscribers) || subscribers.Length == 0)
        {
            return DeliveryResult.Success;
        }

        var results = await Task.WhenAll(subscribers.Select(s => HandleAsync(s.Subscription, cloudEvent, cancellationToken)));
        return results.Contains(DeliveryResult.Retry) ? DeliveryResult.Retry
            : results.Contains(DeliveryResult.Drop) ? DeliveryResult.Drop
            : DeliveryResult.Success;
    }

    private async Task<DeliveryResult> HandleAsync(TopicSubscription subscription, CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        try
        {
            return await subscription.Handler(cloudEvent, cancellationToken);
        }
        catch (Exception error)
        {
            Log.HandlerFailed(_logger, cloudEvent.Topic, cloudEvent.Id, error);
            return DeliveryResult.Retry;
        }
    }

    private static Dictionary<string, string> Metadata(PublishOptions? options)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cloudevent.id"] = options?.Id ?? Guid.NewGuid().ToString("D"),
        };
        var activity = Activity.Current;
        Add(metadata, "cloudevent.type", options?.Type);
        Add(metadata, "cloudevent.subject", options?.Subject);
        Add(metadata, "cloudevent.traceparent", options?.TraceParent ?? TraceParents.Current());
        Add(metadata, "cloudevent.tracestate", options?.TraceState ?? activity?.TraceStateString);
        if (options?.TimeToLive is { } ttl)
        {
            metadata[DaprTimeToLive.MetadataKey] = DaprTimeToLive.Seconds(ttl);
        }

        return metadata;
    }

    private static void Add(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            metadata[key] = value;
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            var topic = subscriber.Subscription.Topic;
            if (_handlers.TryGetValue(topic, out var current))
            {
                _handlers[topic] = Array.FindAll(current, s => !ReferenceEquals(s, subscriber));
            }
        }
    }

    private sealed class Subscriber(DaprPubSub owner, TopicSubscription subscription) : IAsyncDisposable
    {
        public TopicSubscription Subscription { get; } = subscription;

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
