using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Teams;

/// <summary>When a failure goes up a layer.</summary>
/// <param name="ToCoordinatorAfter">Failed attempts of one sub-task before its coordinator is asked (at most the retry budget).</param>
/// <param name="ToManagerAfter">Re-plans of one goal by its coordinator before the manager is asked.</param>
public sealed record TeamEscalation(
    [property: JsonPropertyName("to_coordinator_after")] int ToCoordinatorAfter,
    [property: JsonPropertyName("to_manager_after")] int ToManagerAfter);
