namespace AgentPlatform.Runtime.PubSub;

/// <summary>Optional envelope fields of a publish.</summary>
public sealed record PublishOptions
{
    /// <summary>The event id; a new one is generated when null.</summary>
    public string? Id { get; init; }

    /// <summary>The CloudEvent type; defaults to <c>com.dapr.event.sent</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The CloudEvent <c>subject</c>: what the event is about within its topic, for example a channel id.</summary>
    public string? Subject { get; init; }

    /// <summary>W3C trace context to propagate; defaults to the current activity's.</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C trace state to propagate.</summary>
    public string? TraceState { get; init; }

    /// <summary>When set, undelivered events expire after this long.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
