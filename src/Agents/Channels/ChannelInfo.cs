using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>A channel's profile with its current member count and last sequence.</summary>
public sealed record ChannelInfo
{
    /// <summary>The channel slug.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>What the channel is for.</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>The agent that created it.</summary>
    [JsonPropertyName("created_by")]
    public required string CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many agents are members.</summary>
    [JsonPropertyName("member_count")]
    public required int MemberCount { get; init; }

    /// <summary>The sequence of the newest message (0 when the log is empty).</summary>
    [JsonPropertyName("last_sequence")]
    public required long LastSequence { get; init; }

    /// <summary>Whether the channel also publishes its messages to <see cref="Topic"/>.</summary>
    [JsonPropertyName("publish_to_topic")]
    public bool PublishToTopic { get; init; }

    /// <summary>The pub/sub topic the channel publishes to (<c>channel.&lt;id&gt;</c>), or null when it does not.</summary>
    [JsonPropertyName("topic")]
    public string? Topic { get; init; }

    internal static ChannelInfo From(ChannelProfile profile, int memberCount, long lastSequence) => new()
    {
        Id = profile.Id,
        Name = profile.Name,
        Description = profile.Description,
        CreatedBy = profile.CreatedBy,
        CreatedAt = profile.CreatedAt,
        MemberCount = memberCount,
        LastSequence = lastSequence,
        PublishToTopic = profile.PublishToTopic,
        Topic = profile.PublishToTopic ? ChannelTopic.For(profile.Id) : null,
    };
}
