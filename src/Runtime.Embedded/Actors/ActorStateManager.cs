using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>The state manager of one activation: caches deserialized values and buffers the writes of the current turn.</summary>
/// <remarks>
/// Used by one turn at a time. Values read once stay cached for the life of the activation. A turn that throws
/// drops every key it touched from the cache, so the next turn re-reads the durable value.
/// </remarks>
public sealed class ActorStateManager : IActorStateManager
{
    private readonly ActorId _actor;
    private readonly IActorStateStore _store;
    private readonly JsonSerializerOptions _json;
    private Dictionary<string, StateSlot>? _cache;
    private List<string>? _touched;
    private List<string>? _pending;

    /// <summary>Creates the state manager of <paramref name="actor"/> over <paramref name="store"/>.</summary>
    public ActorStateManager(ActorId actor, IActorStateStore store, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(json);
        _actor = actor;
        _store = store;
        _json = json;
    }

    /// <summary>True when the current turn has buffered writes that are not committed yet.</summary>
    public bool HasPendingChanges => _pending is { Count: > 0 };

    /// <inheritdoc/>
    public ValueTask<(bool Found, T? Value)> TryGetStateAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache is not null && _cache.TryGetValue(key, out var slot))
        {
            Touch(key);
            return ValueTask.FromResult(slot.Exists ? (true, Convert<T>(slot)) : (false, default(T)));
        }

        var read = _store.GetAsync(_actor, key, cancellationToken);
        return read.IsCompletedSuccessfully
            ? ValueTask.FromResult(Load<T>(key, read.Result))
            : LoadAsync<T>(key, read);
    }

    /// <inheritdoc/>
    public void SetState<T>(string key, T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slot = Slot(key);
        slot.Value = value;
        slot.ValueType = typeof(T);
        slot.Exists = true;
        MarkPending(key, slot);
    }

    /// <inheritdoc/>
    public void RemoveState(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slot = Slot(key);
        slot.Value = null;
        slot.ValueType = null;
        slot.Exists = false;
        MarkPending(key, slot);
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SaveStateAsync(CancellationToken cancellationToken = default)
    {
        if (!HasPendingChanges)
        {
            return;
        }

        var changes = TakeChanges(out var keys);
        try
        {
            await _store.CommitAsync(_actor, changes, cancellationToken);
        }
        catch
        {
            // Not durable: the values stay pending, so a turn that goes on and succeeds still commits them.
            foreach (var key in keys)
            {
                MarkPending(key, _cache![key]);
            }

            throw;
        }
    }

    /// <summary>Commits the buffered writes at the end of a turn; a failure fails the turn, which discards them.</summary>
    internal ValueTask CommitTurnAsync() => _store.CommitAsync(_actor, TakeChanges(out _), CancellationToken.None);

    private ActorStateChange[] TakeChanges(out string[] keys)
    {
        keys = [.. _pending!];
        var changes = new ActorStateChange[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var slot = _cache![keys[i]];
            slot.Pending = false;
            changes[i] = new ActorStateChange(keys[i], slot.Exists ? Serialize(slot) : null);
        }

        _pending!.Clear();
        return changes;
    }

    /// <summary>Forgets the buffered writes and every value the current turn touched; called when a turn fails.</summary>
    internal void DiscardTurn()
    {
        if (_touched is not null && _cache is not null)
        {
            foreach (var key in _touched)
            {
                _cache.Remove(key);
            }
        }

        _pending?.Clear();
        _touched?.Clear();
    }

    /// <summary>Ends the current turn's bookkeeping; called after a successful turn.</summary>
    internal void EndTurn() => _touched?.Clear();

    private byte[] Serialize(StateSlot slot) => JsonSerializer.SerializeToUtf8Bytes(slot.Value, slot.ValueType ?? typeof(object), _json);

    private async ValueTask<(bool Found, T? Value)> LoadAsync<T>(string key, ValueTask<byte[]?> read) => Load<T>(key, await read);

    private (bool Found, T? Value) Load<T>(string key, byte[]? bytes)
    {
        var slot = new StateSlot { Exists = bytes is not null };
        if (bytes is not null)
        {
            slot.Value = JsonSerializer.Deserialize<T>(bytes, _json);
            slot.ValueType = typeof(T);
        }

        (_cache ??= new Dictionary<string, StateSlot>(StringComparer.Ordinal))[key] = slot;
        Touch(key);
        return (slot.Exists, slot.Value is T typed ? typed : default);
    }

    private T? Convert<T>(StateSlot slot)
    {
        if (slot.Value is T typed)
        {
            return typed;
        }

        if (slot.Value is null)
        {
            return default;
        }

        // The key was cached as another type: convert through JSON, as a fresh read would.
        return JsonSerializer.Deserialize<T>(Serialize(slot), _json);
    }

    private StateSlot Slot(string key)
    {
        _cache ??= new Dictionary<string, StateSlot>(StringComparer.Ordinal);
        if (!_cache.TryGetValue(key, out var slot))
        {
            slot = new StateSlot();
            _cache[key] = slot;
        }

        return slot;
    }

    private void MarkPending(string key, StateSlot slot)
    {
        Touch(key);
        if (!slot.Pending)
        {
            slot.Pending = true;
            (_pending ??= []).Add(key);
        }
    }

    private void Touch(string key) => (_touched ??= []).Add(key);

    private sealed class StateSlot
    {
        public object? Value { get; set; }

        public Type? ValueType { get; set; }

        public bool Exists { get; set; }

        public bool Pending { get; set; }
    }
}
