using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The work side of the presence actor: declarations, task starts and finishes, and committing and publishing changes.</summary>
internal sealed partial class AgentPresenceActor
{
    private async ValueTask<PresenceReply> DeclareAsync(AgentDeclaration declaration, CancellationToken cancellationToken)
    {
        var work = _work with
        {
            Capabilities = declaration.Capabilities is { } capabilities
                ? new Dictionary<string, double>(capabilities, StringComparer.Ordinal)
                : _work.Capabilities,
            MaxConcurrentTasks = declaration.MaxConcurrentTasks ?? _work.MaxConcurrentTasks,
            HeartbeatInterval = declaration.SetHeartbeatInterval ? declaration.HeartbeatInterval : _work.HeartbeatInterval,
            Role = declaration.SetRole ? declaration.Role : _work.Role,
        };
        var intervalChanged = work.HeartbeatInterval != _work.HeartbeatInterval;
        var changed = await CommitAsync(_record, work, persistPresence: false, _record?.LastHeartbeat, cancellationToken);
        if (intervalChanged && _record is { Online: true } && !_alwaysAlive)
        {
            await RegisterLivenessReminderAsync(cancellationToken);
        }

        return new PresenceReply(Presence(), changed);
    }

    /// <summary>Applies task starts, finishes and releases in order and commits them once.</summary>
    private ValueTask<PresenceReply> ApplyWorkChangesAsync(IReadOnlyList<TaskWorkChange> changes, CancellationToken cancellationToken)
    {
        var work = _work;
        foreach (var change in changes)
        {
            work = change.Kind switch
            {
                TaskWorkChangeKind.Started => work with { InFlight = work.InFlight + 1 },
                TaskWorkChangeKind.Finished => work with
                {
                    InFlight = Math.Max(0, work.InFlight - 1),
                    Error = !change.Succeeded,
                    Track = work.Track.After(change.Succeeded, change.Latency, _context.Options.LatencySmoothing),
                },
                _ => work with { InFlight = Math.Max(0, work.InFlight - 1) },
            };
        }

        return CommitWorkAsync(work, cancellationToken);
    }

    /// <summary>Commits a change of the work side only (the presence record stays as it is) and answers the new presence.</summary>
    private async ValueTask<PresenceReply> CommitWorkAsync(AgentWorkRecord work, CancellationToken cancellationToken)
    {
        var changed = await CommitAsync(_record, work, persistPresence: false, _record?.LastHeartbeat, cancellationToken);
        return new PresenceReply(Presence(), changed);
    }

    /// <summary>Makes <paramref name="record"/> and <paramref name="work"/> current: writes what must be durable in one save, then
    /// publishes a status change and a new registry entry when they changed.</summary>
    /// <returns>The new registry entry when matching data changed (and the agent is not an in-process agent without task
    /// capabilities), otherwise null.</returns>
    private async ValueTask<AgentRegistryEntry?> CommitAsync(
        PresenceRecord? record, AgentWorkRecord work, bool persistPresence, DateTimeOffset? lastHeartbeat, CancellationToken cancellationToken)
    {
        var before = Status(_record, _work);
        var after = Status(record, work);
        var entryChanged = after != before
            || work.InFlight != _work.InFlight
            || work.MaxConcurrentTasks != _work.MaxConcurrentTasks
            || work.Track != _work.Track
            || work.Role != _work.Role
            || !ReferenceEquals(work.Capabilities, _work.Capabilities);
        if (entryChanged)
        {
            work = work with { Version = work.Version + 1 };
        }

        var save = false;
        if (persistPresence && record is not null)
        {
            StateManager.SetState(StateKey, record);
            save = true;
        }

        // An in-process agent's count of tasks in flight is not written (see the class remarks), so a change of only that count (and
        // of the entry's version it moves) writes nothing.
        var durableWork = DurablePart(work);
        var durableChange = _alwaysAlive ? durableWork with { Version = _persistedWork.Version } != _persistedWork : durableWork != _persistedWork;
        if (durableChange)
        {
            StateManager.SetState(WorkStateKey, durableWork);
            save = true;
        }

        if (save)
        {
            await StateManager.SaveStateAsync(cancellationToken);
            if (persistPresence)
            {
                _persisted = record;
            }

            _persistedWork = durableWork;
        }

        _record = record;
        _work = work;
        if (_alwaysAlive && _codeCapabilities is null)
        {
            return null;
        }

        var at = Host.Time.GetUtcNow();
        if (after != before && !_alwaysAlive)
        {
            await PublishAsync(AgentStatusChanged.Topic, AgentStatusChanged.EventType, new AgentStatusChanged(_agentId, before, after, lastHeartbeat, at), cancellationToken);
        }

        if (!entryChanged)
        {
            return null;
        }

        var entry = Entry(work);
        await PublishAsync(AgentRegistryEntry.Topic, AgentRegistryEntry.EventType, entry, cancellationToken);
        return entry;
    }

    /// <summary>What of <paramref name="work"/> outlives the process: all of it, except an in-process agent's count of tasks in
    /// flight, whose runs end with the process.</summary>
    private AgentWorkRecord DurablePart(AgentWorkRecord work) => _alwaysAlive ? work with { InFlight = 0 } : work;

    private async ValueTask PublishAsync(string topic, string type, object data, CancellationToken cancellationToken)
    {
        try
        {
            await _context.PubSub.PublishAsync(topic, data, new PublishOptions { Type = type }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.AgentChangeNotPublished(_context.Logger, e, _agentId, topic);
        }
    }
}
