using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>A name and the agent holding it.</summary>
internal sealed record DirectoryEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("agent_id")] string AgentId);

/// <summary>The stored owner of a name and its registration sequence.</summary>
internal sealed record DirectoryName(
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("sequence")] long Sequence);

/// <summary>A request for agents registered after sequence <paramref name="After"/>.</summary>
internal sealed record DirectoryQuery(
    [property: JsonPropertyName("after")] long After,
    [property: JsonPropertyName("limit")] int Limit);

/// <summary>One listed agent.</summary>
internal sealed record DirectoryItem(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("agent_id")] string AgentId);

/// <summary>A slice of the directory and whether more follows.</summary>
internal sealed record DirectorySlice(
    [property: JsonPropertyName("items")] IReadOnlyList<DirectoryItem> Items,
    [property: JsonPropertyName("has_more")] bool HasMore);
