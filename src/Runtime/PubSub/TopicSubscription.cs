namespace AgentPlatform.Runtime.PubSub;

/// <summary>A subscription of a handler to a topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Handler">Receives each event and answers how delivery went. A thrown exception counts as <see cref="DeliveryResult.Retry"/>.</param>
public sealed record TopicSubscription(string Topic, Func<CloudEvent, CancellationToken, ValueTask<DeliveryResult>> Handler)
{
    /// <summary>Where events go when dropped or out of retries; null discards them.</summary>
    public string? DeadLetterTopic { get; init; }
}
