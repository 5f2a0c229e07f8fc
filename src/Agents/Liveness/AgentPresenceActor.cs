using System.Runtime.CompilerServices;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The presence of one agent: status and last heartbeat in memory and actor state, a periodic reminder that turns the
/// agent offline after too many missed heartbeats, and the work side matching needs (declared capabilities and task limit, load,
/// track record).</summary>
/// <remarks>
/// <para>The active actor's in-memory records are authoritative; the reminder's offline check runs in this actor and reads them. A
/// heartbeat that changes nothing but the last-heartbeat time answers without a durable write unless the persisted time is
/// <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/> or more older; a status change, a declaration and every task start or
/// finish are committed before the answer and before their <see cref="AgentStatusChanged"/> and <see cref="AgentRegistryEntry"/>
/// are published (task starts and finishes that queued while a call was in flight come together and share one commit, see
/// <see cref="AgentPresenceService"/>); deactivation persists the latest record. The persisted last heartbeat therefore lags the last answered one by less
/// than the bound, and only after a crash is the lag visible.</para>
/// <para>The reminder (period = the agent's heartbeat interval) is registered when the agent comes online (first heartbeat, or the
/// first after being offline) or declares another interval while online, and removed when it goes offline; on activation it is
/// re-registered only if missing or registered with another period. A check finds the agent offline once <c>interval × misses</c>
/// have passed since the last heartbeat, so an agent turns offline no earlier than that and at most one interval later; after a restart it
/// also waits until <see cref="AgentLivenessOptions.RestartGrace"/> has passed since the runtime started, as the host's absence is no
/// fault of the agent's.</para>
/// <para>Agents of an in-process agent type (<c>type/key</c> whose type is registered with <c>AddAgents</c>) are hosted by the
/// runtime and reachable whenever it runs: they are never offline, need no reminder, and publish nothing. Their count of tasks in
/// flight is not durable: their runs end with the process, so a start writes nothing and a restart counts from zero (a run that the
/// restart resumes counts itself again); the track record a finish changes is written as for any agent.</para>
/// </remarks>
internal sealed partial class AgentPresenceActor : Actor
{
    public const string ActorType = "agent-presence";
    public const string HeartbeatMethod = "heartbeat";
    public const string GetMethod = "get";
    public const string ReportStatusMethod = "report-status";
    public const string DeclareMethod = "declare";
    public const string EntryMethod = "entry";
    public const string WorkChangesMethod = "work-changes";
    public const string RemoveMethod = "remove";
    public const string StateKey = "presence";
    public const string WorkStateKey = "work";
    public const string ReminderName = "liveness";

    private readonly AgentPresenceContext _context;
    private readonly string _agentId;
    private readonly bool _alwaysAlive;

    // Capabilities an in-process agent type declares in code; such an agent is listed for matching, idle or working while its
    // host runs, and publishes its registry entry like any other.
    private readonly IReadOnlyDictionary<string, double>? _codeCapabilities;
    private PresenceRecord? _record;
    private PresenceRecord? _persisted;
    private AgentWorkRecord _work = AgentWorkRecord.Empty;
    private AgentWorkRecord _persistedWork = AgentWorkRecord.Empty;

    public AgentPresenceActor(ActorHost host, AgentPresenceContext context)
        : base(host)
    {
        _context = context;
        _agentId = PresenceKeys.AgentIdOf(host.Id);
        _alwaysAlive = context.IsInProcess(_agentId);
        _codeCapabilities = _alwaysAlive ? context.TaskCapabilitiesOf(_agentId) : null;
    }

    private TimeSpan Interval => _work.HeartbeatInterval ?? _context.Options.HeartbeatInterval;

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        var (found, record) = await StateManager.TryGetStateAsync<PresenceRecord>(StateKey, cancellationToken);
        _record = found ? record : null;
        _persisted = _record;
        var (workFound, work) = await StateManager.TryGetStateAsync<AgentWorkRecord>(WorkStateKey, cancellationToken);
        _persistedWork = workFound ? work! : AgentWorkRecord.Empty;

        // An earlier version wrote an in-process agent's count of tasks in flight, runs that ended with that process.
        _work = DurablePart(_persistedWork);
        if (_record is { Online: true } && !_alwaysAlive)
        {
            var reminder = await Host.Reminders.GetAsync(Id, ReminderName, cancellationToken);
            if (reminder?.Period != Interval)
            {
                await RegisterLivenessReminderAsync(cancellationToken);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case HeartbeatMethod:
                return await BeatAsync(declared: null, cancellationToken);
            case ReportStatusMethod:
                return await BeatAsync(ActorPayload.Read<DeclaredStatus>(call), cancellationToken);
            case GetMethod:
                return Presence();
            case DeclareMethod:
                return await DeclareAsync(ActorPayload.Read<AgentDeclaration>(call), cancellationToken);
            case EntryMethod:
                return Entry(_work);
            case WorkChangesMethod:
                return await ApplyWorkChangesAsync(ActorPayload.Read<IReadOnlyList<TaskWorkChange>>(call), cancellationToken);
            case RemoveMethod:
                return await ForgetAsync(cancellationToken);
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    public override ValueTask OnDeactivateAsync(CancellationToken cancellationToken)
    {
        // The runtime commits what is set here after this returns.
        if (_record is { } record && record != _persisted)
        {
            StateManager.SetState(StateKey, record);
            _persisted = record;
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        if (reminder.Name != ReminderName)
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        if (_record is not { Online: true } record || _alwaysAlive)
        {
            await UnregisterReminderAsync(ReminderName, cancellationToken);
            return;
        }

        if (Host.Time.GetUtcNow() < _context.OfflineAt(record.LastHeartbeat, Interval, Host.Runtime.StartedAt))
        {
            return;
        }

        await CommitAsync(record with { Online = false }, _work, persistPresence: true, record.LastHeartbeat, cancellationToken);
        await UnregisterReminderAsync(ReminderName, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<PresenceReply> BeatAsync(DeclaredStatus? declared, CancellationToken cancellationToken)
    {
        var now = Host.Time.GetUtcNow();
        var previous = _record is { Online: true } online ? online : null;
        var next = declared switch
        {
            DeclaredStatus.Busy => new PresenceRecord(Online: true, Busy: true, now),
            DeclaredStatus.Waiting => new PresenceRecord(Online: true, Busy: false, now, Waiting: true),
            DeclaredStatus.Idle => new PresenceRecord(Online: true, Busy: false, now),
            _ => new PresenceRecord(Online: true, previous?.Busy ?? false, now, previous?.Waiting ?? false),
        };
        var work = declared == DeclaredStatus.Idle && _work.Error ? _work with { Error = false } : _work;
        if (previous is null && !_alwaysAlive)
        {
            await RegisterLivenessReminderAsync(cancellationToken);
        }

        // Compared with what is durable, not with the previous record, so that a write that failed is retried.
        var persist = _persisted is not { Online: true } persisted
            || persisted.Busy != next.Busy
            || persisted.Waiting != next.Waiting
            || now - persisted.LastHeartbeat >= _context.PersistHeartbeatEvery(Interval);
        var changed = await CommitAsync(next, work, persist, now, cancellationToken);
        return new PresenceReply(Presence(now), changed);
    }

    private async ValueTask<AgentRegistryEntry?> ForgetAsync(CancellationToken cancellationToken)
    {
        var before = Status(_record, _work);
        _record = null;
        _work = AgentWorkRecord.Empty with { Version = _work.Version + 1 };
        StateManager.RemoveState(StateKey);
        StateManager.RemoveState(WorkStateKey);
        await UnregisterReminderAsync(ReminderName, cancellationToken);
        await StateManager.SaveStateAsync(cancellationToken);
        _persisted = null;
        _persistedWork = AgentWorkRecord.Empty;
        if (_alwaysAlive)
        {
            return null;
        }

        var at = Host.Time.GetUtcNow();
        if (before != AgentStatus.Offline)
        {
            await PublishAsync(AgentStatusChanged.Topic, AgentStatusChanged.EventType, new AgentStatusChanged(_agentId, before, AgentStatus.Offline, null, at), cancellationToken);
        }

        var removed = Entry(_work) with { Removed = true };
        await PublishAsync(AgentRegistryEntry.Topic, AgentRegistryEntry.EventType, removed, cancellationToken);
        return removed;
    }

    private AgentStatus Status(PresenceRecord? record, AgentWorkRecord work)
    {
        if (_codeCapabilities is not null)
        {
            return work.InFlight > 0 ? AgentStatus.Working : AgentStatus.Idle;
        }

        if (!_alwaysAlive && record is not { Online: true })
        {
            return AgentStatus.Offline;
        }

        if (work.Error)
        {
            return AgentStatus.Error;
        }

        if (record is { Waiting: true })
        {
            return AgentStatus.Waiting;
        }

        if (record is { Busy: true } || work.InFlight >= work.MaxConcurrentTasks)
        {
            return AgentStatus.Busy;
        }

        return work.InFlight > 0 ? AgentStatus.Working : AgentStatus.Idle;
    }

    private AgentPresence Presence(DateTimeOffset? now = null)
    {
        var presence = _record is { } record
            ? new AgentPresence(_agentId, Status(record, _work), record.LastHeartbeat, record.LastHeartbeat + Interval)
            : new AgentPresence(_agentId, Status(null, _work), null, now ?? Host.Time.GetUtcNow());
        return presence with
        {
            Load = _work.InFlight,
            MaxConcurrentTasks = _work.MaxConcurrentTasks,
            HeartbeatInterval = _work.HeartbeatInterval,
            TrackRecord = _work.Track,
        };
    }

    // A code-declared agent is listed before anything changed it, so its entries count from version 1 (an index ignores version 0).
    private AgentRegistryEntry Entry(AgentWorkRecord work) => _codeCapabilities is { } declared
        ? new(_agentId, Status(_record, work), declared, work.InFlight, AgentDeclaration.MaxTaskLimit, work.Track, work.Version + 1)
        : new(_agentId, Status(_record, work), work.Capabilities, work.InFlight, work.MaxConcurrentTasks, work.Track, work.Version, Role: work.Role);

    private Task RegisterLivenessReminderAsync(CancellationToken cancellationToken) =>
        RegisterReminderAsync(new ReminderRegistration(ReminderName, Interval, Interval), cancellationToken);
}
