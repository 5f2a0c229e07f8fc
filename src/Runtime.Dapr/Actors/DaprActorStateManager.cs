using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using DaprStateManager = Dapr.Actors.Runtime.IActorStateManager;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>A platform actor's state manager over Dapr's: buffers the turn's writes, hands them to Dapr's state manager when the
/// turn succeeds (Dapr then commits them in one actor state transaction) and forgets them when it throws.</summary>
/// <remarks>Values are kept in Dapr's state manager as <see cref="JsonElement"/>s written with the actor JSON options, so one
/// key read as different types in different turns never meets Dapr's cast of its cached value. Keys go through
/// <see cref="DaprNameCodec"/> because Dapr's state manager puts them into request paths.</remarks>
internal sealed class DaprActorStateManager(DaprStateManager dapr, JsonSerializerOptions json) : IActorStateManager
{
    private readonly Dictionary<string, PendingWrite> _pending = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async ValueTask<(bool Found, T? Value)> TryGetStateAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_pending.TryGetValue(key, out var pending))
        {
            return pending.Exists ? (true, Convert<T>(pending)) : (false, default);
        }

        var stored = await dapr.TryGetStateAsync<JsonElement>(DaprNameCodec.Encode(key), cancellationToken);
        return stored.HasValue ? (true, stored.Value.Deserialize<T>(json)) : (false, default);
    }

    /// <inheritdoc/>
    public void SetState<T>(string key, T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _pending[key] = new PendingWrite(true, value, typeof(T));
    }

    /// <inheritdoc/>
    public void RemoveState(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _pending[key] = new PendingWrite(false, null, null);
    }

    /// <inheritdoc/>
    public async ValueTask SaveStateAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await dapr.SaveStateAsync(cancellationToken);
    }

    /// <summary>Hands the buffered writes to Dapr's state manager, which commits them when the turn ends.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, write) in _pending)
        {
            var daprKey = DaprNameCodec.Encode(key);
            if (write.Exists)
            {
                await dapr.SetStateAsync(daprKey, JsonSerializer.SerializeToElement(write.Value, write.Type!, json), cancellationToken);
            }
            else
            {
                await dapr.TryRemoveStateAsync(daprKey, cancellationToken);
            }
        }

        _pending.Clear();
    }

    /// <summary>Forgets the buffered writes of a turn that failed.</summary>
    public void Discard() => _pending.Clear();

    private T? Convert<T>(PendingWrite write) => write.Value switch
    {
        T typed => typed,
        null => default,
        _ => JsonSerializer.SerializeToElement(write.Value, write.Type!, json).Deserialize<T>(json),
    };

    private readonly record struct PendingWrite(bool Exists, object? Value, Type? Type);
}
