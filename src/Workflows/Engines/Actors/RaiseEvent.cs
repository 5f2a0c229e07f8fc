using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Delivers an external event.</summary>
internal sealed record RaiseEvent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("payload")] JsonElement? Payload);
