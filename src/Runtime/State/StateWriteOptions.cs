namespace AgentPlatform.Runtime.State;

/// <summary>Options of one write.</summary>
/// <param name="ETag">When set, the write succeeds only if the stored ETag matches.</param>
/// <param name="Concurrency">The concurrency mode.</param>
/// <param name="TimeToLive">When set, the value expires after this long.</param>
public sealed record StateWriteOptions(string? ETag = null, StateConcurrency Concurrency = StateConcurrency.LastWrite, TimeSpan? TimeToLive = null);
