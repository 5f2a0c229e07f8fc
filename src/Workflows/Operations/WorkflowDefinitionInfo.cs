using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Operations;

/// <summary>A registered definition id and its versions.</summary>
/// <param name="Id">The definition id.</param>
/// <param name="Versions">The registered versions, ascending.</param>
public sealed record WorkflowDefinitionInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("versions")] IReadOnlyList<int> Versions);
