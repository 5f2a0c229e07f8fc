using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>One tool call a model made during a task attempt, recorded with the attempt's usage.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="ArgumentBytes">The size of its arguments as JSON, in UTF-8 bytes.</param>
/// <param name="DurationMs">How long the call took, in milliseconds.</param>
/// <param name="Outcome"><c>ok</c>, <c>failed</c> or <c>refused</c>.</param>
public sealed record TaskToolCall(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("argument_bytes")] int ArgumentBytes,
    [property: JsonPropertyName("duration_ms")] double DurationMs,
    [property: JsonPropertyName("outcome")] string Outcome);
