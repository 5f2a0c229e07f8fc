using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>What happened to one task of an agent, as sent to its presence actor: started, finished with an outcome, or released.</summary>
internal sealed record TaskWorkChange(
    [property: JsonPropertyName("kind")] TaskWorkChangeKind Kind,
    [property: JsonPropertyName("succeeded")] bool Succeeded = false,
    [property: JsonPropertyName("latency")] TimeSpan Latency = default);

/// <summary>The kinds of <see cref="TaskWorkChange"/>.</summary>
internal enum TaskWorkChangeKind
{
    /// <summary>One more task in flight.</summary>
    Started,

    /// <summary>One task fewer in flight; its outcome counts in the track record.</summary>
    Finished,

    /// <summary>One task fewer in flight, without an outcome.</summary>
    Released,
}
