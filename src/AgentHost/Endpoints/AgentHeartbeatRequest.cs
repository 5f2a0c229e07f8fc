using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The optional body of a heartbeat: <c>idle</c>, <c>busy</c> or <c>waiting</c> (<c>available</c> is read as <c>idle</c>).</summary>
public sealed record AgentHeartbeatRequest([property: JsonPropertyName("status")] string? Status = null);
