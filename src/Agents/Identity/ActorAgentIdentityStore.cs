using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Identity;

/// <summary>The agent registry on the actor runtime: an identity actor per agent and one directory actor for names and order.</summary>
/// <remarks>
/// Profiles and key hashes read through this store are cached in memory. Every write through this store bumps the
/// agent's generation before it returns, and a cached entry is used only while its generation is current, so a
/// rotation, revocation or deletion is seen by every verification that starts after it returns. With several replicas
/// (Dapr mode) each write is also announced through <see cref="IAgentIdentityChanges"/>, and every replica calls
/// <see cref="ForgetCached"/> when the announcement arrives.
/// </remarks>
public sealed class ActorAgentIdentityStore : IAgentIdentityStore, IAsyncDisposable, IDisposable
{
    private const int MaxReservationBatch = 256;

    private readonly Channel<PendingReservation> _reservations = Channel.CreateUnbounded<PendingReservation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _reservationPump;
    private readonly IActorRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly IAgentIdentityChanges? _changes;
    private readonly ConcurrentDictionary<string, Cached<AgentProfile>> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<IReadOnlyList<ApiKeyRecord>>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    /// <summary>Creates the store over <paramref name="runtime"/>, which must host the identity actor types
    /// (see <c>AddAgentIdentity</c>); <paramref name="changes"/> announces writes to other replicas, when there are any.</summary>
    public ActorAgentIdentityStore(IActorRuntime runtime, TimeProvider time, IAgentIdentityChanges? changes = null)
    {
        _runtime = runtime;
        _time = time;
        _changes = changes;
        _reservationPump = new Lazy<Task>(() => Task.Run(PumpReservationsAsync));
    }

    /// <inheritdoc/>
    public async ValueTask<RegisteredAgent> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var now = _time.GetUtcNow();
        while (true)
        {
            var agentId = ApiKey.NewAgentId();
            var (key, record) = ApiKey.Create(agentId, now);
            var profile = new AgentProfile(
                agentId, registration.Name, registration.Description, registration.Emoji,
                new Dictionary<string, double>(registration.Capabilities, StringComparer.Ordinal), now, registration.Role);

            // The identity is created before the name is reserved: a crash in between leaves an unreachable
            // identity, never a name that points at nothing.
            if (!await _runtime.InvokeAsync<AgentIdentityRecord, bool>(Identity(agentId), AgentIdentityActor.Create, new AgentIdentityRecord(profile, [record]), cancellationToken))
            {
                continue;
            }

            var sequence = await ReserveAsync(new DirectoryEntry(registration.Name, agentId));
            if (sequence is null)
            {
                await _runtime.InvokeAsync(Identity(agentId), AgentIdentityActor.Delete, CancellationToken.None);
                throw new AgentNameTakenException(registration.Name);
            }

            return new RegisteredAgent(profile, key);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<AgentProfile?> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsAgentId(agentId))
        {
            return null;
        }

        return await ReadThroughAsync(_profiles, agentId, AgentIdentityActor.Get, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<AgentProfile?> UpdateAsync(string agentId, AgentProfileUpdate update, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsAgentId(agentId))
        {
            return null;
        }

        try
        {
            return await _runtime.InvokeAsync<AgentProfileUpdate, AgentProfile?>(Identity(agentId), AgentIdentityActor.Update, update, cancellationToken);
        }
        finally
        {
            await InvalidateAsync(agentId);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<string?> RotateKeyAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsAgentId(agentId))
        {
            return null;
        }

        var (key, record) = ApiKey.Create(agentId, _time.GetUtcNow());
        try
        {
            return await _runtime.InvokeAsync<ApiKeyRecord, bool>(Identity(agentId), AgentIdentityActor.Rotate, record, cancellationToken) ? key : null;
        }
        finally
        {
            await InvalidateAsync(agentId);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> RevokeKeysAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsAgentId(agentId))
        {
            return false;
        }

        try
        {
            return await _runtime.InvokeAsync<bool>(Identity(agentId), AgentIdentityActor.Revoke, cancellationToken);
        }
        finally
        {
            await InvalidateAsync(agentId);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string agentId, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.IsAgentId(agentId))
        {
            return false;
        }

        AgentProfile? deleted;
        try
        {
            deleted = await _runtime.InvokeAsync<AgentProfile?>(Identity(agentId), AgentIdentityActor.Delete, cancellationToken);
        }
        finally
        {
            await InvalidateAsync(agentId);
        }

        if (deleted is null)
        {
            return false;
        }

        await _runtime.InvokeAsync(AgentDirectoryActor.Address, AgentDirectoryActor.Release, new DirectoryEntry(deleted.Name, agentId), CancellationToken.None);
        return true;
    }

    /// <inheritdoc/>
    public async ValueTask<ApiKeyVerification> VerifyKeyAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKey.TryParse(presentedKey, out var keyId, out var secret))
        {
            return new ApiKeyVerification(ApiKeyStatus.Malformed, null, null);
        }

        var agentId = ApiKey.AgentIdOf(keyId);
        var keys = await ReadThroughAsync(_keys, agentId, AgentIdentityActor.Keys, cancellationToken);
        foreach (var record in keys ?? [])
        {
            if (record.KeyId == keyId && ApiKey.Matches(record, secret))
            {
                return new ApiKeyVerification(ApiKeyStatus.Valid, agentId, keyId);
            }
        }

        return new ApiKeyVerification(ApiKeyStatus.Rejected, null, keyId);
    }

    /// <inheritdoc/>
    public async ValueTask<AgentPage> ListAsync(
        string? after,
        int limit,
        Func<AgentProfile, CancellationToken, ValueTask<bool>>? filter = null,
        int? examineAtMost = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(examineAtMost ?? 1, 1, nameof(examineAtMost));
        var position = after is null ? -1 : ParseCursor(after);
        var budget = examineAtMost ?? int.MaxValue;
        var agents = new List<AgentProfile>(limit);
        while (true)
        {
            var slice = await _runtime.InvokeAsync<DirectoryQuery, DirectorySlice>(
                AgentDirectoryActor.Address, AgentDirectoryActor.List, new DirectoryQuery(position, Math.Clamp(budget, limit, Math.Max(limit, 64))), cancellationToken);
            foreach (var item in slice.Items)
            {
                position = item.Sequence;
                budget--;
                if (await GetAsync(item.AgentId, cancellationToken) is { } profile && (filter is null || await filter(profile, cancellationToken)))
                {
                    agents.Add(profile);
                }

                if (agents.Count == limit || budget == 0)
                {
                    var more = slice.HasMore || item != slice.Items[^1];
                    return new AgentPage(agents, more ? Cursor(position) : null);
                }
            }

            if (!slice.HasMore)
            {
                return new AgentPage(agents, null);
            }
        }
    }

    /// <summary>Stops taking name reservations; registrations already queued still complete.</summary>
    public async ValueTask DisposeAsync()
    {
        _reservations.Writer.TryComplete();
        if (_reservationPump.IsValueCreated)
        {
            await _reservationPump.Value;
        }
    }

    /// <summary>Stops taking name reservations without waiting for queued ones.</summary>
    public void Dispose() => _reservations.Writer.TryComplete();

    // Registrations queue their name and one pump hands the directory everything queued in one call, so concurrent
    // registrations share a directory turn and its commit instead of waiting for one commit each.
    private Task<long?> ReserveAsync(DirectoryEntry entry)
    {
        var pending = new PendingReservation(entry, new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_reservations.Writer.TryWrite(pending), this);

        _ = _reservationPump.Value;
        return pending.Result.Task;
    }

    private async Task PumpReservationsAsync()
    {
        var batch = new List<PendingReservation>(MaxReservationBatch);
        while (await _reservations.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxReservationBatch && _reservations.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                var entries = batch.Select(p => p.Entry).ToList();
                var sequences = await _runtime.InvokeAsync<IReadOnlyList<DirectoryEntry>, long?[]>(AgentDirectoryActor.Address, AgentDirectoryActor.Reserve, entries, CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(sequences[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Result.TrySetException(e);
                }
            }
        }
    }

    private static ActorId Identity(string agentId) => ActorId.Create(AgentIdentityActor.TypeName, agentId);

    private static string Cursor(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    private static long ParseCursor(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && cursor.Length <= 19
            ? sequence
            : throw new FormatException($"'{cursor}' is not a listing cursor.");

    /// <summary>Answers from <paramref name="cache"/> while the entry's generation is current, else asks the identity actor
    /// and caches a non-null answer under the generation read before asking.</summary>
    private async ValueTask<T?> ReadThroughAsync<T>(ConcurrentDictionary<string, Cached<T>> cache, string agentId, string method, CancellationToken cancellationToken)
        where T : class
    {
        var generation = _generations.GetValueOrDefault(agentId);
        if (cache.TryGetValue(agentId, out var cached) && cached.Generation == generation)
        {
            return cached.Value;
        }

        var value = await _runtime.InvokeAsync<T?>(Identity(agentId), method, cancellationToken);
        if (value is not null)
        {
            cache[agentId] = new Cached<T>(value, generation);
        }

        return value;
    }

    /// <summary>Drops this process's cached profile and keys of <paramref name="agentId"/>, for a change made elsewhere.</summary>
    public void ForgetCached(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        _generations.AddOrUpdate(agentId, 1, static (_, generation) => generation + 1);
        _profiles.TryRemove(agentId, out _);
        _keys.TryRemove(agentId, out _);
    }

    private ValueTask InvalidateAsync(string agentId)
    {
        ForgetCached(agentId);
        return _changes?.PublishAsync(agentId, CancellationToken.None) ?? ValueTask.CompletedTask;
    }

    private sealed record Cached<T>(T Value, long Generation);

    private sealed record PendingReservation(DirectoryEntry Entry, TaskCompletionSource<long?> Result);
}
