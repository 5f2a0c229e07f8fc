using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>One level of a run's failure path.</summary>
/// <param name="Level"><c>coordinator</c>, <c>manager</c> or <c>human</c>.</param>
/// <param name="Status">The status of the request (or wait) step.</param>
/// <param name="Agent">The agent that answered; null for the human level or before an answer.</param>
/// <param name="Answer">The answer (<c>{"decision": ...}</c>); null before one.</param>
public sealed record TeamEscalationView(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("answer")] JsonElement? Answer);
