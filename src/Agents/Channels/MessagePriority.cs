using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>The quality-of-service class of a message; it sets the redelivery budget and is tracked in the delivery metrics.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessagePriority>))]
public enum MessagePriority
{
    /// <summary>The default class.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Urgent: the largest redelivery budget.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Background: the smallest redelivery budget.</summary>
    [JsonStringEnumMemberName("low")]
    Low,
}
