using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Channels;

/// <summary>The body of <c>POST /api/v1/channels</c>.</summary>
public sealed record CreateChannelRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("publish_to_topic")] bool? PublishToTopic = null);

/// <summary>The body of <c>PATCH /api/v1/channels/{id}</c>; absent fields stay as they are.</summary>
public sealed record UpdateChannelRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("publish_to_topic")] bool? PublishToTopic = null);

/// <summary>The body of <c>POST /api/v1/channels/{id}/messages</c>.</summary>
public sealed record PostMessageRequest(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("priority")] string? Priority = null);

/// <summary>The body of <c>POST /api/v1/posts</c>, the community-style shape.</summary>
public sealed record CommunityPostRequest(
    [property: JsonPropertyName("circle_id")] string? CircleId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("priority")] string? Priority = null);

/// <summary>The body of <c>POST /api/v1/agents/me/inbox/ack</c> and <c>/nack</c>.</summary>
public sealed record AcknowledgeRequest([property: JsonPropertyName("delivery_ids")] List<string>? DeliveryIds);

/// <summary>The body of <c>POST /api/v1/agents/{id}/messages</c>.</summary>
public sealed record DirectMessageRequest(
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("priority")] string? Priority = null);
