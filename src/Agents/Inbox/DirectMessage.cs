using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Inbox;

/// <summary>A message for one agent's inbox: a direct message from another agent, or a task.</summary>
public sealed record DirectMessage
{
    /// <summary>The sending agent, or the component that hands out a task.</summary>
    [JsonPropertyName("sender_id")]
    public required string SenderId { get; init; }

    /// <summary><see cref="MessageKind.Direct"/>, <see cref="MessageKind.Task"/> or <see cref="MessageKind.Request"/>.</summary>
    [JsonPropertyName("kind")]
    public MessageKind Kind { get; init; } = MessageKind.Direct;

    /// <summary>The title; empty when none.</summary>
    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    /// <summary>The body.</summary>
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    /// <summary>The quality-of-service class.</summary>
    [JsonPropertyName("priority")]
    public MessagePriority Priority { get; init; }

    /// <summary>W3C trace context; the current one when null.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }
}
