using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>An external event delivered to the instance. Events are buffered by name: a wait step consumes the
/// oldest unconsumed event of its name, even one raised before the wait started.</summary>
public sealed record EventRaised : WorkflowEvent
{
    /// <summary>The event name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The payload, which becomes the output of the wait step that consumes it.</summary>
    [JsonPropertyName("payload")]
    public JsonElement? Payload { get; init; }
}
