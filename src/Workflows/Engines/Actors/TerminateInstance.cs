using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Stops an instance.</summary>
internal sealed record TerminateInstance([property: JsonPropertyName("reason")] string Reason);
