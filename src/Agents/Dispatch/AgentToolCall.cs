using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>One tool call a model made during a task attempt, reported with the attempt's usage.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="ArgumentBytes">The size of its arguments as JSON, in UTF-8 bytes (the arguments themselves are not kept).</param>
/// <param name="DurationMs">How long the call took, in milliseconds.</param>
/// <param name="Outcome"><c>ok</c>, <c>failed</c> (the tool threw) or <c>refused</c> (not allowed to the agent).</param>
public sealed record AgentToolCall(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("argument_bytes")] int ArgumentBytes,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("outcome")] string Outcome);
