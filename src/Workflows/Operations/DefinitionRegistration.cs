using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Operations;

/// <summary>The answer to registering a definition.</summary>
/// <param name="Outcome">Whether the version was created, already present, or conflicts with a stored one.</param>
/// <param name="Definition">The stored definition of that id and version.</param>
public sealed record DefinitionRegistration(
    [property: JsonPropertyName("outcome")] DefinitionRegistrationOutcome Outcome,
    [property: JsonPropertyName("definition")] WorkflowDefinition Definition);
