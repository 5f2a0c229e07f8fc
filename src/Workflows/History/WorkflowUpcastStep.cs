using System.Text.Json.Nodes;

namespace AgentPlatform.Workflows.History;

/// <summary>One link of the upcaster chain: turns persisted JSON of version <see cref="From"/> into version
/// <see cref="From"/> + 1.</summary>
/// <param name="From">The version this step reads.</param>
/// <param name="Event">Rewrites one history event (without its version field, which the chain sets).</param>
/// <param name="Definition">Rewrites one stored definition document (without its version field, which the chain sets).</param>
public sealed record WorkflowUpcastStep(int From, Func<JsonObject, JsonObject> Event, Func<JsonObject, JsonObject> Definition);
