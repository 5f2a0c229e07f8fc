using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>An instance's answer: the outcome and the state after the operation.</summary>
internal sealed record InstanceReply(
    [property: JsonPropertyName("outcome")] InstanceOutcome Outcome,
    [property: JsonPropertyName("state")] WorkflowInstanceState? State);
