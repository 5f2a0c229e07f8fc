using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Stops an instance; with <see cref="ParentTaskId"/> only a child started by that parent attempt (any other
/// instance answers a conflict and runs on).</summary>
internal sealed record TerminateInstance(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("parent_task_id")] string? ParentTaskId = null);
