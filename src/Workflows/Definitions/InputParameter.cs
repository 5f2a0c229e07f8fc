using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>A hint describing one field of the workflow input.</summary>
public sealed record InputParameter
{
    /// <summary>The JSON type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Whether the field must be present when an instance starts.</summary>
    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>Free text for operators.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
