using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The agents that changed since the last update, and the count of agents per status.</summary>
/// <param name="Changed">The changed agents (at most one entry each).</param>
/// <param name="Reset">True when more agents changed than one update carries: reload the page of agents on screen.</param>
/// <param name="Counts">Agents per status name.</param>
public sealed record AgentChangesView(
    [property: JsonPropertyName("changed")] IReadOnlyList<AgentChangeView> Changed,
    [property: JsonPropertyName("reset")] bool Reset,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts);
