using AgentPlatform.Runtime.State;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>An <see cref="IStateStore"/> in memory, with the same ETag, transaction and TTL rules as <see cref="SqliteStateStore"/>.</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _lastETag;

    /// <summary>Creates an empty store named <paramref name="name"/>.</summary>
    public InMemoryStateStore(string name = "statestore", TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<StateEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var nowMs = NowMs();
        lock (_gate)
        {
            return ValueTask.FromResult(Read(key, nowMs));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StateEntry?>> GetBulkAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var nowMs = NowMs();
        var result = new StateEntry?[keys.Count];
        lock (_gate)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = Read(keys[i], nowMs);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StateEntry?>>(result);
    }

    /// <inheritdoc/>
    public ValueTask<string> SetAsync(string key, ReadOnlyMemory<byte> value, StateWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ValueTask.FromResult(Apply([new StateOperation.Upsert(key, value, options)])!);
    }

    /// <inheritdoc/>
    public ValueTask DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Apply([new StateOperation.Delete(key, etag)]);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken = default)
    {
        StateRules.Validate(operations);
        Apply(operations);
        return ValueTask.CompletedTask;
    }

    /// <summary>Applies <paramref name="operations"/> all or nothing and returns the ETag of the last upsert.</summary>
    private string? Apply(IReadOnlyList<StateOperation> operations)
    {
        var now = _time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        lock (_gate)
        {
            // Check every operation against the state the earlier operations of the transaction leave behind.
            var staged = new Dictionary<string, Item?>(StringComparer.Ordinal);
            var lastETag = _lastETag;
            string? etag = null;
            foreach (var operation in operations)
            {
                var current = staged.TryGetValue(operation.Key, out var item) ? item?.ETag : LiveETag(operation.Key, nowMs);
                switch (operation)
                {
                    case StateOperation.Upsert upsert:
                        StateRules.CheckWrite(upsert.Key, current, upsert.Options);
                        staged[upsert.Key] = new Item(upsert.Value.ToArray(), ++lastETag, StateRules.ExpiresAt(upsert.Options, now));
                        etag = StateRules.Format(lastETag);
                        break;
                    case StateOperation.Delete delete:
                        StateRules.CheckDelete(delete.Key, current, delete.ETag);
                        staged[delete.Key] = null;
                        break;
                }
            }

            foreach (var (key, item) in staged)
            {
                if (item is null)
                {
                    _items.Remove(key);
                }
                else
                {
                    _items[key] = item;
                }
            }

            _lastETag = lastETag;
            return etag;
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long? LiveETag(string key, long nowMs) =>
        _items.TryGetValue(key, out var item) && !item.IsExpired(nowMs) ? item.ETag : null;

    private StateEntry? Read(string key, long nowMs)
    {
        if (!_items.TryGetValue(key, out var item))
        {
            return null;
        }

        if (item.IsExpired(nowMs))
        {
            _items.Remove(key);
            return null;
        }

        return new StateEntry(key, item.Value, StateRules.Format(item.ETag));
    }

    private sealed record Item(byte[] Value, long ETag, long? ExpiresMs)
    {
        public bool IsExpired(long nowMs) => ExpiresMs is { } expires && expires <= nowMs;
    }
}
