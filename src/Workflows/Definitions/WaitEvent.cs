using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The external event a <see cref="WaitStep"/> waits for.</summary>
public sealed record WaitEvent
{
    /// <summary>The event name, matched exactly.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>How long to wait before the step fails with a timeout; no timeout when absent.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }
}
