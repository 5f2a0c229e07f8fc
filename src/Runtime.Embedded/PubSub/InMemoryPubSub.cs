using System.Collections.Concurrent;
using System.Diagnostics;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Runtime.Embedded.PubSub;

/// <summary>An in-process pub/sub broker with Dapr's delivery rules: CloudEvents, SUCCESS/RETRY/DROP, backoff, dead letters.</summary>
/// <remarks>
/// A publish completes once the event is handed to the broker; every subscription of the topic then receives it
/// concurrently. A handler that answers RETRY or throws gets the event again after an exponentially growing delay
/// measured on the injected clock; after <see cref="InMemoryPubSubOptions.MaxDeliveryAttempts"/>, on DROP, or once the
/// event expired, it goes to the subscription's dead-letter topic (or is discarded when none is set).
/// Nothing is persisted: events in flight are lost with the process.
/// </remarks>
public sealed class InMemoryPubSub : IPubSub, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, Subscriber[]> _topics = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly InMemoryPubSubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the broker.</summary>
    public InMemoryPubSub(InMemoryPubSubOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new InMemoryPubSubOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InMemoryPubSub>();
    }

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <inheritdoc/>
    public bool DeliversInProcess => true;

    /// <inheritdoc/>
    public ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var now = _time.GetUtcNow();
        var activity = Activity.Current;
        var cloudEvent = new CloudEvent
        {
            Id = options?.Id ?? Guid.NewGuid().ToString("D"),
            Source = _options.AppId,
            Type = options?.Type ?? _options.DefaultEventType,
            Data = data,
            Subject = options?.Subject,
            Topic = topic,
            PubSubName = Name,
            Time = now,
            TraceParent = options?.TraceParent ?? TraceParents.Current(),
            TraceState = options?.TraceState ?? activity?.TraceStateString,
            Expiration = options?.TimeToLive is { } ttl ? now + ttl : null,
        };
        Dispatch(cloudEvent);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscription.Topic, nameof(subscription));
        ArgumentNullException.ThrowIfNull(subscription.Handler, nameof(subscription));
        var subscriber = new Subscriber(this, subscription);
        lock (_gate)
        {
            var current = _topics.TryGetValue(subscription.Topic, out var existing) ? existing : [];
            _topics[subscription.Topic] = [.. current, subscriber];
        }

        return ValueTask.FromResult<IAsyncDisposable>(subscriber);
    }

    /// <summary>Unsubscribes everyone and stops pending retries.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var subscribers in _topics.Values)
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            var topic = subscriber.Subscription.Topic;
            if (_topics.TryGetValue(topic, out var current))
            {
                var remaining = Array.FindAll(current, s => !ReferenceEquals(s, subscriber));
                if (remaining.Length == 0)
                {
                    _topics.TryRemove(topic, out _);
                }
                else
                {
                    _topics[topic] = remaining;
                }
            }
        }
    }

    private void Dispatch(CloudEvent cloudEvent)
    {
        if (!_topics.TryGetValue(cloudEvent.Topic, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            _ = Task.Run(() => DeliverAsync(subscriber, cloudEvent));
        }
    }

    private async Task DeliverAsync(Subscriber subscriber, CloudEvent cloudEvent)
    {
        var delay = _options.InitialRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var token = subscriber.Token;
            if (token.IsCancellationRequested)
            {
                return;
            }

            if (cloudEvent.Expiration is { } expiration && _time.GetUtcNow() >= expiration)
            {
                DeadLetter(subscriber, cloudEvent, "expired");
                return;
            }

            DeliveryResult result;
            Exception? error = null;
            try
            {
                result = await subscriber.Subscription.Handler(cloudEvent, token);
            }
            catch (Exception thrown)
            {
                result = DeliveryResult.Retry;
                error = thrown;
            }

            if (result == DeliveryResult.Success)
            {
                return;
            }

            if (result == DeliveryResult.Drop)
            {
                DeadLetter(subscriber, cloudEvent, "dropped by the subscriber");
                return;
            }

            if (attempt >= _options.MaxDeliveryAttempts)
            {
                DeadLetter(subscriber, cloudEvent, $"no success after {attempt} attempts");
                return;
            }

            Log.DeliveryRetry(_logger, cloudEvent.Id, cloudEvent.Topic, attempt, error);
            try
            {
                await Task.Delay(delay, _time, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks((long)Math.Min(delay.Ticks * _options.RetryBackoffMultiplier, _options.MaxRetryDelay.Ticks));
        }
    }

    private void DeadLetter(Subscriber subscriber, CloudEvent cloudEvent, string reason)
    {
        if (subscriber.Subscription.DeadLetterTopic is { Length: > 0 } deadLetterTopic)
        {
            Log.DeliveryDeadLettered(_logger, cloudEvent.Id, cloudEvent.Topic, deadLetterTopic, reason);
            Dispatch(cloudEvent with { Topic = deadLetterTopic, Expiration = null });
        }
        else
        {
            Log.DeliveryDropped(_logger, cloudEvent.Id, cloudEvent.Topic, reason);
        }
    }

    private sealed class Subscriber(InMemoryPubSub owner, TopicSubscription subscription) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _unsubscribed = new();

        public TopicSubscription Subscription { get; } = subscription;

        public CancellationToken Token => _unsubscribed.Token;

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return new ValueTask(_unsubscribed.CancelAsync());
        }
    }
}
