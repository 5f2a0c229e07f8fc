namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>What daprd makes of an app's answer to a delivered event.</summary>
internal enum DeliveryOutcome
{
    /// <summary>Acknowledged: done.</summary>
    Success,

    /// <summary>Deliver again (after back-off), then dead-letter or drop when attempts run out.</summary>
    Retry,

    /// <summary>Not delivered again: dead-lettered when the subscription names a dead-letter topic, else dropped.</summary>
    Drop,
}
