using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>A channel's figures for the operator: volume and priority mix from the durable log, delivery figures from this
/// process.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="Messages">Messages in the log (its last sequence), posts and system announcements together.</param>
/// <param name="Posts">Posts by priority (<c>high</c>, <c>normal</c>, <c>low</c>), counted after <paramref name="CountedAfter"/>.</param>
/// <param name="SystemMessages">System announcements (create, join, leave) counted after <paramref name="CountedAfter"/>.</param>
/// <param name="CountedAfter">The sequence the durable counts start after: 0, or the head of a channel older than them.</param>
/// <param name="Members">Current members.</param>
/// <param name="Deliveries">First deliveries, redeliveries, acknowledgements, give-ups, success rate and latencies, as counted
/// by the inboxes hosted in this process since <paramref name="DeliveriesSince"/>; with several host replicas each counts its
/// own inboxes only.</param>
/// <param name="DeliveriesSince">When this process started counting.</param>
public sealed record ChannelMetricsReport(
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("posts")] IReadOnlyDictionary<string, long> Posts,
    [property: JsonPropertyName("system_messages")] long SystemMessages,
    [property: JsonPropertyName("counted_after")] long CountedAfter,
    [property: JsonPropertyName("members")] int Members,
    [property: JsonPropertyName("deliveries")] ChannelDeliveryFigures Deliveries,
    [property: JsonPropertyName("deliveries_since")] DateTimeOffset DeliveriesSince);
