using AgentPlatform.Runtime.State;
using Dapr;
using Dapr.Client;
using Grpc.Core;

namespace AgentPlatform.Runtime.Dapr.State;

/// <summary>The platform state store on a Dapr state component through <see cref="DaprClient"/> (gRPC): raw bytes, ETags,
/// first-write concurrency, transactions and <c>ttlInSeconds</c>.</summary>
/// <remarks>Dapr answers a save without its new ETag, so <see cref="SetAsync"/> reads the key back. When another writer got
/// in between, the ETag returned is one that never matches, so the caller's next conditional write fails safely instead of
/// overwriting a value it has not seen. Time-to-live is rounded up to whole seconds, Dapr's unit.</remarks>
public sealed class DaprStateStore(DaprClient client, string name) : IStateStore
{
    private const string SupersededETag = "~superseded~";
    private static readonly StateOptions Conditional = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <inheritdoc/>
    public async ValueTask<StateEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var (value, etag) = await client.GetByteStateAndETagAsync(Name, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return string.IsNullOrEmpty(etag) ? null : new StateEntry(key, value, etag);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StateEntry?>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        // Dapr's bulk read returns values as strings; single reads keep the bytes exact.
        return await Task.WhenAll(keys.Select(key => GetAsync(key, cancellationToken).AsTask()));
    }

    /// <inheritdoc/>
    public async ValueTask<string> SetAsync(string key, ReadOnlyMemory<byte> value, StateWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var metadata = Metadata(options);
        try
        {
            if (options?.ETag is { } etag)
            {
                if (!await client.TrySaveByteStateAsync(Name, key, value, etag, Conditional, metadata, cancellationToken))
                {
                    throw new ETagMismatchException(key);
                }
            }
            else
            {
                await client.SaveByteStateAsync(Name, key, value, StateOptionsOf(options), metadata, cancellationToken);
            }
        }
        catch (DaprException error) when (StateOptionsOf(options) is not null && IsConflict(error))
        {
            throw new ETagMismatchException(key);
        }

        var written = await GetAsync(key, cancellationToken);
        return written is not null && written.Value.Span.SequenceEqual(value.Span) ? written.ETag : SupersededETag;
    }

    /// <inheritdoc/>
    public async ValueTask DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            if (etag is null)
            {
                await client.DeleteStateAsync(Name, key, cancellationToken: cancellationToken);
            }
            else if (!await client.TryDeleteStateAsync(Name, key, etag, Conditional, cancellationToken: cancellationToken))
            {
                throw new ETagMismatchException(key);
            }
        }
        catch (DaprException error) when (etag is not null && IsConflict(error))
        {
            throw new ETagMismatchException(key);
        }
    }

    /// <inheritdoc/>
    public async ValueTask TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            return;
        }

        var requests = operations.Select(ToRequest).ToList();
        try
        {
            await client.ExecuteStateTransactionAsync(Name, requests, cancellationToken: cancellationToken);
        }
        catch (DaprException error) when (ConditionalKey(operations) is { } key && IsConflict(error))
        {
            throw new ETagMismatchException(key);
        }
    }

    private static StateTransactionRequest ToRequest(StateOperation operation) => operation switch
    {
        StateOperation.Upsert upsert => new StateTransactionRequest(
            upsert.Key, upsert.Value.ToArray(), StateOperationType.Upsert, upsert.Options?.ETag, Metadata(upsert.Options), StateOptionsOf(upsert.Options)),
        StateOperation.Delete delete => new StateTransactionRequest(
            delete.Key, null, StateOperationType.Delete, delete.ETag, null, delete.ETag is null ? null : Conditional),
        _ => throw new ArgumentException($"Unknown state operation {operation.GetType().Name}.", nameof(operation)),
    };

    private static string? ConditionalKey(IReadOnlyList<StateOperation> operations) => operations.FirstOrDefault(op => op switch
    {
        StateOperation.Upsert upsert => upsert.Options is { ETag: not null } or { Concurrency: StateConcurrency.FirstWrite },
        StateOperation.Delete delete => delete.ETag is not null,
        _ => false,
    })?.Key;

    private static StateOptions? StateOptionsOf(StateWriteOptions? options) =>
        options is { ETag: not null } or { Concurrency: StateConcurrency.FirstWrite } ? Conditional : null;

    private static Dictionary<string, string>? Metadata(StateWriteOptions? options) => options?.TimeToLive is { } ttl
        ? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DaprTimeToLive.MetadataKey] = DaprTimeToLive.Seconds(ttl),
        }
        : null;

    // Dapr reports an ETag mismatch (or an existing key under first-write) as gRPC Aborted; a transaction's conflict may come
    // back as an internal error naming the ETag, and an ETag the store cannot parse as an invalid argument. Only a conditional
    // write can conflict, so callers ask only about those.
    private static bool IsConflict(DaprException error) =>
        error.InnerException is RpcException rpc
        && (rpc.StatusCode == StatusCode.Aborted
            || (rpc.StatusCode is StatusCode.Internal or StatusCode.InvalidArgument && rpc.Status.Detail.Contains("etag", StringComparison.OrdinalIgnoreCase)));
}
