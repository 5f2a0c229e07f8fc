using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>One page of agents.</summary>
public sealed record AgentListView(
    [property: JsonPropertyName("agents")] IReadOnlyList<AgentView> Agents,
    [property: JsonPropertyName("next_cursor")] string? NextCursor);
