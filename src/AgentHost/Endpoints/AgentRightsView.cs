using System.Text.Json.Serialization;
using AgentPlatform.Agents.Rights;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>An agent's workflow rights; also the body of <c>PUT /agents/{id}/rights</c>.</summary>
public sealed record AgentRightsView(
    [property: JsonPropertyName("start_definitions")] IReadOnlyList<string>? StartDefinitions = null,
    [property: JsonPropertyName("raise_events")] bool? RaiseEvents = null)
{
    /// <summary>The view of <paramref name="rights"/>.</summary>
    public static AgentRightsView From(AgentRights rights)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return new AgentRightsView(rights.StartDefinitions, rights.RaiseEvents);
    }
}
