using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.Workflows.Operations;

/// <summary>The answer to a start: the instance, and whether this call created it.</summary>
/// <param name="Created">False when an instance of the same definition id already had this instance id; it is
/// returned unchanged and the request's version and input are ignored.</param>
/// <param name="Instance">The instance state after the start (after its wait, for a start that waits).</param>
public sealed record WorkflowStartResult(
    [property: JsonPropertyName("created")] bool Created,
    [property: JsonPropertyName("instance")] WorkflowInstanceState Instance);
