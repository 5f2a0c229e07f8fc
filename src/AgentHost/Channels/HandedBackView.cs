using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Channels;

/// <summary>The answer of <c>POST /api/v1/agents/me/inbox/nack</c>: how many leased deliveries were handed back.</summary>
public sealed record HandedBackView([property: JsonPropertyName("handed_back")] int HandedBack);
