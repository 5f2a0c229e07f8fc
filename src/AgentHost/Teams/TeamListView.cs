using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Every declared team, ordered by id.</summary>
public sealed record TeamListView([property: JsonPropertyName("teams")] IReadOnlyList<TeamView> Teams);
