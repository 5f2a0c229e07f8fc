using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The external event a <see cref="WaitStep"/> waits for.</summary>
public sealed record WaitEvent
{
    /// <summary>The event name, matched exactly.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>How long to wait before the step fails with a timeout (or completes with <see cref="TimeoutOutput"/>); no timeout
    /// when absent.</summary>
    [JsonPropertyName("timeout")]
    public string? Timeout { get; init; }

    /// <summary>Who alone may raise this event (see <see cref="WaitApprovers"/>): <c>operator</c>, a team role or an agent id;
    /// anyone the API otherwise lets raise events when absent.</summary>
    /// <remarks>Enforced where events are raised (the API), not by the engines, which only see raised events.</remarks>
    [JsonPropertyName("approvers")]
    public IReadOnlyList<string>? Approvers { get; init; }

    /// <summary>The default outcome: when set, the timeout completes the step with this value as its output instead of failing it.</summary>
    [JsonPropertyName("timeout_output")]
    public JsonElement? TimeoutOutput { get; init; }
}
