using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The optional body of a task rejection.</summary>
public sealed record TaskRejectBody([property: JsonPropertyName("reason")] string? Reason = null);
