namespace AgentPlatform.Runtime.PubSub;

/// <summary>A subscriber's answer to one delivery, as Dapr's SUCCESS / RETRY / DROP.</summary>
public enum DeliveryResult
{
    /// <summary>Processed; acknowledge.</summary>
    Success,

    /// <summary>Failed transiently; deliver again later.</summary>
    Retry,

    /// <summary>Will never succeed; drop it (to the dead-letter topic when one is set).</summary>
    Drop,
}
