namespace AgentPlatform.DaprSidecar.State;

/// <summary>One upsert (<see cref="Value"/> set) or delete (<see cref="Value"/> null) inside a state change.</summary>
/// <param name="Key">The stored key, already prefixed the way daprd prefixes it (<c>{appId}||{key}</c>).</param>
/// <param name="Value">The bytes to store, or null to delete.</param>
/// <param name="ETag">The ETag the caller read; the write only succeeds while it still matches.</param>
/// <param name="FirstWrite">First-write concurrency: without an ETag the key must not exist yet.</param>
/// <param name="Ttl">How long the value lives, from <c>ttlInSeconds</c> metadata.</param>
internal sealed record StateWrite(string Key, byte[]? Value, string? ETag, bool FirstWrite, TimeSpan? Ttl)
{
    /// <summary>Whether the write is conditional, i.e. one a stale caller can lose.</summary>
    public bool IsConditional => !string.IsNullOrEmpty(ETag) || FirstWrite;
}
