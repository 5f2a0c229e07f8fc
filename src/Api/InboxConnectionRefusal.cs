namespace AgentPlatform.Api;

/// <summary>Why an inbox connection was refused: the agent is over its own cap (HTTP 429, gRPC RESOURCE_EXHAUSTED), or the host
/// holds as many as it allows (HTTP 503, gRPC UNAVAILABLE).</summary>
/// <param name="AtHostCapacity">True when the host-wide cap was reached rather than the agent's.</param>
/// <param name="RetryAfter">How long the caller should wait before trying again.</param>
/// <param name="Detail">The text for the caller, naming the setting that set the cap.</param>
public sealed record InboxConnectionRefusal(bool AtHostCapacity, TimeSpan RetryAfter, string Detail);
