namespace AgentPlatform.Runtime.Dapr.PubSub;

/// <summary>A topic the host subscribes to through its sidecar. Dapr reads an app's subscriptions once at start-up, so every
/// topic a handler may ever subscribe to is declared up front.</summary>
/// <param name="Component">The pub/sub component carrying the topic.</param>
/// <param name="Name">The topic name.</param>
/// <param name="DeadLetterTopic">Where Dapr puts a delivery that was dropped or ran out of retries; null for none.</param>
public sealed record DaprTopic(string Component, string Name, string? DeadLetterTopic)
{
    /// <summary>The app route Dapr delivers this topic's events to.</summary>
    public string Route => $"/dapr/topics/{Component}/{Name}";
}
