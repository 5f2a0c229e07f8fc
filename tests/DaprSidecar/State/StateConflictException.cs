namespace AgentPlatform.DaprSidecar.State;

/// <summary>A conditional state write lost: the ETag no longer matches, or a first-write found the key present.</summary>
internal sealed class StateConflictException(string key)
    : Exception($"possible etag mismatch. error from state store: etag mismatch for key {key}")
{
    /// <summary>The key whose write lost.</summary>
    public string Key { get; } = key;
}
