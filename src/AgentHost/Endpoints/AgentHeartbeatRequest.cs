using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The optional body of a heartbeat: <c>available</c> or <c>busy</c>.</summary>
public sealed record AgentHeartbeatRequest([property: JsonPropertyName("status")] string? Status = null);
