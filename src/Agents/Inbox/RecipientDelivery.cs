using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Inbox;

/// <summary>How one message fared with one recipient.</summary>
/// <param name="AgentId">The recipient.</param>
/// <param name="State">Pending, leased, acknowledged or given up.</param>
/// <param name="Attempt">For a leased message, how many times it was handed out; otherwise null.</param>
/// <param name="LeaseExpiresAt">For a leased message, when the lease runs out (or the hand-back back-off ends).</param>
/// <param name="LeaseDetailSince">Leases live in memory: what is known of them (leased, attempts, and acknowledgements ahead
/// of the durable cursor) covers only the time since this moment, when the recipient's inbox was last loaded. Earlier leases
/// show as pending, and are delivered again.</param>
public sealed record RecipientDelivery(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("state")] DeliveryState State,
    [property: JsonPropertyName("attempt")] int? Attempt,
    [property: JsonPropertyName("lease_expires_at")] DateTimeOffset? LeaseExpiresAt,
    [property: JsonPropertyName("lease_detail_since")] DateTimeOffset LeaseDetailSince);
