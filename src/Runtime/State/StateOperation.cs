namespace AgentPlatform.Runtime.State;

/// <summary>One operation of a state transaction.</summary>
public abstract record StateOperation(string Key)
{
    /// <summary>Inserts or replaces a value.</summary>
    /// <param name="Key">The key.</param>
    /// <param name="Value">The value bytes.</param>
    /// <param name="Options">ETag, concurrency and time-to-live.</param>
    public sealed record Upsert(string Key, ReadOnlyMemory<byte> Value, StateWriteOptions? Options = null) : StateOperation(Key);

    /// <summary>Deletes a key, if <paramref name="ETag"/> matches when given.</summary>
    /// <param name="Key">The key.</param>
    /// <param name="ETag">The expected ETag, or null.</param>
    public sealed record Delete(string Key, string? ETag = null) : StateOperation(Key);
}
