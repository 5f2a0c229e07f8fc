using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Where a message stands for one recipient.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    /// <summary>Not handed out yet, or handed out and back again with the lease forgotten (after a restart).</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Handed out and not acknowledged yet; the attempt number says how often.</summary>
    [JsonStringEnumMemberName("leased")]
    Leased,

    /// <summary>Acknowledged by the recipient.</summary>
    [JsonStringEnumMemberName("acknowledged")]
    Acknowledged,

    /// <summary>Given up after the priority's attempt budget was spent.</summary>
    [JsonStringEnumMemberName("given_up")]
    GivenUp,

    /// <summary>The inbox holds no record of it: a direct message it never had, or one settled so long ago that its outcome
    /// was forgotten.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
