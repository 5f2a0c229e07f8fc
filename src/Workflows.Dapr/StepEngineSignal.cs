using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Names of the Dapr external events the orchestrator listens to, and the platform event's envelope.</summary>
public static class StepEngineSignal
{
    /// <summary>A task result (<see cref="WorkflowTaskResult"/> as JSON) reported by the dispatch sink.</summary>
    public const string TaskResult = "agent-task-result";

    /// <summary>An operator's event (<see cref="PlatformEvent"/> as JSON): every name goes through this one Dapr event,
    /// because the decider records events a wait step consumes later, whatever their name.</summary>
    public const string Event = "workflow-event";

    /// <summary>The envelope of <see cref="Event"/>.</summary>
    /// <param name="Name">The platform event name.</param>
    /// <param name="Payload">Its payload.</param>
    public sealed record PlatformEvent([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("payload")] JsonElement? Payload);
}
