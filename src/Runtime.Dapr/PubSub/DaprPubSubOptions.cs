namespace AgentPlatform.Runtime.Dapr.PubSub;

/// <summary>Which pub/sub component each topic lives on and which topics the host subscribes to.</summary>
public sealed class DaprPubSubOptions
{
    /// <summary>The component of every topic not listed in <see cref="BroadcastTopics"/>.</summary>
    public string Component { get; set; } = DaprNames.Components.PubSub;

    /// <summary>The component every replica reads in full.</summary>
    public string BroadcastComponent { get; set; } = DaprNames.Components.BroadcastPubSub;

    /// <summary>Topics carried by <see cref="BroadcastComponent"/>; by default <see cref="DaprNames.Topics.Broadcast"/>.</summary>
    public ISet<string> BroadcastTopics { get; } = new HashSet<string>(DaprNames.Topics.Broadcast, StringComparer.Ordinal);

    /// <summary>Topics the host subscribes to, with their dead-letter topics; by default every platform topic, dead-lettered
    /// to <see cref="DaprNames.Topics.DeadLetter"/>.</summary>
    public IDictionary<string, string?> Subscriptions { get; } = DaprNames.Topics.Platform
        .Where(topic => topic != DaprNames.Topics.DeadLetter)
        .ToDictionary(topic => topic, string? (_) => DaprNames.Topics.DeadLetter, StringComparer.Ordinal);

    /// <summary>The component of <paramref name="topic"/>.</summary>
    public string ComponentOf(string topic) => BroadcastTopics.Contains(topic) ? BroadcastComponent : Component;

    /// <summary>Every declared subscription with its component.</summary>
    public IEnumerable<DaprTopic> Topics() =>
        Subscriptions.Select(pair => new DaprTopic(ComponentOf(pair.Key), pair.Key, pair.Value));
}
