namespace AgentPlatform.Runtime.PubSub;

/// <summary>Topic-based publish/subscribe with CloudEvents envelopes, as Dapr's pub/sub building block.</summary>
/// <remarks>Delivery is at-least-once: handlers must be idempotent (de-duplicate on <see cref="CloudEvent.Id"/>).
/// A handler answering <see cref="DeliveryResult.Retry"/> or throwing is retried with exponential backoff; after the
/// retry budget, or on <see cref="DeliveryResult.Drop"/>, the event goes to the dead-letter topic when one is set.
/// Ordering is not guaranteed.</remarks>
public interface IPubSub
{
    /// <summary>The component name, for example <c>pubsub</c>.</summary>
    string Name { get; }

    /// <summary>True when subscribers in this process receive the published object itself, never a copy that crossed a broker,
    /// so a publisher can follow its message to delivery; false (the default) when events may go through a broker.</summary>
    bool DeliversInProcess => false;

    /// <summary>Publishes <paramref name="data"/> to <paramref name="topic"/>; completes when the broker accepted it.</summary>
    ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a handler; dispose the result to unsubscribe.</summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default);
}
