using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Requests;

/// <summary>Where a request between agents stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentRequestState>))]
public enum AgentRequestState
{
    /// <summary>Waiting for the recipient's reply.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>The recipient replied in time.</summary>
    [JsonStringEnumMemberName("replied")]
    Replied,

    /// <summary>The sender's timeout passed first; a reply is refused.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,
}
