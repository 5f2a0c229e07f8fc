using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

/// <summary>One message of a channel log or of an inbox; persisted and sent over the wire in this shape.</summary>
public sealed record ChannelMessage
{
    /// <summary>Unique id (a version-7 GUID, so ids sort by creation time).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The channel, or null for a message sent directly to one agent.</summary>
    [JsonPropertyName("channel_id")]
    public string? ChannelId { get; init; }

    /// <summary>The agent that sent it; for a system message, the agent it is about.</summary>
    [JsonPropertyName("sender_id")]
    public required string SenderId { get; init; }

    /// <summary>Post, system announcement, direct message or task.</summary>
    [JsonPropertyName("kind")]
    public required MessageKind Kind { get; init; }

    /// <summary>The title; empty when none was given.</summary>
    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    /// <summary>The body.</summary>
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    /// <summary>The quality-of-service class.</summary>
    [JsonPropertyName("priority")]
    public MessagePriority Priority { get; init; }

    /// <summary>When the platform accepted it.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Position in the channel log (1, 2, ...), or in the recipient's direct messages.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>W3C trace context of the request that sent it.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }

    /// <summary>What the platform recorded with the message, as a JSON object; absent for none. An LLM agent's answer to a post
    /// carries the answer's usage and tool calls under <c>llm_usage</c>.</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Metadata { get; init; }
}
