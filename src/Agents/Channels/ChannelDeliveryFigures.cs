using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>How a channel's messages were delivered, as counted by the inboxes of this process since it started.</summary>
/// <param name="Delivered">First deliveries.</param>
/// <param name="Redelivered">Deliveries after the first (lease expired or handed back).</param>
/// <param name="Acknowledged">Deliveries acknowledged.</param>
/// <param name="GivenUp">Deliveries given up after their attempt budget.</param>
/// <param name="SuccessRate">Acknowledged over settled (acknowledged plus given up); null before anything settled.</param>
/// <param name="DeliveryLatency">From a message's creation to its first delivery, in milliseconds.</param>
/// <param name="AcknowledgementLatency">From a message's creation to its acknowledgement, in milliseconds.</param>
public sealed record ChannelDeliveryFigures(
    [property: JsonPropertyName("delivered")] long Delivered,
    [property: JsonPropertyName("redelivered")] long Redelivered,
    [property: JsonPropertyName("acknowledged")] long Acknowledged,
    [property: JsonPropertyName("given_up")] long GivenUp,
    [property: JsonPropertyName("success_rate")] double? SuccessRate,
    [property: JsonPropertyName("delivery_latency_ms")] LatencyFigures DeliveryLatency,
    [property: JsonPropertyName("acknowledgement_latency_ms")] LatencyFigures AcknowledgementLatency);

/// <summary>A latency distribution in milliseconds; percentiles are the upper bounds of power-of-two buckets, so within a
/// factor of two. All null before the first sample.</summary>
public sealed record LatencyFigures(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("mean")] double? Mean,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p99")] double? P99,
    [property: JsonPropertyName("max")] double? Max);
