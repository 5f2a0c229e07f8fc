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
}
