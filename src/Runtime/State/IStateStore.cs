namespace AgentPlatform.Runtime.State;

/// <summary>A key/value state store with ETags and multi-key transactions, as Dapr's state building block.</summary>
/// <remarks>
/// Writes without an ETag are last-write-wins. A write or delete with an ETag succeeds only when it matches
/// the stored one, otherwise <see cref="ETagMismatchException"/> is thrown and nothing changes (first-write-wins).
/// <see cref="StateConcurrency.FirstWrite"/> without an ETag inserts only when the key does not exist.
/// Every completed write is durable. A written value's memory may be read until the write's task completes (a
/// group commit reads it later, on the writer's thread), so a caller must not reuse or return a pooled buffer
/// before then; a store copies whatever it keeps.
/// </remarks>
public interface IStateStore
{
    /// <summary>The component name, for example <c>statestore</c>.</summary>
    string Name { get; }

    /// <summary>Reads a key; null when missing or expired.</summary>
    ValueTask<StateEntry?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Reads several keys; the result has one entry per key, in order, null for a missing key.</summary>
    ValueTask<IReadOnlyList<StateEntry?>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes a value and returns its new ETag.</summary>
    /// <exception cref="ETagMismatchException">The ETag does not match the stored one.</exception>
    ValueTask<string> SetAsync(string key, ReadOnlyMemory<byte> value, StateWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key; with an ETag, only if it matches. Deleting a missing key without an ETag is not an error.</summary>
    /// <exception cref="ETagMismatchException">The ETag does not match the stored one.</exception>
    ValueTask DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default);

    /// <summary>Applies all operations atomically: either every one succeeds or none is applied.</summary>
    /// <exception cref="ETagMismatchException">An operation's ETag does not match; nothing was applied.</exception>
    ValueTask TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken = default);
}
