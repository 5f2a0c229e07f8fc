using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>One change of an index shard in a batched call (<see cref="IndexMethods.Apply"/>): a summary to add before its instance
/// starts (kept as it is when the id is already present), or to set when the instance finishes.</summary>
internal sealed record WorkflowIndexChange(
    [property: JsonPropertyName("summary")] WorkflowInstanceSummary Summary,
    [property: JsonPropertyName("replace")] bool Replace);
