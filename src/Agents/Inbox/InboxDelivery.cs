using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Inbox;

/// <summary>One delivery of a message to an inbox: the lease the recipient acknowledges, its attempt number and the message.</summary>
/// <param name="DeliveryId">Pass this to the acknowledgement; the same message keeps the same id across attempts.</param>
/// <param name="Attempt">1 on first delivery, counting up on each redelivery.</param>
/// <param name="Message">The message.</param>
public sealed record InboxDelivery(
    [property: JsonPropertyName("delivery_id")] string DeliveryId,
    [property: JsonPropertyName("attempt")] int Attempt,
    [property: JsonPropertyName("message")] ChannelMessage Message);
