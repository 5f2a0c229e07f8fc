using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.History;

/// <summary>A definition as stored beside histories and in the definition catalog:
/// <c>{ "schema_version": n, "definition": { ... } }</c>.</summary>
/// <remarks>Reading accepts every older layout through <see cref="WorkflowUpcaster.Default"/> (version 1 stored the
/// definition bare); writing always uses <see cref="WorkflowSchema.CurrentVersion"/>.</remarks>
/// <param name="Definition">The stored definition.</param>
[JsonConverter(typeof(StoredWorkflowDefinitionJsonConverter))]
public sealed record StoredWorkflowDefinition(WorkflowDefinition Definition);
