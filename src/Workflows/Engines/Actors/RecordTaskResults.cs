using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Task results for one instance, recorded in one turn in the order given; results of tasks the instance no longer
/// awaits (including those an earlier result of the list abandoned) are ignored.</summary>
internal sealed record RecordTaskResults(
    [property: JsonPropertyName("results")] IReadOnlyList<WorkflowTaskResult> Results);
