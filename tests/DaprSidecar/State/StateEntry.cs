namespace AgentPlatform.DaprSidecar.State;

/// <summary>A stored value with its ETag and, when it was written with a ttl, when it expires.</summary>
internal sealed record StateEntry(byte[] Value, string ETag, DateTimeOffset? ExpiresAt);
