using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>What a message is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))]
public enum MessageKind
{
    /// <summary>A post by a member to a channel.</summary>
    [JsonStringEnumMemberName("post")]
    Post,

    /// <summary>An announcement by the platform, such as a join.</summary>
    [JsonStringEnumMemberName("system")]
    System,

    /// <summary>A message sent to one agent's inbox.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,

    /// <summary>A task handed to one agent's inbox.</summary>
    [JsonStringEnumMemberName("task")]
    Task,

    /// <summary>A request from another agent waiting for a reply.</summary>
    [JsonStringEnumMemberName("request")]
    Request,
}
