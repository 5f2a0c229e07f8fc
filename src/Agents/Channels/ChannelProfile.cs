using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>What a channel is: its id, display name, description, creator and creation time.</summary>
public sealed record ChannelProfile
{
    /// <summary>The channel slug.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What the channel is for; empty when not given.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>The agent that created it.</summary>
    [JsonPropertyName("created_by")]
    public required string CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether every message appended to the log is also published as a CloudEvent on the channel's own topic
    /// (<see cref="ChannelTopic.For"/>), for agents that read it through their own Dapr sidecar.</summary>
    [JsonPropertyName("publish_to_topic")]
    public bool PublishToTopic { get; init; }
}
